"""People: the register with the personal-data permission only; an editor changes someone only
when every position they ever held is in the editor's scope."""

from __future__ import annotations

import datetime

import pytest

from digiteam.audit.models import ChangeSet
from digiteam.organisation.models import Person
from tests.api.conftest import TokenClient, Tree
from tests.factories import make_assignment, make_person, make_position, make_vendor

pytestmark = pytest.mark.django_db

LIST = "/api/v1/governments/testland/people"


def _codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [p["code"] for p in response.json()["results"]]


def test_without_the_personal_data_permission_nothing_is_shown(
    tree: Tree, token_client: TokenClient
) -> None:
    api = token_client(tree.government)
    for response in (api.get(LIST), api.get(f"{LIST}/amina")):
        assert response.status_code == 403
        assert "Amina" not in response.content.decode()
    made = api.send("POST", LIST, {"name": "Leila Ahmed"})
    assert made.status_code == 403 and not Person.objects.filter(name="Leila Ahmed").exists()


def test_the_list_filters_and_sorts_as_the_web_list(tree: Tree, token_client: TokenClient) -> None:
    acme = make_vendor(government=tree.government, code="acme", name="Acme")
    make_person(government=tree.government, name="Zara Idle", code="zara", employer=acme)
    api = token_client(tree.government, see_people=True)
    assert _codes(api.get(LIST)) == ["amina", "omar", "zara"]
    assert _codes(api.get(LIST + "?sort=-name")) == ["zara", "omar", "amina"]
    assert _codes(api.get(LIST + "?employer=acme")) == ["zara"]
    assert _codes(api.get(LIST + "?holding=free")) == ["zara"]
    assert _codes(api.get(LIST + "?unit=b")) == ["omar"]
    assert _codes(api.get(LIST + "?q=haroun")) == ["amina"]
    bad = api.get(LIST + "?sort=age")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "sort"
    amina = api.get(f"{LIST}/amina")
    assert amina["ETag"] == '"1"' and amina.json()["positions"] == ["dev-a1"]
    # a scoped member reads the whole register, with only the positions of their scope
    scoped = token_client(tree.b, see_people=True)
    assert _codes(scoped.get(LIST)) == ["amina", "omar", "zara"]
    assert scoped.get(f"{LIST}/amina").json()["positions"] == []


def test_create_change_and_delete(tree: Tree, token_client: TokenClient) -> None:
    make_vendor(government=tree.government, code="acme", name="Acme")
    api = token_client(tree.a, see_people=True)
    made = api.send("POST", LIST, {"name": "Leila Ahmed", "employer": "acme"})
    assert made.status_code == 201 and made["ETag"] == '"1"'
    code = made.json()["code"]
    assert code.startswith("leila-ahmed") and made["Location"].endswith(f"{LIST}/{code}")
    assert made.json()["employer"] == "acme"
    changed = api.send(
        "PATCH", f"{LIST}/{code}", {"email": "leila@example.org"}, **{"If-Match": '"1"'}
    )
    assert changed.status_code == 200 and changed["ETag"] == '"2"'
    assert changed.json()["employer"] == "acme" and changed.json()["name"] == "Leila Ahmed"
    replaced = api.send("PUT", f"{LIST}/{code}", {"name": "Leila A."}, **{"If-Match": '"2"'})
    assert replaced.status_code == 200 and replaced.json()["employer"] is None
    stale = api.send("DELETE", f"{LIST}/{code}", **{"If-Match": '"2"'})
    assert stale.status_code == 412 and stale["ETag"] == '"3"'
    assert api.send("DELETE", f"{LIST}/{code}").status_code == 428
    assert api.send("DELETE", f"{LIST}/{code}", **{"If-Match": '"3"'}).status_code == 204
    assert not Person.objects.filter(code=code).exists()


def test_an_editor_changes_only_people_whose_every_position_is_in_scope(
    tree: Tree, token_client: TokenClient
) -> None:
    # Amina once held Omar's position in team B1, outside ministry A
    amina = Person.objects.get(code="amina")
    make_assignment(
        person=amina,
        position=tree.position_b1,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2020, 12, 31),
    )
    api = token_client(tree.a, see_people=True)
    refused = api.send("PATCH", f"{LIST}/amina", {"name": "A. Haroun"}, **{"If-Match": '"1"'})
    assert refused.status_code == 403
    assert Person.objects.get(code="amina").name == "Amina Haroun"
    whole = token_client(tree.government, see_people=True)
    done = whole.send("PATCH", f"{LIST}/amina", {"name": "A. Haroun"}, **{"If-Match": '"1"'})
    assert done.status_code == 200 and done.json()["name"] == "A. Haroun"
    viewer = token_client(tree.government, role="viewer", see_people=True)
    assert (
        viewer.send("PATCH", f"{LIST}/omar", {"name": "O"}, **{"If-Match": '"1"'}).status_code
        == 403
    )


def test_errors_are_located_and_someone_holding_a_position_stays(
    tree: Tree, token_client: TokenClient
) -> None:
    api = token_client(tree.government, see_people=True)
    bad = api.send("POST", LIST, {"name": "Leila", "employer": "nobody"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "employer"
    taken = api.send("POST", LIST, {"name": "Another Amina", "code": "amina"})
    assert taken.status_code == 422 and taken.json()["errors"][0]["field"] == "code"
    empty = api.send("PUT", f"{LIST}/omar", {"name": "", "email": "no"}, **{"If-Match": '"1"'})
    assert empty.status_code == 422
    assert {e["field"] for e in empty.json()["errors"]} >= {"name", "email"}
    holding = api.send("DELETE", f"{LIST}/amina", **{"If-Match": '"1"'})
    assert (
        holding.status_code == 409
        and "end the assignment" in holding.json()["errors"][0]["message"]
    )
    assert Person.objects.filter(code="amina").exists()


def test_a_person_is_assigned_by_code(tree: Tree, token_client: TokenClient) -> None:
    make_person(government=tree.government, name="Leila Ahmed", code="leila")
    api = token_client(tree.government, see_people=True)
    make_position(unit=tree.a1, role=tree.position_a1.role, code="spare-a1")
    url = "/api/v1/governments/testland/positions/spare-a1/assignments"
    made = api.send("POST", url, {"person": "leila", "start": "2031-01-01"})
    assert made.status_code == 201 and made.json()["person"] == "leila"


def test_a_change_is_recorded_as_the_token_s(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government, see_people=True, name="nightly HR sync")
    response = api.send("PATCH", f"{LIST}/omar", {"name": "Omar S."}, **{"If-Match": '"1"'})
    assert response.status_code == 200
    change_set = ChangeSet.objects.get()
    assert (change_set.user, change_set.token, change_set.via) == (
        api.user,
        "nightly HR sync",
        "api",
    )
    change = change_set.changes.get()
    assert (change.before["name"], change.after["name"]) == ("Omar Said", "Omar S.")
