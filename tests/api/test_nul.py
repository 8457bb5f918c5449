"""A NUL character is refused before it reaches the database (a 500 on PostgreSQL)."""

from __future__ import annotations

import pytest

from digiteam.organisation.models import Unit
from tests.accounts.conftest import Tree
from tests.api.conftest import TokenClient

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def test_a_nul_in_a_query_parameter_is_a_422_naming_it(
    tree: Tree, token_client: TokenClient
) -> None:
    client = token_client("admin")
    for resource in ("units", "positions"):
        response = client.get(f"/api/v1/governments/testland/{resource}?q=a%00b")
        assert response.status_code == 422
        assert response["Content-Type"].startswith(PROBLEM)
        assert [e["field"] for e in response.json()["errors"]] == ["q"]


def test_a_nul_in_the_path_names_nothing(tree: Tree, token_client: TokenClient) -> None:
    response = token_client("admin").get("/api/v1/governments/testland/units/a%00b")
    assert response.status_code == 404
    assert response["Content-Type"].startswith(PROBLEM)


def test_a_nul_in_the_body_is_a_422_and_changes_nothing(
    tree: Tree, token_client: TokenClient
) -> None:
    client = token_client("admin")
    response = client.send(
        "PATCH", "/api/v1/governments/testland/units/a", {"name": "A\x00"}, **{"If-Match": '"1"'}
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["name"]
    assert Unit.objects.get(code="a").name == "Ministry A"
