"""Who calls: a personal API token (``Authorization: Bearer dgt_…``) or the browser's session.

A token is tried first: an unknown, expired or revoked one is refused (401) rather than falling
back to a session; a read-only token is refused every unsafe method (403). A session must send
the CSRF token with an unsafe method (403 without), as the web forms do; a token needs none, as
no browser sends it on its own. Writes are attributed to the token's user and name (audit).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from digiteam.accounts.models import ApiToken
from digiteam.accounts.services import api_token_use
from digiteam.api.problems import Problem
from digiteam.audit.context import identify

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Caller:
    """The user a request acts as, and the token it came with (None: the session)."""

    user: Any
    token: ApiToken | None = None


def caller(request: HttpRequest) -> Caller:
    """The authenticated caller of an endpoint (the auth classes below set it)."""
    auth = getattr(request, "auth", None)
    assert isinstance(auth, Caller), "endpoint without authentication"
    return auth


class TokenAuth(HttpBearer):
    """``Authorization: Bearer dgt_…``."""

    @sensitive_variables("token")  # kept out of error reports
    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        found = api_token_use(secret=token.strip())
        if found is None:
            raise Problem(
                401,
                _("This token is unknown, expired or revoked."),
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        if request.method not in SAFE_METHODS and not found.read_write:
            raise Problem(403, _("This token may only read."))
        identify(user=found.user, token=found.name)
        return Caller(user=found.user, token=found)


class SessionAuth(APIKeyCookie):
    """The web app's session; unsafe methods need its CSRF token (``X-CSRFToken``)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Caller | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise Problem(403, _("Send the CSRF token with this request (X-CSRFToken)."))
        return Caller(user=user)

    def authenticate(self, request: HttpRequest, key: str | None) -> Caller | None:
        return None  # __call__ decides: the session middleware has read the cookie already


AUTH = [TokenAuth(), SessionAuth()]
