"""Governments: an administrator creates and deletes one; an editor of the whole changes it."""

from __future__ import annotations

import pytest

from digiteam.organisation.models import Government, Unit
from tests.api.conftest import TokenClient, Tree

pytestmark = pytest.mark.django_db

LIST = "/api/v1/governments"
ONE = LIST + "/testland"


def test_an_administrator_creates_a_government_with_its_top_unit(
    tree: Tree, token_client: TokenClient
) -> None:
    body = {"code": "freeland", "name": "Freeland", "currency": "eur", "languages": ["fr"]}
    assert token_client(tree.government).send("POST", LIST, body).status_code == 403
    made = token_client("admin").send("POST", LIST, body)
    assert made.status_code == 201 and made["Location"].endswith(f"{LIST}/freeland")
    assert made.json()["currency"] == "EUR" and made["ETag"] == '"1"'
    assert Unit.objects.filter(government__code="freeland", code="gov").exists()
    again = token_client("admin").send("POST", LIST, body)
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "code"


def test_an_editor_of_the_whole_government_changes_it(
    tree: Tree, token_client: TokenClient
) -> None:
    scoped = token_client(tree.a)
    assert scoped.send("PATCH", ONE, {"name": "X"}, **{"If-Match": '"1"'}).status_code == 403
    viewer = token_client(tree.government, role="viewer")
    assert viewer.send("PATCH", ONE, {"name": "X"}, **{"If-Match": '"1"'}).status_code == 403
    api = token_client(tree.government)
    changed = api.send("PATCH", ONE, {"name_fr": "Testlande"}, **{"If-Match": '"1"'})
    assert changed.status_code == 200 and changed["ETag"] == '"2"'
    assert changed.json()["name"] == "Testland" and changed.json()["name_fr"] == "Testlande"
    assert api.send("PATCH", ONE, {"name": "X"}, **{"If-Match": '"1"'}).status_code == 412
    assert api.send("PUT", ONE, {"name": "Testland"}).status_code == 428
    bad = api.send("PUT", ONE, {"name": "", "languages": ["french"]}, **{"If-Match": '"2"'})
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} >= {"name", "languages"}
    assert Government.objects.get(code="testland").name_fr == "Testlande"


def test_only_an_administrator_deletes_a_government(tree: Tree, token_client: TokenClient) -> None:
    editor = token_client(tree.government)
    assert editor.send("DELETE", ONE, **{"If-Match": '"1"'}).status_code == 403
    admin = token_client("admin")
    assert admin.send("DELETE", ONE).status_code == 428
    assert admin.send("DELETE", ONE, **{"If-Match": '"9"'}).status_code == 412
    assert admin.send("DELETE", ONE, **{"If-Match": '"1"'}).status_code == 204
    assert not Government.objects.filter(code="testland").exists()
    assert not Unit.objects.filter(government__code="testland").exists()
