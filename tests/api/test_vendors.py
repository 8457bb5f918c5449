"""Vendors: read by every member, changed by an editor of the whole government only."""

from __future__ import annotations

import pytest

from digiteam.organisation.models import Vendor
from tests.api.conftest import TokenClient, Tree
from tests.factories import make_person, make_vendor

pytestmark = pytest.mark.django_db

LIST = "/api/v1/governments/testland/vendors"


def _codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [v["code"] for v in response.json()["results"]]


def test_every_member_reads_the_vendors(tree: Tree, token_client: TokenClient) -> None:
    make_vendor(government=tree.government, code="acme", name="Acme")
    make_vendor(government=tree.government, code="bolt", name="Bolt Systems")
    make_vendor(government=tree.other, code="elsewhere", name="Elsewhere")
    api = token_client(tree.b, role="viewer")
    assert _codes(api.get(LIST)) == ["acme", "bolt"]
    assert _codes(api.get(LIST + "?sort=-code")) == ["bolt", "acme"]
    assert _codes(api.get(LIST + "?q=systems")) == ["bolt"]
    assert api.get(LIST + "?sort=size").status_code == 422
    one = api.get(f"{LIST}/acme")
    assert one.status_code == 200 and one["ETag"] == '"1"' and one.json()["name"] == "Acme"
    assert api.get(f"{LIST}/elsewhere").status_code == 404


def test_only_an_editor_of_the_whole_government_changes_them(
    tree: Tree, token_client: TokenClient
) -> None:
    make_vendor(government=tree.government, code="acme", name="Acme")
    scoped = token_client(tree.a)
    assert scoped.send("POST", LIST, {"name": "Bolt"}).status_code == 403
    refused = scoped.send("PATCH", f"{LIST}/acme", {"name": "X"}, **{"If-Match": '"1"'})
    assert refused.status_code == 403 and Vendor.objects.get(code="acme").name == "Acme"
    api = token_client(tree.government)
    made = api.send("POST", LIST, {"name": "Bolt Systems"})
    assert made.status_code == 201 and made["Location"].endswith(f"{LIST}/" + made.json()["code"])
    renamed = api.send("PUT", f"{LIST}/acme", {"name": "Acme Ltd"}, **{"If-Match": '"1"'})
    assert renamed.status_code == 200 and renamed["ETag"] == '"2"'
    assert (
        api.send("PATCH", f"{LIST}/acme", {"name": "A"}, **{"If-Match": '"1"'}).status_code == 412
    )
    assert api.send("PATCH", f"{LIST}/acme", {"name": "A"}).status_code == 428
    assert Vendor.objects.get(code="acme").name == "Acme Ltd"
    assert api.send("DELETE", f"{LIST}/acme", **{"If-Match": '"2"'}).status_code == 204


def test_a_vendor_in_use_stays_and_errors_are_located(
    tree: Tree, token_client: TokenClient
) -> None:
    acme = make_vendor(government=tree.government, code="acme", name="Acme")
    make_person(government=tree.government, name="Zara", code="zara", employer=acme)
    api = token_client(tree.government)
    used = api.send("DELETE", f"{LIST}/acme", **{"If-Match": '"1"'})
    assert used.status_code == 409 and "employed" in used.json()["errors"][0]["message"]
    assert Vendor.objects.filter(code="acme").exists()
    taken = api.send("POST", LIST, {"name": "Acme again", "code": "acme"})
    assert taken.status_code == 422 and taken.json()["errors"][0]["field"] == "code"
    empty = api.send("POST", LIST, {"name": ""})
    assert empty.status_code == 422 and "name" in {e["field"] for e in empty.json()["errors"]}
