"""Positions: a list paginated, filtered and sorted as the web list; create, change, retire."""

from __future__ import annotations

import pytest

from digiteam.organisation.models import Position
from tests.api.conftest import TokenClient, Tree
from tests.factories import make_position, make_role

pytestmark = pytest.mark.django_db

LIST = "/api/v1/governments/testland/positions"


def _codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [p["code"] for p in response.json()["results"]]


@pytest.fixture
def many(tree: Tree) -> Tree:
    """Five more positions in team A1 (seven in Testland), one a vacant contracted analyst."""
    analyst = make_role(slug="analyst", title="Analyst")
    for n in range(4):
        make_position(unit=tree.a1, role=tree.position_a1.role, code=f"dev-x{n}")
    make_position(unit=tree.b, role=analyst, code="analyst-1", status="vacant", sourcing="contract")
    return tree


def test_pages_have_a_count_and_links(many: Tree, token_client: TokenClient) -> None:
    api = token_client(many.government)
    first = api.get(LIST + "?page_size=3&sort=code").json()
    assert first["count"] == 7 and len(first["results"]) == 3 and first["previous"] is None
    assert first["next"].endswith("page_size=3&sort=code&page=2")
    last = api.get(first["next"].replace("page=2", "page=3")).json()
    assert [p["code"] for p in last["results"]] == ["dev-x3"] and last["next"] is None
    assert api.get(LIST + "?page_size=501").status_code == 422
    assert api.get(LIST + "?page=9").json()["results"] == []


def test_filters_are_the_web_lists(many: Tree, token_client: TokenClient) -> None:
    api = token_client(many.government)
    assert _codes(api.get(LIST + "?unit=b")) == ["analyst-1", "dev-b1"]
    assert _codes(api.get(LIST + "?role=analyst")) == ["analyst-1"]
    assert _codes(api.get(LIST + "?status=vacant&sourcing=contract")) == ["analyst-1"]
    assert _codes(api.get(LIST + "?q=x3")) == ["dev-x3"]
    assert _codes(api.get(LIST + "?unit=nowhere")) == []
    assert api.get(LIST + "?status=asleep").status_code == 422


def test_sorting_both_ways(many: Tree, token_client: TokenClient) -> None:
    api = token_client(many.government)
    codes = _codes(api.get(LIST + "?sort=-code"))
    assert codes == sorted(codes, reverse=True)
    assert _codes(api.get(LIST + "?sort=role"))[0] == "analyst-1"


def test_create_then_read_it_back(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government)
    body = {"unit": "a1", "role": "developer", "title": "Lead developer", "fte": "0.5"}
    response = api.send("POST", LIST, body)
    assert response.status_code == 201
    created = response.json()
    assert created["code"] == "developer-1" and created["fte"] == "0.50"
    assert response["ETag"] == '"1"'
    assert response["Location"].endswith(f"{LIST}/developer-1")
    again = api.get(f"{LIST}/developer-1")
    assert again.json() == created and again["ETag"] == '"1"'


def test_put_replaces_and_patch_changes_only_what_is_sent(
    tree: Tree, token_client: TokenClient
) -> None:
    api = token_client(tree.government)
    url = f"{LIST}/dev-a1"
    put = api.send(
        "PUT", url, {"unit": "a", "role": "developer", "grade": "P3"}, **{"If-Match": '"1"'}
    )
    assert put.status_code == 200 and put["ETag"] == '"2"'
    assert put.json()["unit"] == "a" and put.json()["grade"] == "P3"
    assert put.json()["status"] == "planned", "a field left out of a PUT takes its default"
    patch = api.send("PATCH", url, {"title": "Lead"}, **{"If-Match": '"2"'})
    assert patch.status_code == 200 and patch["ETag"] == '"3"'
    assert patch.json()["grade"] == "P3" and patch.json()["title"] == "Lead"


def test_delete_retires_a_position_nobody_holds(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government)
    make_position(unit=tree.a1, code="spare")
    assert api.send("DELETE", f"{LIST}/spare", **{"If-Match": '"1"'}).status_code == 204
    assert not Position.objects.filter(code="spare").exists()
    held = api.send("DELETE", f"{LIST}/dev-a1", **{"If-Match": '"1"'})
    assert held.status_code == 409
    assert held.json()["errors"] == [
        {"field": "", "message": "Someone holds this position: release them first."}
    ]
    assert Position.objects.filter(code="dev-a1").exists()


def test_governments_list_and_detail(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government)
    listed = api.get("/api/v1/governments").json()
    assert [g["code"] for g in listed["results"]] == ["testland"]
    one = api.get("/api/v1/governments/testland")
    assert one.json()["name"] == "Testland" and one["ETag"] == '"1"'
    assert api.get("/api/v1/governments/otherland").status_code == 404
    assert token_client("admin").get("/api/v1/governments").json()["count"] == 2


def test_a_page_costs_the_same_queries_whatever_its_size(
    tree: Tree, token_client: TokenClient
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_assignment, make_person

    api = token_client(tree.government, see_people=True)

    def cost() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert api.get(LIST + "?page_size=500").status_code == 200
        return len(queries)

    cost()  # the token's first use is written once (then at most once a minute)
    small = cost()
    for n in range(20):
        position = make_position(unit=tree.a1, code=f"many-{n}")
        make_assignment(person=make_person(government=tree.government), position=position)
    assert cost() == small
