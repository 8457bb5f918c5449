"""The web's permission layer: scopes by unit subtree, personal data, other governments."""

from __future__ import annotations

import pytest

from digiteam.accounts.models import MembershipRole
from tests.api.conftest import TokenClient, Tree

pytestmark = pytest.mark.django_db

LIST = "/api/v1/governments/testland/positions"
MATCH = {"If-Match": '"1"'}


def test_a_scoped_editor_sees_and_changes_only_their_subtree(
    tree: Tree, token_client: TokenClient
) -> None:
    api = token_client(tree.a)
    assert [p["code"] for p in api.get(LIST).json()["results"]] == ["dev-a1"]
    assert api.send("PATCH", f"{LIST}/dev-a1", {"title": "Lead"}, **MATCH).status_code == 200
    assert api.get(f"{LIST}/dev-b1").status_code == 404, "out of scope: not found, as on the web"
    assert api.send("PATCH", f"{LIST}/dev-b1", {"title": "x"}, **MATCH).status_code == 404
    tree.position_b1.refresh_from_db()
    assert tree.position_b1.title == ""


def test_a_position_cannot_be_moved_or_made_outside_the_scope(
    tree: Tree, token_client: TokenClient
) -> None:
    api = token_client(tree.a)
    moved = api.send("PATCH", f"{LIST}/dev-a1", {"unit": "b1"}, **{"If-Match": '"1"'})
    assert moved.status_code == 422 and moved.json()["errors"][0]["field"] == "unit"
    made = api.send("POST", LIST, {"unit": "b", "role": "developer"})
    assert made.status_code == 422 and made.json()["errors"][0]["field"] == "unit"


def test_a_viewer_reads_but_may_not_write(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government, role=MembershipRole.VIEWER)
    assert api.get(f"{LIST}/dev-a1").status_code == 200
    assert api.send("PATCH", f"{LIST}/dev-a1", {"title": "x"}, **MATCH).status_code == 403
    assert api.send("POST", LIST, {"unit": "a", "role": "developer"}).status_code == 403


def test_another_government_is_not_found(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government)
    assert api.get("/api/v1/governments/otherland/positions").status_code == 404
    assert api.get("/api/v1/governments/otherland").status_code == 404


def test_names_only_with_the_personal_data_permission(
    tree: Tree, token_client: TokenClient
) -> None:
    hidden = token_client(tree.government).get(f"{LIST}/dev-a1").json()["holders"]
    assert hidden[0]["name"] is None and hidden[0]["person"] is None and hidden[0]["fte"]
    shown = token_client(tree.government, see_people=True).get(f"{LIST}/dev-a1").json()
    assert shown["holders"][0]["name"] == "Amina Haroun"
    listed = token_client(tree.government).get(LIST).content.decode()
    assert "Amina Haroun" not in listed and "Omar Said" not in listed
    assignments = token_client(tree.government).get(f"{LIST}/dev-a1/assignments").content.decode()
    assert "Amina Haroun" not in assignments
