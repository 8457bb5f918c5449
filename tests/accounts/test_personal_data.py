"""Without the personal-data permission, people appear as the positions they hold."""

from __future__ import annotations

import pytest
from django.test import Client

from digiteam.accounts.guards import PageAccess, person_label
from digiteam.accounts.templatetags.digiteam_accounts import person_name
from tests.accounts.conftest import Tree
from tests.web.conftest import EditorClient, ViewerClient

pytestmark = pytest.mark.django_db

UNIT = "/org/testland/units/a1/"
POSITION = "/org/testland/positions/dev-a1/"


def _pages(client: Client) -> tuple[str, str]:
    unit, position = client.get(UNIT), client.get(POSITION)
    assert unit.status_code == position.status_code == 200
    return unit.content.decode(), position.content.decode()


def test_names_are_hidden_without_the_permission(tree: Tree, viewer_client: ViewerClient) -> None:
    unit, position = _pages(viewer_client(tree.government))
    for page in (unit, position):
        assert "Amina Haroun" not in page
        assert "Software developer" in page
    assert "Filled" in unit and "<td>Held</td>" in unit
    assert '<th scope="row">Held</th>' in position


def test_editors_need_the_permission_too(tree: Tree, editor_client: EditorClient) -> None:
    unit, position = _pages(editor_client(tree.a))
    assert "Amina Haroun" not in unit and "Amina Haroun" not in position


def test_names_are_shown_with_the_permission(tree: Tree, viewer_client: ViewerClient) -> None:
    unit, position = _pages(viewer_client(tree.government, can_see_personal_data=True))
    assert "<td>Amina Haroun</td>" in unit
    assert '<th scope="row"><a href="/org/testland/people/amina/">Amina Haroun</a></th>' in position


def test_administrators_see_names(tree: Tree, admin_client: Client) -> None:
    unit, position = _pages(admin_client)
    assert "Amina Haroun" in unit and "Amina Haroun" in position


def test_a_page_that_passes_no_access_shows_no_name(tree: Tree) -> None:
    person = tree.position_a1.assignments.get().person
    assert person_name(person, None) == "Held"
    assert person_name(person, PageAccess(see_people=False, can_edit=True)) == "Held"
    assert person_name(person, PageAccess(see_people=True, can_edit=False)) == "Amina Haroun"
    assert person_label(person=person, see_people=False) == "Held"
