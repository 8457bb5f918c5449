"""Sizing over a small organisation with the shipped templates: exact plans, apply, idempotency.

The organisation: a government root, the ministries of health and finance, the roads agency
under finance, and two digital services delivered by teams (clinic booking by the health
team, tax filing by the finance team).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digiteam.audit.choices import Action as AuditAction
from digiteam.audit.choices import Via
from digiteam.audit.context import acting
from digiteam.audit.models import Change, ChangeSet
from digiteam.compositions.models import Function, QuantityRule, RoleSlot, Template
from digiteam.organisation.models import AppliedTemplate, DigitalService, Government, Position, Unit
from digiteam.organisation.sizing import Action, Plan, fingerprint
from digiteam.organisation.sizing.planner import plan_sizing
from digiteam.organisation.sizing.services import sizing_apply, sizing_plan
from digiteam.taxonomy.models import Role
from tests.factories import make_government, make_person, make_position, make_unit, make_user

pytestmark = pytest.mark.django_db


@dataclass
class Org:
    government: Government
    units: dict[str, Unit]

    def __getitem__(self, code: str) -> Unit:
        return self.units[code]


def build_org(*, code: str = "testland", extra_ministries: int = 0) -> Org:
    gov = make_government(code=code, name="Testland", currency="DJF")
    root = make_unit(government=gov, kind="government", code="gov", name="Government")
    health = make_unit(parent=root, kind="ministry", code="health", name="Ministry of Health")
    finance = make_unit(parent=root, kind="ministry", code="finance", name="Ministry of Finance")
    roads = make_unit(parent=finance, kind="agency", code="roads", name="Roads Agency")
    health_team = make_unit(parent=health, kind="team", code="health-team", name="Health team")
    tax_team = make_unit(parent=finance, kind="team", code="tax-team", name="Tax team")
    for i in range(extra_ministries):
        make_unit(parent=root, kind="ministry", code=f"ministry-{i}", name=f"Ministry {i}")
    DigitalService.objects.create(
        government=gov, code="clinic-booking", name="Clinic booking", owner=health, team=health_team
    )
    DigitalService.objects.create(
        government=gov, code="tax-filing", name="Tax filing", owner=finance, team=tax_team
    )
    units = {u.code: u for u in (root, health, finance, roads, health_team, tax_team)}
    return Org(gov, units)


@pytest.fixture
def org(shipped_reference: object) -> Org:
    return build_org()


def template(slug: str) -> Template:
    return Template.objects.get(slug=slug)


def make_template(*slots: tuple[str, list[dict[str, Any]]]) -> Template:
    """A one-function template: (role slug, rules) per slot."""
    tpl = Template.objects.create(slug="custom", name="Custom", provenance_source="added")
    function = Function.objects.create(template=tpl, slug="all", name="All")
    for position, (role, rules) in enumerate(slots):
        slot = RoleSlot.objects.create(
            function=function, role=Role.objects.get(slug=role), position=position,
            sourcing=["internal"],
        )  # fmt: skip
        for i, rule in enumerate(rules):
            of_role = Role.objects.get(slug=rule.pop("of_role")) if "of_role" in rule else None
            QuantityRule.objects.create(slot=slot, position=i, of_role=of_role, **rule)
    return tpl


def added(plan: Plan) -> Counter[tuple[str, str]]:
    """(unit, role) -> number of positions to add."""
    return Counter((line.unit, line.role) for line in plan.to_add)


DJIBOUTI = "djibouti-digital-team"
GOV_LEVEL = [  # the Djibouti template's roles sized once at government level
    "chief-information-officer", "chief-information-security-officer", "service-designer",
    "ux-ui-designer", "procurement-manager", "legal-policy-officer", "data-protection-officer",
    "administrative-coordinator", "ict-operations-manager", "ict-project-manager",
    "business-intelligence-analyst", "shared-service-manager", "citizen-engagement-officer",
    "finance-management-officer", "service-management-officer", "quality-services-manager",
    "software-developer", "software-tester", "product-manager", "data-migration-specialist",
    "technical-architect", "service-integrator", "system-network-designer",
    "ict-system-integration-consultant", "solution-architect", "back-end-developer",
    "front-end-developer", "cloud-architect", "digital-security-manager", "database-manager",
    "network-support-engineer", "training-and-development-specialist",
    "knowledge-and-content-development-officer", "monitoring-and-evaluation-officer",
    "performance-analyst", "digital-marketing-officer",
]  # fmt: skip
PER_TEAM = {  # what each delivery team gets for its one service
    "domain-expert": 1, "software-developer": 2, "software-tester": 1, "product-owner": 1,
    "service-manager": 1, "business-process-analyst": 1, "data-entry-analyst": 1,
}  # fmt: skip


def djibouti_expected() -> Counter[tuple[str, str]]:
    expected = Counter({("gov", role): 1 for role in GOV_LEVEL})
    expected["gov", "help-desk-support-analyst"] = 2
    expected["health", "chief-information-officer"] = 1
    expected["finance", "chief-information-officer"] = 1
    expected["roads", "digital-focal-point"] = 1
    for team in ("health-team", "tax-team"):
        expected.update({(team, role): n for role, n in PER_TEAM.items()})
    return expected


def db_state() -> list[tuple[object, ...]]:
    return list(
        Position.objects.order_by("pk").values_list(
            "pk", "code", "unit_id", "role_id", "status", "sourcing", "fte", "annual_cost",
            "grade", "title", "slot_id", "sized_as",
        )
    )  # fmt: skip


def sized(org: Org, unit: str, role: str) -> Position:
    return Position.objects.filter(unit=org[unit], role__slug=role, slot__isnull=False).first()  # type: ignore[return-value]


def test_djibouti_plan_over_a_small_organisation(org: Org) -> None:
    plan = sizing_plan(government=org.government, template=template(DJIBOUTI))
    assert added(plan) == djibouti_expected()
    assert plan.totals.add == 57 and plan.totals.add_fte == 57 and plan.totals.add_uncosted == 57
    assert not plan.to_retire and not plan.conflicts and plan.currency == "DJF"
    focal = next(line for line in plan.to_add if line.role == "digital-focal-point")
    assert focal.sourcing == "secondment"  # the slot allows [secondment, focal_point]
    assert [g.key for g in plan.by_unit()] == [
        "gov", "health", "health-team", "finance", "roads", "tax-team"
    ]  # fmt: skip
    assert plan.by_function()[0].name == "Strategy / management"
    assert plan.by_function()[0].totals.add == 4  # CIO at government and in 2 ministries, CISO


def test_cio_at_government_and_in_each_ministry(org: Org) -> None:
    plan = sizing_plan(government=org.government, template=template(DJIBOUTI))
    cio = Counter(line.unit for line in plan.to_add if line.role == "chief-information-officer")
    assert cio == {"gov": 1, "health": 1, "finance": 1}
    leadership = sizing_plan(government=org.government, template=template("digital-leadership"))
    cio = Counter(
        line.unit for line in leadership.to_add if line.role == "chief-information-officer"
    )
    assert cio == {"health": 1, "finance": 1}  # that template has no government-level CIO


def test_per_service_roles_go_to_the_delivery_team_or_else_the_owner(org: Org) -> None:
    DigitalService.objects.filter(code="tax-filing").update(team=None)
    plan = sizing_plan(government=org.government, template=template("core-service-team"))
    owners = Counter(line.unit for line in plan.to_add if line.role == "product-owner")
    assert owners == {"health-team": 1, "finance": 1}


def test_services_sharing_a_team_add_up_there(org: Org) -> None:
    DigitalService.objects.filter(code="tax-filing").update(team=org["health-team"])
    plan = sizing_plan(government=org.government, template=template("core-service-team"))
    assert added(plan)["health-team", "software-developer"] == 4
    assert added(plan)["health-team", "technical-architect"] == 1  # 1 per 3 leads: ceil(2/3)


def test_ratio_counts_existing_positions_of_the_other_role(org: Org) -> None:
    developer = Role.objects.get(slug="software-developer")
    for _ in range(6):
        make_position(unit=org["health-team"], role=developer)
    plan = sizing_plan(government=org.government, template=template(DJIBOUTI))
    adopted = [line for line in plan.of(Action.ADOPT) if line.unit == "health-team"]
    assert len(adopted) == 2  # the template asks for 2; the other 4 are not its business
    assert added(plan)["health-team", "software-developer"] == 0
    assert added(plan)["health-team", "software-tester"] == 2  # ceil(6 / 4)
    assert added(plan)["tax-team", "software-tester"] == 1  # ceil(2 / 4) = 1, and at least 1


def test_minimum_and_maximum_bound_each_rule_per_unit(org: Org) -> None:
    ratio = {"kind": "ratio", "count": 1, "per": 10, "of_role": "software-developer"}
    custom = make_template(
        ("software-developer", [{"kind": "per_ministry", "count": 5, "maximum": 2}]),
        ("software-tester", [{**ratio, "minimum": 1}]),
        ("product-owner", [
            {"kind": "per_service", "count": "0.5", "minimum": 1},
            {"kind": "fixed", "count": "1.5"},
        ]),
        ("service-manager", [{"kind": "optional", "minimum": 3}]),
    )  # fmt: skip
    plan = sizing_plan(government=org.government, template=custom)
    assert added(plan) == {
        ("health", "software-developer"): 2,  # 5, at most 2
        ("finance", "software-developer"): 2,
        ("health", "software-tester"): 1,  # ceil(2 / 10) = 1, at least 1
        ("finance", "software-tester"): 1,
        ("health-team", "product-owner"): 1,  # ceil(0.5) = 1
        ("tax-team", "product-owner"): 1,
        ("gov", "product-owner"): 2,  # fixed 1.5 -> 2
    }  # optional: never sized, whatever its bounds


def test_plan_without_apply_changes_nothing(org: Org) -> None:
    sizing_apply(government=org.government, template=template(DJIBOUTI))
    DigitalService.objects.filter(code="tax-filing").delete()  # now there is something to retire
    before = db_state()
    plan = sizing_plan(government=org.government, template=template(DJIBOUTI))
    assert plan.to_retire and not plan.applied
    assert db_state() == before


def test_apply_writes_the_plan_and_applying_again_plans_nothing(org: Org) -> None:
    plan = sizing_apply(government=org.government, template=template(DJIBOUTI))
    assert plan.applied and Position.objects.count() == 57
    cio = sized(org, "gov", "chief-information-officer")
    assert (cio.code, cio.status, cio.sourcing, cio.fte, cio.annual_cost) == (
        "gov-chief-information-officer-1", "planned", "internal", 1, None
    )  # fmt: skip
    assert cio.slot is not None and cio.slot.function.slug == "strategy-management"
    assert cio.sized_as == fingerprint(
        {"unit": "gov", "role": "chief-information-officer", "sourcing": "internal",
         "fte": 1, "grade": "", "annual_cost": None, "status": "planned", "title": ""}
    )  # fmt: skip
    record = AppliedTemplate.objects.get(government=org.government)
    assert record.template.slug == DJIBOUTI and record.under is None
    before = db_state()
    again = sizing_apply(government=org.government, template=template(DJIBOUTI))
    assert not again.has_changes and len(again.unchanged) == 57
    assert db_state() == before and AppliedTemplate.objects.count() == 1


def test_apply_is_one_change_set_in_the_audit_trail(org: Org) -> None:
    with acting(user=make_user(username="amina"), via=Via.WEB):
        plan = sizing_apply(government=org.government, template=template(DJIBOUTI))
    [change_set] = ChangeSet.objects.filter(government_code="testland")
    assert (change_set.via, change_set.username, change_set.government_code) == (
        Via.SIZING, "amina", "testland"
    )  # fmt: skip
    assert change_set.summary == f"Sizing with {DJIBOUTI} over testland"
    created = Change.objects.filter(change_set=change_set, action=AuditAction.CREATE)
    added = {c.object_id: c.after for c in created if c.after and "sized_as" in c.after}
    assert set(added) == set(Position.objects.values_list("pk", flat=True))
    assert len(added) == len(plan.to_add) == 57
    cio = sized(org, "gov", "chief-information-officer")
    assert added[cio.pk]["code"] == cio.code and added[cio.pk]["sized_as"] == cio.sized_as
    # Retiring is recorded too, with the values the positions had.
    DigitalService.objects.filter(code="tax-filing").delete()
    retired = sizing_apply(government=org.government, template=template(DJIBOUTI)).to_retire
    deleted = Change.objects.filter(action=AuditAction.DELETE)
    assert sorted(c.before["code"] for c in deleted) == sorted(line.code for line in retired)
    assert len({c.change_set_id for c in deleted}) == 1
    assert ChangeSet.objects.filter(government_code="testland").count() == 2


def test_apply_reuses_the_previewed_plan_unless_the_organisation_changed(
    org: Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    from digiteam.organisation.sizing import services

    plans: list[Plan] = []

    def counted(snapshot: Any) -> Plan:
        plans.append(plan_sizing(snapshot))
        return plans[-1]

    monkeypatch.setattr(services, "plan_sizing", counted)
    preview = sizing_plan(government=org.government, template=template(DJIBOUTI))
    applied = sizing_apply(government=org.government, template=template(DJIBOUTI), plan=preview)
    assert applied.lines == preview.lines and applied.applied and len(plans) == 1
    assert Position.objects.count() == len(preview.to_add) == 57
    # Stale: a service gone since the preview. The plan is made again from what is stored.
    stale = sizing_plan(government=org.government, template=template(DJIBOUTI))
    DigitalService.objects.filter(code="tax-filing").delete()
    applied = sizing_apply(government=org.government, template=template(DJIBOUTI), plan=stale)
    assert len(plans) == 3 and not stale.has_changes and len(applied.to_retire) == 8
    assert not Position.objects.filter(unit=org["tax-team"]).exists()


def test_under_limits_the_scope_to_a_subtree(org: Org) -> None:
    plan = sizing_plan(government=org.government, template=template(DJIBOUTI), under=org["finance"])
    assert {line.unit for line in plan.lines} == {"finance", "roads", "tax-team"}
    # The subtree's top unit takes the government-level posts; finance is also a ministry.
    assert added(plan)["finance", "chief-information-officer"] == 2
    assert added(plan)["tax-team", "product-owner"] == 1 and plan.under == "finance"
    sizing_apply(government=org.government, template=template(DJIBOUTI), under=org["finance"])
    assert not Position.objects.exclude(unit__path__startswith=org["finance"].path).exists()


def test_applied_template_keeps_the_widest_scope(org: Org) -> None:
    tpl = template("digital-leadership")
    sizing_apply(government=org.government, template=tpl, under=org["tax-team"])
    sizing_apply(government=org.government, template=tpl, under=org["finance"])
    assert AppliedTemplate.objects.get().under == org["finance"]
    sizing_apply(government=org.government, template=tpl, under=org["health"])
    assert AppliedTemplate.objects.get().under == org["gov"]  # their common ancestor
    sizing_apply(government=org.government, template=tpl)
    assert AppliedTemplate.objects.get().under is None


def test_surplus_left_as_sized_is_retired(org: Org) -> None:
    sizing_apply(government=org.government, template=template(DJIBOUTI))
    DigitalService.objects.filter(code="tax-filing").delete()
    plan = sizing_apply(government=org.government, template=template(DJIBOUTI))
    assert Counter(line.unit for line in plan.to_retire) == {"tax-team": 8}
    assert plan.totals.retire_fte == 8 and plan.totals.net_fte == -8
    assert not Position.objects.filter(unit=org["tax-team"]).exists()
    assert not sizing_plan(government=org.government, template=template(DJIBOUTI)).has_changes


def test_hand_edited_sized_position_is_a_conflict_and_not_retired(org: Org) -> None:
    sizing_apply(government=org.government, template=template(DJIBOUTI))
    owner = sized(org, "tax-team", "product-owner")
    Position.objects.filter(pk=owner.pk).update(grade="P4")
    DigitalService.objects.filter(code="tax-filing").delete()
    plan = sizing_apply(government=org.government, template=template(DJIBOUTI))
    [conflict] = plan.conflicts
    assert conflict.code == owner.code
    assert conflict.reason == (
        "surplus (the template asks for 0 here); edited by hand since sizing"
    )
    # The product owner stays, so the ratio (1 analyst per 3 owners, at least 1) keeps its analyst.
    left = Position.objects.filter(unit=org["tax-team"]).order_by("code")
    assert [p.role.slug for p in left] == ["business-process-analyst", "product-owner"]


def test_a_filled_or_assigned_surplus_position_is_a_conflict(org: Org) -> None:
    sizing_apply(government=org.government, template=template(DJIBOUTI))
    filled = sized(org, "tax-team", "data-entry-analyst")
    Position.objects.filter(pk=filled.pk).update(status="filled")
    assigned = sized(org, "tax-team", "domain-expert")
    make_person(government=org.government, position=assigned)
    DigitalService.objects.filter(code="tax-filing").delete()
    plan = sizing_plan(government=org.government, template=template(DJIBOUTI))
    reasons = {line.code: line.reason for line in plan.conflicts}
    assert reasons == {
        filled.code: "surplus (the template asks for 0 here); status filled",
        assigned.code: "surplus (the template asks for 0 here); people are assigned to it",
    }
    assert len(plan.to_retire) == 6


def test_positions_made_by_hand_are_adopted_and_left_alone(org: Org) -> None:
    cio = make_position(
        unit=org["health"], role=Role.objects.get(slug="chief-information-officer"),
        code="health-cio", status="filled", annual_cost="90000",
    )  # fmt: skip
    plan = sizing_apply(government=org.government, template=template(DJIBOUTI))
    [adopted] = plan.of(Action.ADOPT)
    assert (adopted.code, adopted.reason) == ("health-cio", "not sized by a template")
    assert added(plan)["health", "chief-information-officer"] == 0
    cio.refresh_from_db()
    assert cio.slot is None and cio.sized_as == ""  # adopted, not modified


def test_a_position_made_by_hand_replaces_one_left_as_sized(org: Org) -> None:
    sizing_apply(government=org.government, template=template(DJIBOUTI))
    make_position(
        unit=org["health"], role=Role.objects.get(slug="chief-information-officer"),
        code="health-cio", status="filled",
    )  # fmt: skip
    plan = sizing_plan(government=org.government, template=template(DJIBOUTI))
    assert [line.code for line in plan.of(Action.ADOPT)] == ["health-cio"]
    assert [line.code for line in plan.to_retire] == ["health-chief-information-officer-1"]


def test_new_positions_cost_the_median_of_the_role(org: Org) -> None:
    developer = Role.objects.get(slug="software-developer")
    for cost in ("100", "200", "400"):
        make_position(unit=org["roads"], role=developer, annual_cost=cost)
    plan = sizing_plan(government=org.government, template=template(DJIBOUTI))
    costs = {line.annual_cost for line in plan.to_add if line.role == "software-developer"}
    assert costs == {Decimal("200.00")}
    assert added(plan)["roads", "software-tester"] == 1  # testers follow developers anywhere
    assert plan.totals.add_cost == 5 * 200 and plan.totals.add_uncosted == 53


def test_new_codes_skip_codes_in_use(org: Org) -> None:
    make_position(unit=org["roads"], code="gov-chief-information-officer-1")
    plan = sizing_plan(government=org.government, template=template(DJIBOUTI))
    codes = [line.code for line in plan.to_add if line.unit == "gov"]
    assert "gov-chief-information-officer-2" in codes and len(set(codes)) == len(codes)
    assert [line.code for line in plan.to_add if line.unit == "health-team"][:3] == [
        "health-team-domain-expert-1", "health-team-software-developer-1",
        "health-team-software-developer-2",
    ]  # fmt: skip


@pytest.mark.parametrize("service", [sizing_plan, sizing_apply])
def test_queries_do_not_grow_with_the_organisation(shipped_reference: object, service: Any) -> None:
    counts = []
    for code, extra in (("small", 0), ("large", 8)):
        org = build_org(code=code, extra_ministries=extra)
        with CaptureQueriesContext(connection) as ctx:
            service(government=org.government, template=template(DJIBOUTI))
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
