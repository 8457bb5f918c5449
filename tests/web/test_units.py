"""The unit pages: add under a unit, edit, move with everything under it, delete; each within
the editor's scope, with located errors and a version check."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from digiteam.organisation.models import Government, Position, Unit
from tests.factories import make_government, make_position, make_role, make_unit
from tests.web.conftest import EditorClient, ViewerClient

pytestmark = pytest.mark.django_db

UNITS = "/org/testland/units/"


@dataclass
class Org:
    government: Government
    root: Unit
    a: Unit
    a1: Unit
    b: Unit


@pytest.fixture
def org() -> Org:
    government = make_government(code="testland", name="Testland")
    root = make_unit(government=government, code="root", kind="government", name="Government")
    a = make_unit(parent=root, code="a", kind="ministry", name="Ministry A")
    a1 = make_unit(parent=a, code="a1", kind="team", name="Team A1")
    a2 = make_unit(parent=a, code="a2", kind="team", name="Team A2")
    b = make_unit(parent=root, code="b", kind="ministry", name="Ministry B")
    role = make_role(slug="developer", title="Software developer")
    lead = make_position(unit=a, role=role, code="lead-a", title="Head of A")
    make_position(unit=a1, role=role, code="dev-a1", title="Developer A1", reports_to=lead)
    make_unit(parent=a2, code="a2x", kind="team", name="Team A2X")
    return Org(government, root, a, a1, b)


def _unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def test_the_unit_page_offers_the_changes_to_editors_only(
    org: Org, editor_client: EditorClient, viewer_client: ViewerClient
) -> None:
    page = editor_client(org.a).get(UNITS + "a1/").content.decode()
    for action in ("edit", "new", "move", "delete"):
        assert f'href="{UNITS}a1/{action}/"' in page
    page = viewer_client(org.government).get(UNITS + "a1/").content.decode()
    assert f"{UNITS}a1/edit/" not in page and f"{UNITS}a1/move/" not in page


def test_a_unit_is_added_under_another(admin_client: Client, org: Org) -> None:
    form = admin_client.get(UNITS + "a/new/").content.decode()
    assert "New unit under “Ministry A”" in form
    assert '<option value="department" selected>' in form, "a ministry's unit: a department"
    data = {"name": "Data office", "kind": "department", "code": "data", "tags": "digital, data"}
    response = admin_client.post(UNITS + "a/new/", data)
    assert response.status_code == 302 and response["Location"] == UNITS + "data/"
    unit = _unit("data")
    assert unit.parent == org.a and unit.tags == ["digital", "data"]
    assert unit.path.startswith(org.a.path)


def test_a_taken_code_is_located_and_changes_nothing(admin_client: Client, org: Org) -> None:
    data = {"name": "Another", "kind": "team", "code": "a1"}
    response = admin_client.post(UNITS + "a/new/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in page and 'id="id_code-error"' in page
    assert Unit.objects.filter(code="a1").count() == 1


def test_an_edit_saves_and_a_stale_one_keeps_the_input(admin_client: Client, org: Org) -> None:
    url = UNITS + "a1/edit/"
    assert 'name="version" value="1"' in admin_client.get(url).content.decode()
    data = {"name": "Team Alpha", "kind": "team", "code": "a1", "tags": "", "version": "1"}
    Unit.objects.filter(code="a1").update(version=2, name="Their name")
    response = admin_client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Someone else saved this since you opened it (now version 2)" in page
    assert 'value="Team Alpha"' in page and _unit("a1").name == "Their name"
    assert admin_client.post(url, {**data, "version": "2"}).status_code == 302
    assert _unit("a1").name == "Team Alpha"


def test_a_unit_moves_with_its_subtree_and_its_reporting_lines_are_shown(
    admin_client: Client, org: Org
) -> None:
    url = UNITS + "a2/move/"
    form = admin_client.get(url).content.decode()
    assert 'value="a2x"' not in form and 'value="a2"' not in form, "not under itself"
    assert 'value="b"' in form
    form = admin_client.get(UNITS + "a1/move/").content.decode()
    assert "1 position in this unit reports to a position outside it." in form
    assert "Head of A" in form
    response = admin_client.post(url, {"parent": "b", "version": "1"}, follow=True)
    assert "“Team A2” is now under “Ministry B”." in response.content.decode()
    assert _unit("a2").parent == org.b
    assert _unit("a2x").path.startswith(_unit("b").path), "the subtree went with it"


def test_an_editor_moves_only_within_their_scope(org: Org, editor_client: EditorClient) -> None:
    client = editor_client(org.a)
    form = client.get(UNITS + "a1/move/").content.decode()
    assert 'value="b"' not in form and 'value="root"' not in form and 'value="a2"' in form
    response = client.post(UNITS + "a1/move/", {"parent": "b", "version": "1"})
    assert response.status_code == 400 and _unit("a1").parent == org.a
    assert client.get(UNITS + "b/edit/").status_code == 403
    assert client.get(UNITS + "b/move/").status_code == 403
    assert client.get(UNITS + "b/new/").status_code == 403
    assert client.get(UNITS + "b/delete/").status_code == 403
    assert client.post(UNITS + "a1/move/", {"parent": "a2", "version": "1"}).status_code == 302


def test_a_viewer_cannot_open_the_unit_edit_pages(org: Org, viewer_client: ViewerClient) -> None:
    client = viewer_client(org.government)
    for action in ("edit", "new", "move", "delete"):
        assert client.get(f"{UNITS}a1/{action}/").status_code == 403, action


def test_only_an_empty_unit_is_deleted(admin_client: Client, org: Org) -> None:
    response = admin_client.post(UNITS + "a1/delete/", {"version": "1"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "1 position is in this unit: move or retire it first." in page
    Position.objects.filter(code="dev-a1").delete()
    response = admin_client.post(UNITS + "a1/delete/", {"version": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == UNITS + "a/"
    assert "Unit deleted." in response.content.decode()
    assert not Unit.objects.filter(code="a1").exists()
