"""Who may call: a token or the session; the session's unsafe calls need the CSRF token."""

from __future__ import annotations

import pytest
from django.test import Client

from digiteam.accounts.models import MembershipRole
from tests.api.conftest import ApiClient, TokenClient, Tree

pytestmark = pytest.mark.django_db

POSITION = "/api/v1/governments/testland/positions/dev-a1"


def test_an_anonymous_call_gets_a_401_problem_not_the_sign_in_page(tree: Tree) -> None:
    response = ApiClient().get(POSITION)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json; charset=utf-8"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401


def test_an_unknown_token_is_refused_even_with_a_session(tree: Tree, session_client) -> None:
    client = session_client(tree.government)
    client.defaults["HTTP_AUTHORIZATION"] = "Bearer dgt_not-a-token"
    assert client.get(POSITION).status_code == 401


def test_the_session_reads_and_writes_with_the_csrf_token(tree: Tree, session_client) -> None:
    client = session_client(tree.government, enforce_csrf_checks=True)
    assert client.get(POSITION).status_code == 200
    refused = client.send("PATCH", POSITION, {"title": "Lead"}, **{"If-Match": '"1"'})
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    tree.position_a1.refresh_from_db()
    assert tree.position_a1.title == ""
    csrf = _csrf_token(client)
    response = client.send(
        "PATCH", POSITION, {"title": "Lead"}, **{"If-Match": '"1"', "X-CSRFToken": csrf}
    )
    assert response.status_code == 200 and response.json()["title"] == "Lead"


def _csrf_token(client: Client) -> str:
    page = client.get("/accounts/tokens/").content.decode()
    start = page.index('name="csrfmiddlewaretoken" value="') + len(
        'name="csrfmiddlewaretoken" value="'
    )
    return page[start : page.index('"', start)]


def test_a_token_needs_no_csrf_token(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government)
    api.handler.enforce_csrf_checks = True
    response = api.send("PATCH", POSITION, {"title": "Lead"}, **{"If-Match": '"1"'})
    assert response.status_code == 200


def test_a_viewer_session_is_refused_writes(tree: Tree, session_client) -> None:
    client = session_client(tree.government, role=MembershipRole.VIEWER)
    response = client.send("PATCH", POSITION, {"title": "Lead"}, **{"If-Match": '"1"'})
    assert response.status_code == 403
