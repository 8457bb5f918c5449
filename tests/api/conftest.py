"""API clients: by token or by session, each checking that every answer it gets is documented.

``ApiClient`` asserts, on every response of an API operation, that the OpenAPI description
lists that status for that operation: the tests' own calls keep the description honest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

import pytest
from django.test import Client

from digiteam.accounts.models import ApiToken, MembershipRole
from digiteam.accounts.services import api_token_create
from digiteam.organisation.models import Government, Unit
from tests.accounts.conftest import Tree, tree
from tests.factories import make_membership, make_user

__all__ = ["ApiClient", "Tree", "tree"]

JSON = "application/json"


@cache
def _operations() -> dict[tuple[str, str], set[str]]:
    from digiteam.api.main import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return {
        (path, method): {str(code) for code in operation["responses"]}
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }


def documented(response: Any) -> None:
    """Fail unless the OpenAPI description lists ``response``'s status for its operation."""
    match = response.resolver_match
    if match is None or not match.route.startswith("api/v1/") or response.status_code == 405:
        return
    path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", match.route)
    method = response.request["REQUEST_METHOD"].lower()
    codes = _operations().get((path, method))
    if codes is None:  # the docs page and the description itself
        return
    assert str(response.status_code) in codes, (
        f"{method.upper()} {path} answered {response.status_code}, not documented: {codes}"
    )


class ApiClient(Client):
    def __init__(self, *, token: str = "", **defaults: Any) -> None:
        if token:
            defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        super().__init__(**defaults)
        self.user: Any = None
        self.token: ApiToken | None = None

    def request(self, **request: Any) -> Any:
        response = super().request(**request)
        documented(response)
        return response

    def send(self, method: str, path: str, body: Any = None, **headers: str) -> Any:
        """``method`` with a JSON body and headers given by name ("If-Match")."""
        call = getattr(self, method.lower())
        if body is None:
            return call(path, headers=headers)
        return call(path, body, content_type=JSON, headers=headers)


TokenClient = Callable[..., ApiClient]


def _token_client(user: Any, *, read_write: bool = True, name: str = "sync") -> ApiClient:
    import datetime

    from django.utils import timezone

    token, secret = api_token_create(
        user=user,
        name=name,
        expires=timezone.now() + datetime.timedelta(days=30),
        read_write=read_write,
    )
    client = ApiClient(token=secret)
    client.user, client.token = user, token
    client.secret = secret  # type: ignore[attr-defined]
    return client


@pytest.fixture
def token_client(db: None) -> TokenClient:
    """``token_client(scope, role=..., see_people=..., read_write=...)``: a member's token.

    ``scope`` is a government (the whole of it) or a unit (its subtree); "admin" for an
    administrator.
    """

    def make(
        scope: Government | Unit | str,
        *,
        role: str = MembershipRole.EDITOR,
        see_people: bool = False,
        read_write: bool = True,
        name: str = "sync",
    ) -> ApiClient:
        if scope == "admin":
            user = make_user(is_superuser=True)
        else:
            assert not isinstance(scope, str)
            government = scope if isinstance(scope, Government) else scope.government
            units: Iterable[Unit] = () if isinstance(scope, Government) else (scope,)
            user = make_membership(
                government=government,
                role=role,
                units=tuple(units),
                can_see_personal_data=see_people,
            ).user
        return _token_client(user, read_write=read_write, name=name)

    return make


@pytest.fixture
def session_client(db: None) -> Callable[..., ApiClient]:
    """``session_client(government, role=..., enforce_csrf_checks=...)``: signed in."""

    def make(
        government: Government,
        *,
        role: str = MembershipRole.EDITOR,
        enforce_csrf_checks: bool = False,
    ) -> ApiClient:
        user = make_membership(government=government, role=role).user
        client = ApiClient(enforce_csrf_checks=enforce_csrf_checks)
        client.force_login(user)
        client.user = user
        return client

    return make
