"""Digital services: scoped by the unit that owns them, for reading and for changing."""

from __future__ import annotations

import pytest

from digiteam.organisation.models import DigitalService
from tests.api.conftest import TokenClient, Tree
from tests.factories import make_service

pytestmark = pytest.mark.django_db

LIST = "/api/v1/governments/testland/services"


def _codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [s["code"] for s in response.json()["results"]]


@pytest.fixture
def services(tree: Tree) -> Tree:
    make_service(
        owner=tree.a1, code="tax-portal", name="Tax portal", area="digital_public_services"
    )
    make_service(owner=tree.b, code="payroll", name="Payroll", team=tree.b1)
    return tree


def test_a_member_reads_the_services_their_scope_owns(
    services: Tree, token_client: TokenClient
) -> None:
    api = token_client(services.government, role="viewer")
    assert _codes(api.get(LIST)) == ["payroll", "tax-portal"]
    assert _codes(api.get(LIST + "?sort=-code")) == ["tax-portal", "payroll"]
    assert _codes(api.get(LIST + "?owner=a")) == ["tax-portal"]
    assert _codes(api.get(LIST + "?area=digital_public_services")) == ["tax-portal"]
    assert _codes(api.get(LIST + "?q=pay")) == ["payroll"]
    assert api.get(LIST + "?sort=size").status_code == 422
    one = api.get(f"{LIST}/payroll")
    assert one["ETag"] == '"1"' and one.json()["owner"] == "b" and one.json()["team"] == "b1"
    scoped = token_client(services.a, role="viewer")
    assert _codes(scoped.get(LIST)) == ["tax-portal"]
    assert scoped.get(f"{LIST}/payroll").status_code == 404


def test_create_change_and_delete_within_the_scope(
    services: Tree, token_client: TokenClient
) -> None:
    api = token_client(services.a)
    outside = api.send("POST", LIST, {"name": "Census", "owner": "b"})
    assert outside.status_code == 422 and outside.json()["errors"][0]["field"] == "owner"
    made = api.send("POST", LIST, {"name": "Census", "owner": "a", "team": "b1"})
    assert made.status_code == 201
    code = made.json()["code"]
    assert code.startswith("census") and made["Location"].endswith(f"{LIST}/{code}")
    changed = api.send("PATCH", f"{LIST}/{code}", {"personal_data": True}, **{"If-Match": '"1"'})
    assert changed.status_code == 200 and changed.json()["personal_data"] is True
    assert changed.json()["team"] == "b1"
    moved_out = api.send("PATCH", f"{LIST}/{code}", {"owner": "b"}, **{"If-Match": '"2"'})
    assert moved_out.status_code == 422
    assert DigitalService.objects.get(code=code).owner == services.a
    assert (
        api.send("PATCH", f"{LIST}/payroll", {"name": "X"}, **{"If-Match": '"1"'}).status_code
        == 404
    )
    assert api.send("DELETE", f"{LIST}/{code}", **{"If-Match": '"1"'}).status_code == 412
    assert api.send("DELETE", f"{LIST}/{code}").status_code == 428
    assert api.send("DELETE", f"{LIST}/{code}", **{"If-Match": '"2"'}).status_code == 204
    viewer = token_client(services.government, role="viewer")
    assert viewer.send("DELETE", f"{LIST}/payroll", **{"If-Match": '"1"'}).status_code == 403


def test_errors_are_located(services: Tree, token_client: TokenClient) -> None:
    api = token_client(services.government)
    bad = api.send(
        "PUT",
        f"{LIST}/payroll",
        {"name": "", "owner": "b", "team": "nowhere", "area": "space"},
        **{"If-Match": '"1"'},
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "team"
    bad = api.send(
        "PUT", f"{LIST}/payroll", {"name": "", "owner": "b", "area": "space"}, **{"If-Match": '"1"'}
    )
    assert bad.status_code == 422 and {e["field"] for e in bad.json()["errors"]} >= {"name", "area"}
    assert DigitalService.objects.get(code="payroll").name == "Payroll"
