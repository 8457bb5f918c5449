"""The people pages: only for users who may see personal data; list, person, create, edit,
delete, within the editor's scope."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.test import Client

from digiteam.audit.models import Change
from digiteam.organisation.models import Government, Person, Position, Unit
from tests.factories import (
    make_government,
    make_person,
    make_position,
    make_role,
    make_unit,
    make_vendor,
)
from tests.web.conftest import EditorClient, ViewerClient

pytestmark = pytest.mark.django_db

LIST = "/org/testland/people/"


@dataclass
class Org:
    government: Government
    a: Unit
    b: Unit
    dev: Position


@pytest.fixture
def org() -> Org:
    government = make_government(code="testland", name="Testland")
    root = make_unit(government=government, code="root", kind="government", name="Government")
    a = make_unit(parent=root, code="a", kind="ministry", name="Ministry A")
    b = make_unit(parent=root, code="b", kind="ministry", name="Ministry B")
    role = make_role(slug="developer", title="Software developer")
    dev = make_position(unit=a, role=role, code="dev-a", title="Backend developer")
    des = make_position(unit=b, role=role, code="dev-b")
    acme = make_vendor(government=government, code="acme", name="Acme Consulting")
    make_person(government=government, name="Amina Haroun", code="amina", position=dev)
    make_person(government=government, name="Omar Said", code="omar", position=des)
    make_person(government=government, name="Zahra Ali", code="zahra", employer=acme)
    return Org(government, a, b, dev)


def _names(client: Client, query: str = "") -> list[str]:
    page = client.get(LIST + query).content.decode()
    names = ["Amina Haroun", "Omar Said", "Zahra Ali"]
    return sorted((n for n in names if n in page), key=page.index)


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("", ["Amina Haroun", "Omar Said", "Zahra Ali"]),
        ("?q=omar", ["Omar Said"]),
        ("?unit=a", ["Amina Haroun"]),
        ("?unit=nowhere", []),
        ("?holding=free", ["Zahra Ali"]),
        ("?holding=holding", ["Amina Haroun", "Omar Said"]),
        ("?employer=acme", ["Zahra Ali"]),
        ("?employer=government", ["Amina Haroun", "Omar Said"]),
        ("?sort=-name", ["Zahra Ali", "Omar Said", "Amina Haroun"]),
        ("?sort=password", ["Amina Haroun", "Omar Said", "Zahra Ali"]),
    ],
)
def test_the_list_searches_filters_and_sorts(
    admin_client: Client, org: Org, query: str, names: list[str]
) -> None:
    assert _names(admin_client, query) == names


def test_the_list_pages_by_fifty(admin_client: Client, org: Org) -> None:
    for number in range(60):
        make_person(government=org.government, name=f"Person {number:02}", code=f"p-{number:02}")
    page = admin_client.get(LIST + "?q=person&page=2").content.decode()
    assert "Page 2 of 2" in page and 'href="?q=person&amp;page=1" rel="prev"' in page
    assert page.count("<code>p-") == 10


def test_the_list_shows_what_each_person_holds_today(admin_client: Client, org: Org) -> None:
    page = admin_client.get(LIST).content.decode()
    assert 'href="/org/testland/positions/dev-a/">Backend developer</a>' in page
    assert "Acme Consulting" in page


def test_people_pages_need_the_personal_data_permission(
    org: Org, viewer_client: ViewerClient, editor_client: EditorClient
) -> None:
    for client in (viewer_client(org.government), editor_client(org.government)):
        for url in (LIST, LIST + "amina/", LIST + "new/", LIST + "amina/edit/"):
            response = client.get(url)
            assert response.status_code == 403, url
            assert "Amina" not in response.content.decode()
    allowed = viewer_client(org.government, can_see_personal_data=True)
    assert allowed.get(LIST).status_code == 200
    assert allowed.get(LIST + "amina/").status_code == 200
    assert allowed.get(LIST + "new/").status_code == 403, "a viewer does not edit"
    assert "New person" not in allowed.get(LIST).content.decode()


def test_another_governments_people_are_not_found(org: Org, viewer_client: ViewerClient) -> None:
    other = make_government(code="otherland")
    make_person(government=other, code="someone")
    client = viewer_client(org.government, can_see_personal_data=True)
    assert client.get("/org/otherland/people/").status_code == 404
    assert client.get("/org/otherland/people/someone/").status_code == 404
    assert client.get(LIST + "someone/").status_code == 404


def test_a_scoped_viewer_sees_the_assignments_in_their_scope_only(
    org: Org, viewer_client: ViewerClient
) -> None:
    omar = Person.objects.get(code="omar")
    make_position(unit=org.a, code="old-a")
    Position.objects.get(code="old-a").assignments.create(
        person=omar, start=datetime.date(2020, 1, 1), end=datetime.date(2021, 1, 1)
    )
    client = viewer_client(org.government, units=[org.a], can_see_personal_data=True)
    page = client.get(LIST + "omar/").content.decode()
    assert "/positions/old-a/" in page and "/positions/dev-b/" not in page
    assert "1 more assignment is outside your access." in page


def test_a_person_is_created_with_a_code_from_the_name(admin_client: Client, org: Org) -> None:
    response = admin_client.post(
        LIST + "new/", {"name": "Hassan Daher", "email": "h.daher@example.org", "employer": "acme"}
    )
    person = Person.objects.get(name="Hassan Daher")
    assert response.status_code == 302 and response["Location"] == f"{LIST}{person.code}/"
    assert person.code == "hassan-daher-1" and person.employer is not None
    page = admin_client.get(response["Location"]).content.decode()
    assert "Person saved." in page and "h.daher@example.org" in page
    assert Change.objects.filter(object_repr__contains="Hassan Daher").count() == 1


def test_bad_input_is_located_and_changes_nothing(admin_client: Client, org: Org) -> None:
    response = admin_client.post(LIST + "new/", {"name": "", "email": "not an email"})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in page and 'href="#id_name"' in page
    assert 'id="id_email-error"' in page and 'aria-invalid="true"' in page
    response = admin_client.post(LIST + "new/", {"name": "Amina Again", "code": "amina"})
    assert response.status_code == 400 and 'id="id_code-error"' in response.content.decode()
    assert Person.objects.count() == 3


def test_an_edit_saves_and_a_stale_one_keeps_the_input(admin_client: Client, org: Org) -> None:
    url = LIST + "amina/edit/"
    assert 'name="version" value="1"' in admin_client.get(url).content.decode()
    data = {"name": "Amina H. Haroun", "email": "", "employer": "", "code": "amina", "version": "1"}
    Person.objects.filter(code="amina").update(version=2, email="them@example.org")
    response = admin_client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Someone else saved this since you opened it (now version 2)" in page
    assert 'value="Amina H. Haroun"' in page and 'name="version" value="2"' in page
    assert Person.objects.get(code="amina").name == "Amina Haroun"
    response = admin_client.post(url, {**data, "version": "2"})
    assert response.status_code == 302
    assert Person.objects.get(code="amina").name == "Amina H. Haroun"


def test_an_editor_changes_only_people_of_their_scope(
    org: Org, editor_client: EditorClient
) -> None:
    client = editor_client(org.a, can_see_personal_data=True)
    assert client.get(LIST + "amina/edit/").status_code == 200
    assert client.get(LIST + "omar/edit/").status_code == 403, "Omar holds a post in B"
    assert client.get(LIST + "omar/delete/").status_code == 403
    assert client.get(LIST + "zahra/edit/").status_code == 200, "nobody's post: anyone's"
    response = client.post(LIST + "new/", {"name": "New Hire"})
    assert response.status_code == 302


def test_deleting_someone_who_holds_a_position_is_refused(admin_client: Client, org: Org) -> None:
    response = admin_client.post(LIST + "amina/delete/", {"version": "1"})
    assert response.status_code == 400
    assert "This person holds 1 position: end the assignment first." in response.content.decode()
    assert Person.objects.filter(code="amina").exists()
    response = admin_client.post(LIST + "zahra/delete/", {"version": "1"}, follow=True)
    assert "Person deleted." in response.content.decode()
    assert not Person.objects.filter(code="zahra").exists()


def test_the_position_page_links_to_the_holder_for_those_who_may_see_them(
    admin_client: Client, org: Org, viewer_client: ViewerClient
) -> None:
    page = admin_client.get("/org/testland/positions/dev-a/").content.decode()
    assert 'href="/org/testland/people/amina/">Amina Haroun</a>' in page
    page = viewer_client(org.government).get("/org/testland/positions/dev-a/").content.decode()
    assert "/people/" not in page and "Amina" not in page


def test_the_person_page_leads_to_the_history_of_the_record(admin_client: Client, org: Org) -> None:
    page = admin_client.get(LIST + "amina/").content.decode()
    assert 'href="/org/testland/history/person/amina/"' in page
    assert admin_client.get("/org/testland/history/person/amina/").status_code == 200
