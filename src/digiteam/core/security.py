"""Response headers and the client address behind a reverse proxy (docs/security.md).

``SecurityHeadersMiddleware`` is django-csp's middleware (the policy is
``settings.CONTENT_SECURITY_POLICY``) with two additions: a ``Permissions-Policy`` header on
every response, and the few paths whose bundled third-party page needs more than the strict
policy (``PATH_POLICY_UPDATES``), so that no view of ours has to relax it.

``client_address`` is django-axes' ``AXES_CLIENT_IP_CALLABLE``: the address a sign-in attempt
is counted against.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

# Browser features no page of digiteam uses, refused to every page and anything it embeds.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "serial",
        "bluetooth",
        "display-capture",
    )
)

# Directives added, by path prefix, for pages we do not write. The API docs page is
# django-ninja's bundled Swagger UI, whose stylesheet draws its icons from data: URLs.
PATH_POLICY_UPDATES: dict[str, dict[str, list[str]]] = {
    "/api/": {"img-src": ["data:"]},
}


class SecurityHeadersMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        for prefix, update in PATH_POLICY_UPDATES.items():
            if request.path_info.startswith(prefix):
                parts.update = {**update, **(parts.update or {})}
        return parts

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def client_address(request: HttpRequest) -> str | None:
    """The address of the client, as seen by the outermost of our trusted proxies.

    With ``DIGITEAM_PROXY_COUNT=0`` (no proxy) it is ``REMOTE_ADDR``, and an
    ``X-Forwarded-For`` header, which any client can send, is ignored. With ``N`` proxies, each
    appends the address it received from to ``X-Forwarded-For``, so the client is the ``N``-th
    address from the right; addresses further left were written by the client and are ignored.
    A request with fewer addresses than proxies did not come through them all: its
    ``REMOTE_ADDR`` is used.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.DIGITEAM_PROXY_COUNT
    if count < 1:
        return remote
    forwarded = [
        a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
    ]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]
