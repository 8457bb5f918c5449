"""What the Python rules say, at their edges (the fixtures cover the plain cases)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from digiteam.checks.engine import (
    Assignment,
    Government,
    Organisation,
    Position,
    Role,
    Service,
    Unit,
    Vendor,
    run_checks,
)
from tests.checks.conftest import config

UNITS = [
    Unit("gov", "Government", "government"),
    Unit("health", "Ministry of Health", "ministry", parent="gov"),
    Unit("health-it", "Health IT", "department", parent="health"),
    Unit("team", "Records Team", "team", parent="health"),
    Unit("squad", "Records Squad", "team", parent="team"),
    Unit("finance", "Ministry of Finance", "ministry", parent="gov"),
]
SERVICE = Service("records", "Health records", owner="health", team="team")


def build(*positions: Position, **fields: Any) -> Organisation:
    return Organisation.build(
        government=Government("testland", "Testland"),
        units=fields.pop("units", UNITS),
        positions=positions,
        services=fields.pop("services", [SERVICE]),
        vendors=[Vendor("acme", "Acme"), Vendor("beta", "Beta")],
        roles=[Role("product-owner", "Product owner")],
        **fields,
    )


def findings(org: Organisation, code: str, **settings: Any) -> dict[str, str]:
    report = run_checks(org, config(rules={code: settings} if settings else {}))
    return {f.subject.key: f.message for f in report.findings if f.rule == code}


def checks(org: Organisation, code: str) -> int:
    return next(r.checks for r in run_checks(org, config()).rules if r.code == code)


def vacant(code: str, since: datetime.date | None) -> Position:
    return Position(code, "gov", "data-protection-officer", status="vacant", vacant_since=since)


def test_vacancy_is_measured_in_days_and_the_limit_is_inclusive() -> None:
    org = build(
        vacant("at-limit", datetime.date(2025, 1, 1)),  # 180 days before 2025-06-30
        vacant("over", datetime.date(2024, 12, 31)),
        vacant("undated", None),
    )
    assert findings(org, "DIG106") == {
        "position:over": "Vacant for 181 days, since 2024-12-31; "
        "a critical post may stay vacant 180 days."
    }
    assert checks(org, "DIG106") == 2  # the undated vacancy is not judged
    assert findings(org, "DIG106", params={"max_days": 365}) == {}


def test_core_roles_may_sit_below_the_team_and_any_developer_counts() -> None:
    org = build(
        Position("po", "team", "product-owner"),
        Position("dm", "squad", "delivery-manager"),
        Position("lead", "squad", "technical-lead"),
        Position("fe", "squad", "front-end-developer"),
    )
    assert findings(org, "DIG301") == {}
    assert findings(build(Position("po", "team", "product-owner")), "DIG301") == {
        "unit:team": "Has 1 of the 4 core roles; missing: delivery manager, technical lead, "
        "developer."
    }


def test_support_may_come_from_anywhere_in_the_ministry_but_not_another_one() -> None:
    in_ministry = build(
        Position("architect", "health-it", "technical-architect"),
        Position("webops", "gov", "web-operations-engineer"),
    )
    assert findings(in_ministry, "DIG302") == {}
    elsewhere = build(
        Position("architect", "finance", "technical-architect"),
        Position("webops", "squad", "web-operations-engineer"),
    )
    assert findings(elsewhere, "DIG302") == {
        "unit:team": (
            "No technical architect in the team, above it, in its ministry or at government level."
        )
    }


def test_accountability_names_who_lacks_the_right_and_refuses_a_contractor() -> None:
    no_right = build(Position("po", "team", "product-owner"))
    assert findings(no_right, "DIG401") == {
        "service:records": "No service manager or product owner with product decisions in "
        "Records Team or Ministry of Health (1 without that right: po)."
    }
    contractor = build(
        Position(
            "po",
            "health",
            "product-owner",
            sourcing="contract",
            vendor="acme",
            rights=frozenset({"product_decisions"}),
        )
    )
    assert findings(contractor, "DIG401") == {
        "service:records": "The accountable position po is filled by contract staff."
    }


def test_the_contractor_share_limit_is_inclusive_and_empty_teams_are_not_judged() -> None:
    half = build(
        Position("a", "squad", "software-developer"),
        Position("b", "squad", "software-developer", sourcing="contract", vendor="acme"),
    )
    assert findings(half, "DIG602") == {}
    assert checks(half, "DIG602") == 2  # the team and the squad below it; no empty team counted
    assert checks(build(), "DIG602") == 0


def test_vendor_dependence_names_the_largest_supplier() -> None:
    org = build(
        Position("a", "squad", "software-developer", fte=Decimal("0.5")),
        Position("b", "squad", "software-developer", sourcing="contract", vendor="beta"),
        Position(
            "c", "squad", "software-tester", sourcing="contract", vendor="acme", fte=Decimal("0.5")
        ),
    )
    assert findings(org, "DIG603")["unit:squad"] == (
        "Beta supplies 1 of 2 FTE (50%); the limit for one vendor is 40%."
    )


def test_only_current_assignments_tell_who_holds_a_decision_post() -> None:
    cto = Position("cto", "gov", "chief-technology-officer", status="filled")
    past = Assignment(
        "p1", "cto", datetime.date(2020, 1, 1), datetime.date(2024, 1, 1), employer="acme"
    )
    assert checks(build(cto, assignments=[past]), "DIG605") == 0
    now = Assignment("p2", "cto", datetime.date(2025, 1, 1), employer="acme")
    assert findings(build(cto, assignments=[past, now]), "DIG605") == {
        "position:cto": "Recorded as internal but held by staff of Acme."
    }


def test_the_owner_kinds_can_be_widened() -> None:
    org = build(services=[Service("s", "S", owner="team", team="team")])
    assert list(findings(org, "DIG201")) == ["service:s"]
    assert findings(org, "DIG201", params={"owner_kinds": ["ministry", "team"]}) == {}
