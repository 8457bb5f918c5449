"""The sizing planner without a database: snapshots built by hand, plans checked line by line."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from typing import Any

import pytest

from digiteam.organisation.sizing import Action, Plan, SizingError, fingerprint
from digiteam.organisation.sizing.codes import CodeMaker
from digiteam.organisation.sizing.planner import plan_sizing, slot_order
from digiteam.organisation.sizing.quantities import Placement, rule_counts
from digiteam.organisation.sizing.snapshot import (
    PositionSnap,
    RuleSnap,
    ServiceSnap,
    SlotSnap,
    Snapshot,
    UnitSnap,
)

# id, code, kind, parent id
TREE = [
    (1, "gov", "government", None),
    (2, "health", "ministry", 1),
    (3, "finance", "ministry", 1),
    (4, "roads", "agency", 3),
    (5, "clinics", "team", 2),
]
FIELDS = {
    "unit": "gov", "role": "dev", "sourcing": "internal", "fte": 1, "grade": "",
    "annual_cost": None, "status": "planned", "title": "",
}  # fmt: skip


def units() -> dict[int, UnitSnap]:
    out: dict[int, UnitSnap] = {}
    for id_, code, kind, parent in TREE:
        path = (out[parent].path if parent else "/") + f"{id_}/"
        out[id_] = UnitSnap(id_, code, code.title(), kind, path, parent)
    return out


def slot(
    id_: int, role: str, *rules: RuleSnap, sourcing: tuple[str, ...] = ("internal",)
) -> SlotSnap:
    return SlotSnap(id_, id_, role, role.title(), "fn", "Function", (0, id_), sourcing, rules)


def per_government(n: int = 1, **bounds: Any) -> RuleSnap:
    return RuleSnap("per_government", Decimal(n), **bounds)


def ratio(count: int, per: int, of_role: str, **bounds: Any) -> RuleSnap:
    return RuleSnap("ratio", Decimal(count), Decimal(per), of_role, **bounds)


def position(
    id_: int, unit_id: int, role: str, slot_id: int | None = None, **fields: Any
) -> PositionSnap:
    """A position; with a slot it is left as sized (its fingerprint matches) unless ``sized_as``."""
    unit = units()[unit_id]
    p = PositionSnap(id_, f"{unit.code}-{role}-p{id_}", unit_id, unit.code, role, slot_id, **fields)
    if slot_id is None or "sized_as" in fields:
        return p
    row = {
        **FIELDS,
        "unit": unit.code,
        "role": role,
        **{k: getattr(p, k) for k in FIELDS if k not in ("unit", "role")},
    }
    return PositionSnap(**{**p.__dict__, "sized_as": fingerprint(row)})


def snapshot(*slots: SlotSnap, top: int = 1, **fields: Any) -> Snapshot:
    return Snapshot("g", "EUR", "t", units(), top, slots=slots, **fields)


def summary(plan: Plan) -> list[tuple[str, str, str, str]]:
    return [(str(line.action), line.unit, line.role, line.code) for line in plan.lines]


# -- fingerprint ---------------------------------------------------------------------------------


def test_fingerprint_compares_amounts_not_spellings() -> None:
    same = {**FIELDS, "fte": Decimal("1.00"), "annual_cost": ""}
    assert fingerprint(same) == fingerprint(FIELDS) == fingerprint({**FIELDS, "fte": "1"})
    assert len(fingerprint(FIELDS)) == 64
    assert fingerprint({**FIELDS, "vendor": "acme"}) == fingerprint(FIELDS)  # other keys ignored


@pytest.mark.parametrize(
    "field, value",
    [("unit", "other"), ("role", "tester"), ("sourcing", "contract"), ("fte", "0.5"),
     ("grade", "P4"), ("annual_cost", 0), ("status", "approved"), ("title", "Lead")],
)  # fmt: skip
def test_fingerprint_changes_with_every_sized_field(field: str, value: object) -> None:
    assert fingerprint({**FIELDS, field: value}) != fingerprint(FIELDS)


def test_fingerprint_refuses_incomplete_or_unplain_input() -> None:
    with pytest.raises(KeyError, match="title"):
        fingerprint({k: v for k, v in FIELDS.items() if k != "title"})
    with pytest.raises(TypeError, match="'unit' must be a plain value"):
        fingerprint({**FIELDS, "unit": object()})


# -- codes and quantities ------------------------------------------------------------------------


def test_codes_are_readable_unique_and_short_enough() -> None:
    maker = CodeMaker({"gov-dev-1"})
    assert [maker.make("gov", "dev") for _ in range(2)] == ["gov-dev-2", "gov-dev-3"]
    assert maker.make("Health_Team", "dev") == "health-team-dev-1"
    long = [CodeMaker(()).make("u" * 90, "role-" * 5) for _ in range(2)]
    assert len(long[0]) <= 100 and long[0] == long[1] and long[0].endswith("-1")


def test_per_service_counts_services_where_they_are_delivered() -> None:
    services = (
        ServiceSnap("a", owner_id=2, team_id=5),
        ServiceSnap("b", owner_id=2, team_id=5),
        ServiceSnap("c", owner_id=3),  # no team: its owner
        ServiceSnap("d", owner_id=1),  # owner outside the finance subtree
    )
    placement = Placement.of(snapshot(top=3, services=services))
    assert rule_counts(RuleSnap("per_service", Decimal(2), maximum=3), placement) == {3: 2}
    everywhere = Placement.of(snapshot(services=services))
    assert rule_counts(RuleSnap("per_service", Decimal(2), maximum=3), everywhere) == {
        5: 3, 3: 2, 1: 2
    }  # fmt: skip
    with pytest.raises(SizingError, match="unknown kind"):
        rule_counts(RuleSnap("per_planet"), placement)


def test_ratio_slots_wait_for_the_role_they_count() -> None:
    tester = slot(1, "tester", ratio(1, 4, "dev"))
    dev = slot(2, "dev", per_government(8))
    assert [s.role for s in slot_order([tester, dev])] == ["dev", "tester"]
    with pytest.raises(SizingError, match="cycle: a, b"):
        slot_order([slot(1, "a", ratio(1, 1, "b")), slot(2, "b", ratio(1, 1, "a"))])
    with pytest.raises(SizingError, match="cycle"):
        slot_order([slot(1, "a", per_government(), ratio(1, 1, "a"))])


# -- plans ---------------------------------------------------------------------------------------


def test_ratios_chain_and_count_the_planned_positions() -> None:
    plan = plan_sizing(
        snapshot(
            slot(3, "lead", ratio(1, 1, "tester")),
            slot(2, "tester", ratio(1, 4, "dev")),
            slot(1, "dev", per_government(8)),
            positions=(position(9, 1, "dev"),),  # one more developer, not sized
        )
    )
    counts = {
        role: sum(1 for line in plan.to_add if line.role == role)
        for role in ("dev", "tester", "lead")
    }
    assert counts == {"dev": 7, "tester": 2, "lead": 2}  # 8 devs: 1 adopted + 7 new
    assert [line.code for line in plan.of(Action.ADOPT)] == ["gov-dev-p9"]


def test_work_is_kept_and_what_is_left_as_sized_retired() -> None:
    dev = slot(1, "dev", per_government(1))
    plan = plan_sizing(
        snapshot(
            dev,
            positions=(
                position(1, 1, "dev", 1),  # left as sized
                position(2, 1, "dev", 1, status="filled", sized_as="x"),
            ),
        )
    )
    assert summary(plan) == [
        ("retire", "gov", "dev", "gov-dev-p1"),
        ("keep", "gov", "dev", "gov-dev-p2"),
    ]
    assert plan.unchanged[0].edited


def test_surplus_that_carries_work_is_a_conflict() -> None:
    dev = slot(1, "dev")  # no rules: nothing is needed any more
    plan = plan_sizing(
        snapshot(
            dev,
            positions=(
                position(1, 1, "dev", 1, status="vacant"),
                position(2, 1, "dev", 1, sized_as=""),
                position(3, 1, "dev", 1, has_reports=True),
                position(4, 1, "tester", 1),  # its role was changed by hand
            ),
        )
    )
    surplus = "surplus (the template asks for 0 here); "
    assert {line.code: line.reason for line in plan.conflicts} == {
        "gov-dev-p1": surplus + "status vacant",
        "gov-dev-p2": surplus + "no sizing fingerprint",
        "gov-dev-p3": surplus + "other positions report to it",
        "gov-tester-p4": "role changed by hand to 'tester'; it no longer counts for this slot",
    }
    assert not plan.to_retire


def test_positions_of_another_template_are_adopted_with_their_origin() -> None:
    cio = slot(1, "cio", RuleSnap("per_ministry"))
    other = position(7, 2, "cio", 99, slot_template="digital-leadership")
    plan = plan_sizing(snapshot(cio, positions=(other,)))
    assert summary(plan) == [
        ("adopt", "health", "cio", "health-cio-p7"),
        ("add", "finance", "cio", "finance-cio-1"),
    ]
    assert plan.of(Action.ADOPT)[0].reason == "sized by template 'digital-leadership'"


def test_new_positions_take_the_first_sourcing_and_the_median_cost() -> None:
    expert = slot(1, "expert", per_government(1), sourcing=("focal_point", "internal"))
    costs = [position(i, 4, "expert", annual_cost=Decimal(c)) for i, c in ((1, 10), (2, 30))]
    [line] = plan_sizing(snapshot(expert, positions=tuple(costs))).to_add
    assert (line.sourcing, line.annual_cost, line.status, line.fte) == (
        "secondment", Decimal("20.00"), "planned", 1
    )  # fmt: skip
    assert line.sized_as == fingerprint(
        {**FIELDS, "role": "expert", "sourcing": "secondment", "annual_cost": "20"}
    )


def test_totals_groups_and_json() -> None:
    dev = slot(1, "dev", per_government(2), RuleSnap("per_ministry"))
    old = position(1, 3, "dev", 1, annual_cost=Decimal(50), fte=Decimal("0.5"))
    plan = plan_sizing(snapshot(dev, positions=(old,), under="gov"))
    t = plan.totals
    assert (t.add, t.add_fte, t.add_cost, t.add_uncosted) == (3, 3, Decimal(150), 0)
    assert (t.retire, t.net_fte, t.net_cost) == (0, 3, Decimal(150))
    assert [g.key for g in plan.by_unit()] == ["gov", "health", "finance"]
    assert plan.by_function()[0].totals.add == 3
    data = json.loads(json.dumps(plan.to_dict()))
    assert data["totals"]["net_cost"] == "150.00" and data["currency"] == "EUR"


def test_the_planner_imports_nothing_from_django() -> None:
    code = (
        "import sys, digiteam.organisation.sizing.planner, digiteam.organisation.sizing; "
        "sys.exit(any(m.startswith('django') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], env={}).returncode == 0


def test_approved_positions_are_retired_only_when_sized_as_approved() -> None:
    as_planned = fingerprint({**FIELDS, "role": "dev"})
    plan = plan_sizing(
        snapshot(
            slot(1, "dev"),
            positions=(
                position(1, 1, "dev", 1, status="approved"),  # sized (imported) as approved
                position(2, 1, "dev", 1, status="approved", sized_as=as_planned),
            ),
        )
    )
    assert [line.code for line in plan.to_retire] == ["gov-dev-p1"]
    assert [line.reason for line in plan.conflicts] == [
        "surplus (the template asks for 0 here); approved since sizing"
    ]


def test_outside_the_scope_sizing_only_adds() -> None:
    # Finance owns a service delivered by the clinics team, which sits under health.
    dev = slot(1, "dev", RuleSnap("per_service", Decimal(1)))
    extra = position(1, 5, "dev", 1), position(2, 5, "dev", 1)  # sized from another scope
    services = (ServiceSnap("s", owner_id=3, team_id=5),)
    plan = plan_sizing(snapshot(dev, top=3, services=services, positions=extra))
    assert summary(plan) == [("keep", "clinics", "dev", "clinics-dev-p1")]
    inside = plan_sizing(snapshot(dev, top=2, positions=extra))  # health's own subtree
    assert [line.code for line in inside.to_retire] == ["clinics-dev-p1", "clinics-dev-p2"]
