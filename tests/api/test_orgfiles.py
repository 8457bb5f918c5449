"""Organisation files over the API: export as the CLI does; validate saves nothing; apply is all
or nothing, one change set, for administrators and editors of the whole government."""

from __future__ import annotations

import json

import pytest
import yaml

from digiteam.accounts.models import MembershipRole
from digiteam.audit.models import ChangeSet
from digiteam.organisation.models import Government, Position, Unit
from digiteam.organisation.orgfile import org_dump, org_export
from tests.api.conftest import TokenClient, Tree
from tests.organisation.orgfiles import MINIMAL

pytestmark = pytest.mark.django_db

FILE = "/api/v1/governments/testland/org-file"


def test_the_export_is_the_clis_text(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government, role=MembershipRole.VIEWER)
    response = api.get(FILE)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/yaml")
    expected = org_dump(org_export(government=tree.government, people=False), "yaml")
    assert response.content.decode() == expected
    as_json = api.get(FILE + "?format=json")
    assert json.loads(as_json.content)["government"]["code"] == "testland"
    assert "people" not in yaml.safe_load(expected) or not yaml.safe_load(expected)["people"]


def test_people_need_the_permission(tree: Tree, token_client: TokenClient) -> None:
    assert token_client(tree.government).get(FILE + "?people=true").status_code == 403
    with_people = token_client(tree.government, see_people=True).get(FILE + "?people=true")
    assert "Amina Haroun" in with_people.content.decode()


def test_a_partial_scope_cannot_export_or_import(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.a)
    assert api.get(FILE).status_code == 403
    text = token_client(tree.government).get(FILE).content.decode()
    assert api.send("POST", FILE + "/apply", {"text": text}).status_code == 403
    assert token_client(tree.other).get(FILE).status_code == 404


def _renamed(text: str, name: str) -> str:
    data = yaml.safe_load(text)
    data["units"][0]["name"] = name
    return yaml.safe_dump(data, allow_unicode=True)


def test_validate_lists_located_problems_and_saves_nothing(
    tree: Tree, token_client: TokenClient
) -> None:
    api = token_client(tree.government)
    text = api.get(FILE).content.decode()
    good = api.send("POST", FILE + "/validate", {"text": _renamed(text, "Renamed")}).json()
    assert good["valid"] is True and good["units"] == 5 and good["problems"] == []
    broken = text.replace("role: developer", "role: no-such-role", 1)
    bad = api.send("POST", FILE + "/validate", {"text": broken}).json()
    assert bad["valid"] is False
    assert any("no-such-role" in p["message"] and p["line"] for p in bad["problems"])
    assert Unit.objects.get(government=tree.government, code="root").name == "Government"


def test_apply_replaces_in_one_change_set(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government, name="importer")
    text = api.get(FILE).content.decode()
    response = api.send("POST", FILE + "/apply", {"text": _renamed(text, "Renamed root")})
    assert response.status_code == 200, response.content
    assert response.json()["replaced"] is True
    assert Unit.objects.get(government=tree.government, code="root").name == "Renamed root"
    (changes,) = ChangeSet.objects.filter(government_code="testland")
    assert changes.token == "importer"


def test_a_bad_file_changes_nothing(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government)
    text = api.get(FILE).content.decode().replace("role: developer", "role: nope", 1)
    response = api.send("POST", FILE + "/apply", {"text": text})
    assert response.status_code == 422
    assert any("nope" in e["message"] for e in response.json()["errors"])
    assert Position.objects.filter(government=tree.government).count() == 2
    assert not ChangeSet.objects.exists()


def test_a_file_for_another_government_is_refused(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government)
    response = api.send("POST", FILE + "/apply", {"text": MINIMAL.read_text()})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "government.code"


def test_an_administrator_creates_a_government(
    shipped_reference: object, token_client: TokenClient
) -> None:
    api = token_client("admin")
    url = "/api/v1/governments/minimal/org-file/apply"
    response = api.send("POST", url, {"text": MINIMAL.read_text(), "filename": "minimal.yaml"})
    assert response.status_code == 200, response.content
    assert response.json()["replaced"] is False
    assert Government.objects.get(code="minimal").name == "Republic of Minimal"
    editor = token_client(Government.objects.get(code="minimal"), role=MembershipRole.VIEWER)
    assert editor.send("POST", url, {"text": MINIMAL.read_text()}).status_code == 403
