"""Assignments of a position: listed, started within the FTE left, ended."""

from __future__ import annotations

import pytest

from tests.api.conftest import TokenClient, Tree
from tests.factories import make_person

pytestmark = pytest.mark.django_db

URL = "/api/v1/governments/testland/positions/dev-a1/assignments"


def test_start_and_end_an_assignment(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government, see_people=True)
    make_person(government=tree.government, name="Leila Ali", code="leila")
    full = api.send("POST", URL, {"person": "leila", "start": "2020-01-01"})
    assert full.status_code == 422
    assert [e["field"] for e in full.json()["errors"]] == ["fte"], "Amina holds it all"
    listed = api.get(URL).json()["results"]
    assert [a["name"] for a in listed] == ["Amina Haroun"]
    ended = api.send(
        "POST", f"{URL}/{listed[0]['id']}/end", {"end": "2030-01-01"}, **{"If-Match": '"1"'}
    )
    assert (
        ended.status_code == 200 and ended.json()["end"] == "2030-01-01" and ended["ETag"] == '"2"'
    )
    started = api.send("POST", URL, {"person": "leila", "start": "2030-01-02", "fte": "0.5"})
    assert started.status_code == 201 and started.json()["name"] == "Leila Ali"
    again = api.send("POST", f"{URL}/{listed[0]['id']}/end", {"end": "2031-01-01"})
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "end"


def test_starting_one_needs_the_personal_data_permission(
    tree: Tree, token_client: TokenClient
) -> None:
    api = token_client(tree.government)
    response = api.send("POST", URL, {"person": "x", "start": "2030-01-01"})
    assert response.status_code == 403


def test_an_unknown_person_is_located(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government, see_people=True)
    response = api.send("POST", URL, {"person": "nobody", "start": "2030-01-01", "fte": "0.1"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "person"
