"""Bulk edit of positions from the list: a selection's sourcing and status, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from digiteam.audit.models import Change
from digiteam.organisation.models import Government, Position, Unit
from tests.factories import make_government, make_position, make_role, make_unit
from tests.web.conftest import EditorClient, ViewerClient

pytestmark = pytest.mark.django_db

LIST = "/org/testland/positions/"
BULK = "/org/testland/positions/bulk/"


@dataclass
class Org:
    government: Government
    a: Unit
    b: Unit


@pytest.fixture
def org() -> Org:
    government = make_government(code="testland", name="Testland")
    root = make_unit(government=government, code="root", kind="government", name="Government")
    a = make_unit(parent=root, code="a", kind="ministry", name="Ministry A")
    b = make_unit(parent=root, code="b", kind="ministry", name="Ministry B")
    role = make_role(slug="developer", title="Software developer")
    make_position(unit=a, role=role, code="dev-1", status="planned")
    make_position(unit=a, role=role, code="dev-2", status="approved", sourcing="contract")
    make_position(unit=b, role=role, code="dev-3", status="planned")
    return Org(government, a, b)


def _post(client: Client, codes: list[str], **fields: str) -> object:
    data: dict[str, object] = {"selected": codes, **fields}
    for code in codes:
        data[f"version-{code}"] = str(Position.objects.get(code=code).version)
    return client.post(BULK, data)


def _state(code: str) -> tuple[str, str, int]:
    position = Position.objects.get(code=code)
    return position.sourcing, position.status, position.version


def test_the_list_offers_a_selection_to_editors_only(
    org: Org, editor_client: EditorClient, viewer_client: ViewerClient
) -> None:
    page = editor_client(org.government).get(LIST).content.decode()
    assert 'name="selected" value="dev-1"' in page and 'name="version-dev-1" value="1"' in page
    assert f'action="{BULK}"' in page and "Apply to the chosen positions" in page
    page = viewer_client(org.government).get(LIST).content.decode()
    assert 'name="selected"' not in page and "Apply to the chosen positions" not in page


def test_a_selection_gets_a_new_sourcing_and_status_in_one_change_set(
    admin_client: Client, org: Org
) -> None:
    response = admin_client.post(
        BULK,
        {
            "selected": ["dev-1", "dev-2"],
            "version-dev-1": "1",
            "version-dev-2": "1",
            "sourcing": "secondment",
            "status": "approved",
            "query": "sort=-fte&unit=a",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == LIST + "?sort=-fte&unit=a"
    assert "2 positions updated." in response.content.decode()
    assert _state("dev-1") == ("secondment", "approved", 2)
    assert _state("dev-2") == ("secondment", "approved", 2)
    assert _state("dev-3") == ("internal", "planned", 1)
    changes = Change.objects.filter(object_repr__contains="dev-")
    assert changes.count() == 2
    assert {c.change_set_id for c in changes} == {changes[0].change_set_id}
    assert changes[0].change_set.summary == "Bulk edit of 2 positions"
    assert changes[0].change_set.user is not None


def test_keeping_the_status_changes_only_the_sourcing(admin_client: Client, org: Org) -> None:
    _post(admin_client, ["dev-1", "dev-2"], sourcing="consultant", status="")
    assert _state("dev-1") == ("consultant", "planned", 2)
    assert _state("dev-2") == ("consultant", "approved", 2)


@pytest.mark.parametrize(
    ("codes", "fields", "message"),
    [
        ([], {"sourcing": "contract"}, "Choose at least one position."),
        (["dev-1"], {}, "Choose a new sourcing, a new status or both."),
        (["dev-1"], {"status": "retired"}, "Select a valid choice."),
    ],
)
def test_an_incomplete_request_says_what_is_missing_and_changes_nothing(
    admin_client: Client, org: Org, codes: list[str], fields: dict[str, str], message: str
) -> None:
    response = _post(admin_client, codes, **fields)
    page = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert 'class="error-summary"' in page and message in page
    assert _state("dev-1") == ("internal", "planned", 1)


def test_a_position_changed_meanwhile_stops_the_whole_change(
    admin_client: Client, org: Org
) -> None:
    data = {
        "selected": ["dev-1", "dev-3"],
        "version-dev-1": "1",
        "version-dev-3": "1",
        "status": "vacant",
    }
    Position.objects.filter(code="dev-3").update(version=2, title="Renamed meanwhile")
    response = admin_client.post(BULK, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "dev-3: someone else changed this position since you chose it" in page
    assert 'href="#bulk-selection"' in page
    assert _state("dev-1") == ("internal", "planned", 1), "all or nothing"
    # the page shows the selection as it is now, still chosen; applying again saves it
    assert 'value="dev-3" id="select-dev-3" checked' in page
    assert 'name="version-dev-3" value="2"' in page
    data["version-dev-3"] = "2"
    assert admin_client.post(BULK, data).status_code == 302
    assert _state("dev-3")[1:] == ("vacant", 3)


def test_an_editor_cannot_change_positions_outside_their_scope(
    org: Org, editor_client: EditorClient, viewer_client: ViewerClient
) -> None:
    editor = editor_client(org.a)
    assert _post(editor, ["dev-1", "dev-3"], status="vacant").status_code == 403  # type: ignore[attr-defined]
    assert _state("dev-1")[1] == "planned" and _state("dev-3")[1] == "planned"
    assert _post(editor, ["dev-1"], status="vacant").status_code == 302  # type: ignore[attr-defined]
    viewer = viewer_client(org.government)
    assert _post(viewer, ["dev-2"], status="vacant").status_code == 403  # type: ignore[attr-defined]


def test_positions_of_another_government_cannot_be_chosen(admin_client: Client, org: Org) -> None:
    other = make_unit(government=make_government(code="otherland"), code="o")
    make_position(unit=other, code="dev-o")
    response = _post(admin_client, ["dev-o"], status="vacant")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert Position.objects.get(code="dev-o").status == "planned"


def test_the_bulk_page_is_reached_by_post_only(admin_client: Client, org: Org) -> None:
    assert admin_client.get(BULK).status_code == 405
