"""The sizing page: the plan as tables, applied by an editor of the scope, shown to viewers."""

from __future__ import annotations

from collections import Counter

import pytest
from django.test import Client

from digiteam.compositions.models import Template
from digiteam.organisation.models import Position
from tests.organisation.test_sizing import Org, build_org, make_template
from tests.web.conftest import EditorClient, ViewerClient

pytestmark = pytest.mark.django_db

URL = "/org/testland/sizing/"


@pytest.fixture
def org(shipped_reference: object) -> Org:
    return build_org()


@pytest.fixture
def custom(org: Org) -> Template:
    """One software developer per ministry: health and finance."""
    return make_template(("software-developer", [{"kind": "per_ministry", "count": 1}]))


def added(response: object) -> Counter[tuple[str, str]]:
    plan = response.context["plan"]  # type: ignore[attr-defined]
    return Counter((line.unit, line.role) for line in plan.to_add)


def test_the_plan_lists_exactly_what_would_be_added(admin_client: Client, custom: Template) -> None:
    response = admin_client.get(URL, {"template": "custom"})
    assert response.status_code == 200
    assert added(response) == {
        ("health", "software-developer"): 1,
        ("finance", "software-developer"): 1,
    }
    page = response.content.decode()
    assert "Ministry of Health" in page and "Apply this plan" in page
    assert "DJF" in page, "the totals name the currency"
    assert not Position.objects.exists(), "showing the plan changes nothing"


def test_applying_writes_the_plan_once(admin_client: Client, custom: Template) -> None:
    response = admin_client.post(URL, {"template": "custom"})
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?template=custom"
    assert sorted(Position.objects.values_list("unit__code", flat=True)) == ["finance", "health"]
    page = admin_client.get(response["Location"]).content.decode()
    assert "2 positions added" in page

    again = admin_client.post(URL, {"template": "custom"}, follow=True)
    assert Position.objects.count() == 2, "a second apply adds nothing"
    assert "Nothing to add or retire" in again.content.decode()


def test_a_viewer_sees_the_plan_but_cannot_apply_it(
    viewer_client: ViewerClient, org: Org, custom: Template
) -> None:
    client = viewer_client(org.government)
    response = client.get(URL, {"template": "custom"})
    assert response.status_code == 200
    assert len(response.context["plan"].to_add) == 2
    assert "Apply this plan" not in response.content.decode()
    assert client.post(URL, {"template": "custom"}).status_code == 403
    assert not Position.objects.exists()


def test_an_editor_applies_within_their_scope_only(
    editor_client: EditorClient, org: Org, custom: Template
) -> None:
    client = editor_client(org["health"])
    assert client.post(URL, {"template": "custom"}).status_code == 403
    response = client.post(URL, {"template": "custom", "under": "health"})
    assert response.status_code == 302
    assert list(Position.objects.values_list("unit__code", flat=True)) == ["health"]


def test_an_unknown_unit_is_not_found(admin_client: Client, custom: Template) -> None:
    assert admin_client.get(URL, {"template": "custom", "under": "nowhere"}).status_code == 404


def test_applying_reuses_the_plan_shown(admin_client: Client, custom: Template) -> None:
    shown = admin_client.get(URL, {"template": "custom"})
    token = shown.context["plan_token"]
    assert token, "the apply form carries a token for the plan kept on the server"
    response = admin_client.post(URL, {"template": "custom", "plan": token}, follow=True)
    page = response.content.decode()
    assert "2 positions added" in page
    assert "changed after the plan was shown" not in page
    assert Position.objects.count() == 2


def test_applying_after_a_concurrent_change_applies_what_is_needed_now_and_says_so(
    admin_client: Client, org: Org, custom: Template
) -> None:
    shown = admin_client.get(URL, {"template": "custom"})
    assert len(shown.context["plan"].to_add) == 2
    # Meanwhile someone else applies the same template: health and finance are staffed.
    other = Client()
    other.force_login(shown.wsgi_request.user)
    assert other.post(URL, {"template": "custom"}).status_code == 302
    assert Position.objects.count() == 2

    response = admin_client.post(
        URL, {"template": "custom", "plan": shown.context["plan_token"]}, follow=True
    )
    page = response.content.decode()
    assert Position.objects.count() == 2, "the stale plan's two additions are not written again"
    assert "changed after the plan was shown" in page
    assert "Nothing to add or retire" in page


def test_a_forged_plan_token_is_planned_again(admin_client: Client, custom: Template) -> None:
    response = admin_client.post(URL, {"template": "custom", "plan": "not-a-token"}, follow=True)
    assert "2 positions added" in response.content.decode()
    assert Position.objects.count() == 2
