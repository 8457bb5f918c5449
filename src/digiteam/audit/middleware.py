"""Every write a web or API request makes is recorded as that signed-in user's change set."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from digiteam.audit.choices import Via
from digiteam.audit.context import acting


class AuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        via = Via.API if request.path_info.startswith("/api/") else Via.WEB
        user = getattr(request, "user", None)
        with acting(user=user, via=via):
            return self.get_response(request)
