"""The history pages: an object's changes, a government's changes, and their exports."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.conf import settings
from django.test import Client

from digiteam.audit.choices import Via
from digiteam.audit.models import ChangeSet
from digiteam.organisation.models import Person, Position
from tests.accounts.conftest import Tree, tree
from tests.factories import changes_of, make_user
from tests.web.conftest import ViewerClient, viewer_client

__all__ = ["tree", "viewer_client"]  # fixtures
pytestmark = pytest.mark.django_db

HISTORY = "/org/testland/history/position/dev-a1/"
CHANGES = "/org/testland/changes/"


def _admin(username: str = "nadia") -> Client:
    client = Client()
    client.force_login(make_user(username=username, is_superuser=True, is_staff=True))
    return client


def _edit(client: Client, **values: str) -> None:
    data = {
        "role": "developer",
        "unit": "a1",
        "sourcing": "internal",
        "status": "filled",
        "fte": "1",
        "title": "",
        **values,
    }
    response = client.post("/org/testland/positions/dev-a1/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


def _text(response: object) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]


def test_a_web_edit_shows_in_the_history_with_its_author_and_values_in_words(tree: Tree) -> None:
    client = _admin()
    _edit(client, unit="b1", title="Lead developer")
    page = client.get(HISTORY).content.decode()
    assert "nadia" in page and "web application" in page
    assert "<del>Team A1</del>" in page and "<ins>Team B1</ins>" in page, "units by name"
    assert "<ins>Lead developer</ins>" in page
    assert (
        'href="/org/testland/history/position/dev-a1/"'
        in client.get("/org/testland/positions/dev-a1/").content.decode()
    ), "the position page links to its history"
    (change_set,) = ChangeSet.objects.filter(username="nadia")
    assert change_set.via == Via.WEB and change_set.government_code == "testland"


def test_the_changes_page_lists_filters_and_opens_a_change_set(tree: Tree) -> None:
    client = _admin()
    _edit(client, title="Lead developer")
    _admin("omar.admin").post(
        "/org/testland/positions/dev-a1/edit/",
        {"role": "developer", "unit": "a1", "sourcing": "internal", "status": "vacant", "fte": "1"},
    )
    page = client.get(CHANGES).content.decode()
    assert "2 change sets" in page
    assert 'href="/org/testland/changes/?user=nadia"' in page, "names lead to their changes"
    assert "2 change sets" not in client.get(CHANGES + "?user=nadia").content.decode()
    assert "No change matches" in client.get(CHANGES + "?via=cli").content.decode()
    assert "No change matches" in client.get(CHANGES + "?kind=person").content.decode()
    assert "Software developer" in client.get(CHANGES + "?kind=position").content.decode()
    refused = client.get(CHANGES + "?start=2030-01-02&end=2030-01-01").content.decode()
    assert "The end date is before the start date." in refused
    change_set = ChangeSet.objects.get(username="nadia")
    one = client.get(f"{CHANGES}?set={change_set.pk}").content.decode()
    assert "<ins>Lead developer</ins>" in one and "omar.admin" not in one


def test_the_exports_hold_the_filtered_changes_and_are_safe_in_a_spreadsheet(tree: Tree) -> None:
    client = _admin()
    _edit(client, title="=HYPERLINK(1)")
    rows = list(csv.reader(io.StringIO(_text(client.get(CHANGES + "changes.csv?user=nadia")))))
    assert rows[0][:3] == ["when (UTC)", "change set", "user"]
    title = next(r for r in rows[1:] if r[10] == "working title")
    assert (title[2], title[11], title[12]) == ("nadia", "—", "'=HYPERLINK(1)")
    data = json.loads(_text(client.get(CHANGES + "changes.json")))
    (change,) = [c for c in data["changes"] if c["type"] == "position"]
    assert change["user"] == "nadia" and change["via"] == "web" and change["action"] == "update"
    assert {"field": "working title", "before": "—", "after": "=HYPERLINK(1)"} in change["values"]
    assert json.loads(_text(client.get(CHANGES + "changes.json?user=nobody")))["changes"] == []
    refused = client.get(CHANGES + "changes.csv?start=yesterday")
    assert refused.status_code == 400 and "start: Enter a valid date." in refused.content.decode()


def test_a_scoped_viewer_sees_the_history_of_their_subtree_only(
    tree: Tree, viewer_client: ViewerClient
) -> None:
    _edit(_admin(), title="Lead developer")
    client = viewer_client(tree.government, units=[tree.a])
    assert "Lead developer" in client.get(HISTORY).content.decode()
    assert client.get("/org/testland/history/position/dev-b1/").status_code == 403
    assert client.get("/org/testland/history/unit/a1/").status_code == 200
    assert client.get(CHANGES).status_code == 403, "the changes page spans the government"
    assert client.get(CHANGES + "changes.csv").status_code == 403
    assert client.get("/org/otherland/history/unit/o/").status_code == 404
    assert client.get("/org/testland/history/nonsense/a/").status_code == 404
    assert client.get("/org/testland/history/unit/nowhere/").status_code == 404


def test_people_s_values_are_hidden_without_the_personal_data_permission(
    tree: Tree, viewer_client: ViewerClient
) -> None:
    person = Person.objects.get(name="Amina Haroun")
    admin = _admin()
    change = f"/admin/organisation/person/{person.pk}/change/"
    data = {"government": tree.government.pk, "code": person.code, "name": "Amina H. Haroun"}
    response = admin.post(change, {**data, "version": person.version, "email": "a@example.org"})
    assert response.status_code == 302, response.content.decode()[:3000]
    history = f"/org/testland/history/person/{person.code}/"
    assert "Amina H. Haroun" in admin.get(history).content.decode()
    for url in (history, CHANGES, CHANGES + "changes.json"):
        response = viewer_client(tree.government).get(url)
        text = _text(response) if response.streaming else response.content.decode()
        assert "Amina" not in text and "a@example.org" not in text, url
        assert "hidden (personal data)" in text, url
    seeing = viewer_client(tree.government, can_see_personal_data=True)
    assert "Amina H. Haroun" in seeing.get(history).content.decode()


def test_an_admin_save_and_delete_are_recorded_and_the_deleted_stays_reachable(
    tree: Tree,
) -> None:
    admin = _admin()
    position = tree.position_a1
    delete = f"/admin/organisation/position/{position.pk}/delete/"
    assert admin.post(delete, {"post": "yes"}).status_code == 302
    assert not Position.objects.filter(pk=position.pk).exists()
    (deleted,) = changes_of(position)
    assert deleted.change_set.via == Via.ADMIN and deleted.change_set.username == "nadia"
    assert deleted.change_set.changes.filter(content_type__model="assignment").exists(), (
        "what the deletion took with it"
    )
    page = admin.get(HISTORY)
    assert page.status_code == 200
    assert "This object has been deleted" in page.content.decode()


def test_the_history_page_reads_right_to_left_in_arabic(tree: Tree) -> None:
    client = _admin()
    _edit(client, title="Lead developer")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    for url in (HISTORY, CHANGES):
        page = client.get(url).content.decode()
        assert 'dir="rtl"' in page and 'lang="ar"' in page, url


def test_granting_access_in_the_admin_is_recorded(tree: Tree) -> None:
    admin = _admin()
    viewer = make_user(username="zahra")
    data = {
        "user": viewer.pk,
        "government": tree.government.pk,
        "role": "viewer",
        "unit_codes": "a",
    }
    response = admin.post("/admin/accounts/membership/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    granted = ChangeSet.objects.get(via=Via.ADMIN)
    (change,) = granted.changes.all()
    assert change.after is not None and change.after["unit_codes"] == ["a"]
    assert (granted.username, granted.government_code) == ("nadia", "testland")
