"""Sizing over the API: a plan changes nothing; apply does what the plan said, in one change set."""

from __future__ import annotations

import pytest

from digiteam.accounts.models import MembershipRole
from digiteam.audit.models import ChangeSet
from digiteam.organisation.models import Position
from tests.api.conftest import TokenClient
from tests.organisation.test_sizing import DJIBOUTI, Org, build_org

pytestmark = pytest.mark.django_db

PLAN = "/api/v1/governments/testland/sizing/plan"
APPLY = "/api/v1/governments/testland/sizing/apply"


@pytest.fixture
def org(shipped_reference: object) -> Org:
    return build_org()


def test_a_plan_lists_its_lines_and_totals_and_changes_nothing(
    org: Org, token_client: TokenClient
) -> None:
    api = token_client(org.government, role=MembershipRole.VIEWER)
    response = api.send("POST", PLAN, {"template": DJIBOUTI})
    assert response.status_code == 200, response.content
    plan = response.json()
    assert plan["template"] == DJIBOUTI and plan["applied"] is False and plan["basis"]
    added = [line for line in plan["lines"] if line["action"] == "add"]
    assert plan["totals"]["add"] == len(added) > 0
    assert Position.objects.filter(government=org.government).count() == 0


def test_apply_adds_the_planned_positions_in_one_change_set(
    org: Org, token_client: TokenClient
) -> None:
    api = token_client(org.government, name="sizer")
    plan = api.send("POST", PLAN, {"template": DJIBOUTI}).json()
    response = api.send("POST", APPLY, {"template": DJIBOUTI, "basis": plan["basis"]})
    assert response.status_code == 200, response.content
    done = response.json()
    assert done["applied"] is True and done["totals"]["add"] == plan["totals"]["add"]
    assert Position.objects.filter(government=org.government).count() == plan["totals"]["add"]
    (changes,) = ChangeSet.objects.filter(government_code="testland")
    assert changes.token == "sizer"
    again = api.send("POST", PLAN, {"template": DJIBOUTI}).json()
    assert again["totals"]["add"] == 0


def test_a_stale_basis_is_a_conflict_and_nothing_is_done(
    org: Org, token_client: TokenClient
) -> None:
    api = token_client(org.government)
    response = api.send("POST", APPLY, {"template": DJIBOUTI, "basis": "not-the-basis"})
    assert response.status_code == 409
    assert Position.objects.count() == 0


def test_a_unit_scope_and_its_limits(org: Org, token_client: TokenClient) -> None:
    api = token_client(org["health"])
    whole = api.send("POST", PLAN, {"template": DJIBOUTI})
    assert whole.status_code == 403
    plan = api.send("POST", PLAN, {"template": DJIBOUTI, "unit": "health"}).json()
    assert {line["unit"] for line in plan["lines"]} <= {"health", "health-team"}
    assert api.send("POST", PLAN, {"template": DJIBOUTI, "unit": "finance"}).status_code == 404
    viewer = token_client(org.government, role=MembershipRole.VIEWER)
    assert viewer.send("POST", APPLY, {"template": DJIBOUTI}).status_code == 403
    assert Position.objects.count() == 0


def test_an_unknown_template_is_located(org: Org, token_client: TokenClient) -> None:
    response = token_client(org.government).send("POST", PLAN, {"template": "nope"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "template"
