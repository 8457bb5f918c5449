"""The position pages: the filtered list, and editing, retiring and staffing a position."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from digiteam.organisation import selectors_web
from digiteam.organisation.models import Assignment, Government, Position, Unit
from tests.factories import (
    make_government,
    make_person,
    make_position,
    make_role,
    make_unit,
)
from tests.web.conftest import EditorClient, ViewerClient

pytestmark = pytest.mark.django_db


@dataclass
class Org:
    government: Government
    a: Unit
    a1: Unit
    b: Unit
    developer: Position
    designer: Position


@pytest.fixture
def org() -> Org:
    government = make_government(code="testland", name="Testland")
    root = make_unit(government=government, code="root", kind="government", name="Government")
    a = make_unit(parent=root, code="a", kind="ministry", name="Ministry A")
    a1 = make_unit(parent=a, code="a1", kind="team", name="Team A1")
    b = make_unit(parent=root, code="b", kind="ministry", name="Ministry B")
    developer = make_position(
        unit=a1,
        role=make_role(slug="developer", title="Software developer"),
        code="dev-1",
        title="Backend developer",
        status="filled",
        fte="1",
    )
    designer = make_position(
        unit=b,
        role=make_role(slug="designer", title="Service designer"),
        code="des-1",
        sourcing="contract",
        status="vacant",
        fte="0.5",
    )
    make_person(government=government, name="Amina Haroun", code="amina", position=developer)
    make_person(government=government, name="Omar Said", code="omar")
    return Org(government, a, a1, b, developer, designer)


LIST = "/org/testland/positions/"


def _codes(client: Client, query: str = "") -> list[str]:
    page = client.get(LIST + query).content.decode()
    return [c for c in ("dev-1", "des-1") if f"<code>{c}</code>" in page]


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("", ["dev-1", "des-1"]),
        ("?unit=a", ["dev-1"]),  # the subtree: A1 is under A
        ("?unit=nowhere", []),
        ("?role=designer", ["des-1"]),
        ("?sourcing=contract", ["des-1"]),
        ("?status=filled", ["dev-1"]),
        ("?q=backend", ["dev-1"]),
        ("?q=ministry+b", ["des-1"]),
        ("?status=nonsense", ["dev-1", "des-1"]),
    ],
)
def test_the_list_filters(admin_client: Client, org: Org, query: str, codes: list[str]) -> None:
    assert _codes(admin_client, query) == codes


def test_the_list_sorts_by_a_column_and_says_so(admin_client: Client, org: Org) -> None:
    page = admin_client.get(LIST + "?sort=-fte").content.decode()
    assert page.index("<code>dev-1</code>") < page.index("<code>des-1</code>")
    assert 'aria-sort="descending" class="num"><a href="?sort=fte">' in page
    page = admin_client.get(LIST + "?sort=fte").content.decode()
    assert page.index("<code>des-1</code>") < page.index("<code>dev-1</code>")
    assert 'aria-sort="ascending"' in page
    unknown = admin_client.get(LIST + "?sort=password").content.decode()
    assert 'aria-sort="ascending"><a href="?sort=-unit">' in unknown


def test_the_list_of_a_scoped_viewer_shows_their_units_only(
    org: Org, viewer_client: ViewerClient
) -> None:
    client = viewer_client(org.government, units=[org.a])
    assert _codes(client) == ["dev-1"]
    page = client.get(LIST).content.decode()
    assert "Amina Haroun" not in page and "Held" in page
    assert "New position" not in page


def _unit_options(client: Client, query: str = "") -> list[str]:
    page = client.get(LIST + query).content.decode()
    start = page.index('id="filter-unit"')
    select = page[start : page.index("</select>", start)]
    return re.findall(r'<option value="([^"]+)"', select)


def test_a_large_unit_filter_lists_the_way_down_instead_of_every_unit(
    admin_client: Client, org: Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    deep = make_unit(parent=org.a1, code="a1x", kind="team", name="Team A1X")
    make_unit(parent=deep, code="a1xy", kind="team", name="Team A1XY")
    assert _unit_options(admin_client) == ["root", "a", "a1", "a1x", "a1xy", "b"]
    monkeypatch.setattr(selectors_web, "UNIT_CHOICES_MAX", 3)
    # the top two levels, and a hint saying how to go deeper
    assert _unit_options(admin_client) == ["root", "a", "b"]
    assert 'aria-describedby="filter-unit-hint"' in admin_client.get(LIST).content.decode()
    # a chosen unit brings its ancestors and its sub-units, and still filters its subtree
    assert _unit_options(admin_client, "?unit=a1") == ["root", "a", "a1", "a1x", "b"]
    assert _unit_options(admin_client, "?unit=a1x") == ["root", "a", "a1", "a1x", "a1xy", "b"]
    assert _codes(admin_client, "?unit=a1") == ["dev-1"]


def test_a_scoped_viewers_unit_filter_starts_at_their_units(
    org: Org, viewer_client: ViewerClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_unit(parent=org.a1, code="a1x", kind="team", name="Team A1X")
    monkeypatch.setattr(selectors_web, "UNIT_CHOICES_MAX", 1)
    client = viewer_client(org.government, units=[org.a])
    assert _unit_options(client) == ["a", "a1"]


def _many(count: int) -> None:
    government = make_government(code="bigland")
    unit = make_unit(government=government, code="root")
    role = make_role(slug="developer")
    for number in range(count):
        position = make_position(unit=unit, role=role, code=f"p-{number:03}")
        make_person(government=government, position=position)


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_pages_by_fifty_in_a_fixed_number_of_queries(admin_client: Client) -> None:
    _many(20)
    small = _queries(admin_client, "/org/bigland/positions/?q=p")
    government = Government.objects.get(code="bigland")
    unit = Unit.objects.get(code="root")
    for number in range(20, 200):
        position = make_position(unit=unit, role=make_role(slug="developer"), code=f"p-{number:03}")
        make_person(government=government, position=position)
    assert _queries(admin_client, "/org/bigland/positions/?q=p") == small
    page = admin_client.get("/org/bigland/positions/?q=p&page=4").content.decode()
    assert page.count("<code>p-") == 50 and "<code>p-150</code>" in page
    assert "Page 4 of 4" in page and 'href="?q=p&amp;page=3" rel="prev"' in page


def test_a_new_position_is_saved_with_a_message(admin_client: Client, org: Org) -> None:
    form = admin_client.get("/org/testland/positions/new/?unit=a1").content.decode()
    assert 'name="csrfmiddlewaretoken"' in form
    assert '<option value="a1" selected>' in form
    data = {"role": "developer", "unit": "a1", "sourcing": "internal", "fte": "0.5"}
    response = admin_client.post(
        "/org/testland/positions/new/", {**data, "status": "planned"}, follow=True
    )
    assert response.redirect_chain[0][0] == "/org/testland/positions/developer-1/"
    assert "Position saved." in response.content.decode()
    assert Position.objects.get(code="developer-1").fte == 0.5


def test_an_invalid_position_shows_an_error_summary_linked_to_fields(
    admin_client: Client, org: Org
) -> None:
    data = {
        "role": "developer",
        "unit": "a1",
        "sourcing": "internal",
        "status": "filled",
        "fte": "2",
        "reports_to": "nobody",
    }
    response = admin_client.post("/org/testland/positions/dev-1/edit/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert" tabindex="-1"' in page
    assert '<a href="#id_fte">FTE: FTE is more than 0 and at most 1.</a>' in page
    assert '<a href="#id_reports_to">Reports to: No position has the code “nobody”.</a>' in page
    assert 'aria-describedby="id_fte-error id_fte_helptext"' in page
    assert 'aria-invalid="true"' in page
    org.developer.refresh_from_db()
    assert org.developer.fte == 1


def test_an_edit_saves_and_the_position_page_offers_the_actions(
    admin_client: Client, org: Org
) -> None:
    page = admin_client.get("/org/testland/positions/dev-1/").content.decode()
    for action in ("edit", "assign", "release", "retire"):
        assert f'href="/org/testland/positions/dev-1/{action}/"' in page
    data = {
        "role": "developer",
        "unit": "a1",
        "sourcing": "internal",
        "status": "filled",
        "fte": "1",
        "title": "Lead developer",
        "reports_to": "des-1",
    }
    response = admin_client.post("/org/testland/positions/dev-1/edit/", data)
    assert response.status_code == 302
    org.developer.refresh_from_db()
    assert (org.developer.title, org.developer.reports_to) == ("Lead developer", org.designer)


def test_an_editor_is_limited_to_their_subtree(org: Org, editor_client: EditorClient) -> None:
    client = editor_client(org.a)
    assert client.get("/org/testland/positions/dev-1/edit/").status_code == 200
    assert client.get("/org/testland/positions/des-1/edit/").status_code == 403
    assert client.get("/org/testland/positions/des-1/retire/").status_code == 403
    assert client.get("/org/testland/positions/new/?unit=b").status_code == 403
    form = client.get("/org/testland/positions/new/").content.decode()
    assert 'value="a1"' in form and 'value="b"' not in form, "only editable units are offered"
    data = {"role": "developer", "unit": "b", "sourcing": "internal", "status": "planned"}
    response = client.post("/org/testland/positions/new/", {**data, "fte": "1"})
    assert response.status_code == 400
    assert list(Position.objects.filter(unit=org.b)) == [org.designer]
    unit_page = client.get("/org/testland/units/a1/").content.decode()
    assert "New position in this unit" in unit_page


@pytest.mark.parametrize("action", ["edit", "retire", "assign", "release"])
def test_a_viewer_cannot_open_the_edit_pages(
    org: Org, viewer_client: ViewerClient, action: str
) -> None:
    client = viewer_client(org.government, can_see_personal_data=True)
    assert client.get(f"/org/testland/positions/dev-1/{action}/").status_code == 403
    assert client.post(f"/org/testland/positions/dev-1/{action}/").status_code == 403
    assert client.get("/org/testland/positions/new/").status_code == 403
    page = client.get("/org/testland/positions/dev-1/").content.decode()
    assert "/edit/" not in page and "/retire/" not in page


def test_assigning_needs_the_personal_data_permission(
    org: Org, editor_client: EditorClient
) -> None:
    assert editor_client(org.a).get("/org/testland/positions/dev-1/assign/").status_code == 403


def test_assign_refuses_beyond_the_fte_then_release_and_assign(
    org: Org, editor_client: EditorClient
) -> None:
    client = editor_client(org.a, can_see_personal_data=True)
    url = "/org/testland/positions/dev-1/assign/"
    today = datetime.date.today().isoformat()
    response = client.post(url, {"person": "omar", "start": today, "fte": "0.5"})
    assert response.status_code == 400
    assert "at most 0 FTE is left" in response.content.decode()
    current = Assignment.objects.get(position=org.developer, end__isnull=True)
    release = "/org/testland/positions/dev-1/release/"
    assert "Amina Haroun, since" in client.get(release).content.decode()
    response = client.post(release, {"assignment": current.pk, "end": today}, follow=True)
    assert "Assignment ended." in response.content.decode()
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    response = client.post(url, {"person": "omar", "start": tomorrow, "fte": "0.5"}, follow=True)
    assert "Person assigned." in response.content.decode()
    assert Assignment.objects.filter(position=org.developer, person__code="omar").exists()


def test_ending_an_assignment_someone_else_changed_is_refused_and_keeps_the_input(
    admin_client: Client, org: Org
) -> None:
    current = Assignment.objects.get(position=org.developer, end__isnull=True)
    url = "/org/testland/positions/dev-1/release/"
    field = f"version_{current.pk}"
    assert f'name="{field}" value="1"' in admin_client.get(url).content.decode()
    end = datetime.date.today().isoformat()
    Assignment.objects.filter(pk=current.pk).update(version=2, fte="0.5")
    data = {"assignment": current.pk, "end": end, field: "1"}
    response = admin_client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Someone else saved this since you opened it (now version 2)" in page
    assert 'class="error-summary"' in page and f'value="{end}"' in page
    assert Assignment.objects.get(pk=current.pk).end is None, "nothing ended"
    assert f'name="{field}" value="2"' in page, "ending it now is a knowing choice"
    response = admin_client.post(url, {**data, field: "2"}, follow=True)
    assert "Assignment ended." in response.content.decode()
    assert Assignment.objects.get(pk=current.pk).end is not None


def test_retire_is_refused_while_held_then_allowed(admin_client: Client, org: Org) -> None:
    url = "/org/testland/positions/dev-1/retire/"
    confirm = admin_client.get(url).content.decode()
    assert "This cannot be undone." in confirm and 'name="csrfmiddlewaretoken"' in confirm
    response = admin_client.post(url)
    assert response.status_code == 400
    assert "Someone holds this position: release them first." in response.content.decode()
    Assignment.objects.filter(position=org.developer).delete()
    response = admin_client.post(url, follow=True)
    assert response.redirect_chain[0][0] == "/org/testland/units/a1/"
    assert "Position retired." in response.content.decode()
    assert not Position.objects.filter(code="dev-1").exists()


def test_forms_need_a_csrf_token(org: Org) -> None:
    client = Client(enforce_csrf_checks=True)
    from tests.factories import make_user

    client.force_login(make_user(is_superuser=True))
    assert client.post("/org/testland/positions/dev-1/retire/").status_code == 403
    assert Position.objects.filter(code="dev-1").exists()


def test_the_form_in_french(admin_client: Client, org: Org) -> None:
    admin_client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    data = {"role": "developer", "unit": "a1", "sourcing": "internal", "status": "filled"}
    page = admin_client.post(
        "/org/testland/positions/dev-1/edit/", {**data, "fte": "2"}
    ).content.decode()
    assert '<html lang="fr"' in page
    assert "Il y a un problème" in page
    assert "Intitulé du poste" in page
    assert "Enregistrer le poste" in page


def test_saving_over_someone_elses_edit_is_refused_and_keeps_the_input(
    admin_client: Client, org: Org
) -> None:
    url = "/org/testland/positions/dev-1/edit/"
    assert 'name="version" value="1"' in admin_client.get(url).content.decode()
    data = {
        "role": "developer",
        "unit": "a1",
        "sourcing": "internal",
        "status": "filled",
        "fte": "1",
        "title": "My new title",
        "version": "1",
    }
    Position.objects.filter(code="dev-1").update(version=2, title="Their title")
    response = admin_client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Someone else saved this since you opened it (now version 2)" in page
    assert 'class="error-summary"' in page and 'value="My new title"' in page
    assert Position.objects.get(code="dev-1").title == "Their title"
    assert 'name="version" value="2"' in page, "saving again replaces theirs, knowingly"
    assert admin_client.post(url, {**data, "version": "2"}).status_code == 302
    position = Position.objects.get(code="dev-1")
    assert (position.title, position.version) == ("My new title", 3)


def test_retiring_a_position_someone_changed_meanwhile_is_refused(
    admin_client: Client, org: Org
) -> None:
    url = "/org/testland/positions/des-1/retire/"
    assert 'name="version" value="1"' in admin_client.get(url).content.decode()
    Position.objects.filter(code="des-1").update(version=2)
    response = admin_client.post(url, {"version": "1"})
    assert response.status_code == 400
    assert "Someone else changed this since you opened it" in response.content.decode()
    assert 'name="version" value="2"' in response.content.decode()
    assert admin_client.post(url, {"version": "2"}).status_code == 302
    assert not Position.objects.filter(code="des-1").exists()
