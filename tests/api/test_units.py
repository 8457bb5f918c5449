"""Units: a subtree with ?under=, one unit, create, change, move and delete within a scope."""

from __future__ import annotations

import pytest

from digiteam.organisation.models import Unit
from tests.api.conftest import TokenClient, Tree

pytestmark = pytest.mark.django_db

LIST = "/api/v1/governments/testland/units"


def _codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [u["code"] for u in response.json()["results"]]


def test_list_a_subtree_in_the_trees_order(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government)
    assert _codes(api.get(LIST)) == ["root", "a", "a1", "b", "b1"]
    assert _codes(api.get(LIST + "?under=b")) == ["b", "b1"]
    assert _codes(api.get(LIST + "?kind=team&sort=-code")) == ["b1", "a1"]
    assert _codes(api.get(LIST + "?q=ministry")) == ["a", "b"]
    assert api.get(LIST + "?sort=size").status_code == 422
    scoped = token_client(tree.a)
    assert _codes(scoped.get(LIST)) == ["a", "a1"]
    assert scoped.get(f"{LIST}/b").status_code == 404


def test_create_change_move_and_delete(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government)
    made = api.send("POST", LIST, {"code": "a2", "kind": "team", "name": "Team A2", "parent": "a"})
    assert made.status_code == 201 and made.json()["parent"] == "a" and made["ETag"] == '"1"'
    renamed = api.send("PATCH", f"{LIST}/a2", {"name": "Platform"}, **{"If-Match": '"1"'})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Platform"
    moved = api.send("POST", f"{LIST}/a2/move", {"parent": "b"}, **{"If-Match": renamed["ETag"]})
    assert moved.status_code == 200 and moved.json()["parent"] == "b"
    assert _codes(api.get(LIST + "?under=b")) == ["b", "b1", "a2"]
    stale = api.send("DELETE", f"{LIST}/a2", **{"If-Match": '"1"'})
    assert stale.status_code == 412
    assert api.send("DELETE", f"{LIST}/a2", **{"If-Match": moved["ETag"]}).status_code == 204
    assert not Unit.objects.filter(code="a2").exists()


def test_a_unit_with_positions_is_not_deleted(tree: Tree, token_client: TokenClient) -> None:
    response = token_client(tree.government).send("DELETE", f"{LIST}/a1", **{"If-Match": '"1"'})
    assert response.status_code == 409
    assert "position" in response.json()["errors"][0]["message"]


def test_a_scoped_editor_stays_inside_their_subtree(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.a)
    outside = api.send("POST", LIST, {"code": "x", "kind": "team", "name": "X", "parent": "b"})
    assert outside.status_code == 422 and outside.json()["errors"][0]["field"] == "parent"
    top = api.send("POST", LIST, {"code": "x", "kind": "team", "name": "X", "parent": None})
    assert top.status_code == 422 and top.json()["errors"][0]["field"] == "parent"
    move = api.send("POST", f"{LIST}/a1/move", {"parent": "b"}, **{"If-Match": '"1"'})
    assert move.status_code == 422
    assert Unit.objects.get(code="a1").parent == tree.a
    assert (
        api.send(
            "POST", LIST, {"code": "a3", "kind": "team", "name": "A3", "parent": "a1"}
        ).status_code
        == 201
    )


def test_a_service_error_is_located(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government)
    response = api.send(
        "PUT", f"{LIST}/a1", {"code": "a", "kind": "planet", "name": ""}, **{"If-Match": '"1"'}
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} >= {"code", "kind", "name"}
