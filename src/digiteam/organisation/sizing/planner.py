"""Plan the positions a template asks for. Pure Python: a Snapshot in, a Plan out.

For each slot, in the template's order (a ratio slot after the slots of the role it counts):
sum its rules unit by unit, then reconcile that requirement with the positions already there.
The positions that count are this slot's sized positions and, up to the requirement, positions
of the same role that this template did not size ("adopted", never modified). Positions that
carry work (filled, vacant, edited, assigned, reported to) are kept before those left as sized.
A surplus left as sized is retired; any other surplus is a conflict, left alone.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal

from digiteam.organisation.sizing.codes import CodeMaker
from digiteam.organisation.sizing.fingerprint import CENT, fingerprint
from digiteam.organisation.sizing.plan import Action, Plan, PlanLine
from digiteam.organisation.sizing.quantities import Placement, ratio_counts, rule_counts
from digiteam.organisation.sizing.snapshot import (
    RETIRABLE_STATUSES,
    PositionSnap,
    SizingError,
    SlotSnap,
    Snapshot,
    UnitSnap,
)

# A template's allowed sourcing -> the sourcing of the position sizing creates.
SOURCING = {
    "internal": "internal",
    "contract": "contract",
    "consultant": "consultant",
    "secondment": "secondment",
    "focal_point": "secondment",
}
ACTION_ORDER = {action: i for i, action in enumerate(Action)}


def plan_sizing(snapshot: Snapshot) -> Plan:
    planner = _Planner(snapshot)
    for slot in slot_order(snapshot.slots):
        planner.size(slot)
    lines = sorted(
        planner.lines,
        key=lambda line: (line.unit_path, line.slot_order, ACTION_ORDER[line.action], line.code),
    )
    return Plan(
        government=snapshot.government,
        currency=snapshot.currency,
        template=snapshot.template,
        scope=snapshot.top.code,
        under=snapshot.under,
        lines=tuple(lines),
        basis=snapshot.basis,
    )


def slot_order(slots: Iterable[SlotSnap]) -> list[SlotSnap]:
    """Template order, except that a ratio slot waits for every slot of the role it counts."""
    pending = sorted(slots, key=lambda s: s.order)
    remaining = Counter(s.role for s in pending)
    ordered: list[SlotSnap] = []
    while pending:
        ready = next((s for s in pending if not any(remaining[r] for r in s.ratio_roles)), None)
        if ready is None:
            roles = sorted({s.role for s in pending})
            raise SizingError(f"ratio rules count each other in a cycle: {', '.join(roles)}")
        ordered.append(ready)
        pending.remove(ready)
        remaining[ready.role] -= 1
    return ordered


def median_costs(positions: Iterable[PositionSnap]) -> dict[str, Decimal]:
    """Median annual cost of each role's positions that have one."""
    costs: dict[str, list[Decimal]] = defaultdict(list)
    for p in positions:
        if p.annual_cost is not None:
            costs[p.role].append(p.annual_cost)
    return {role: Decimal(statistics.median(c)).quantize(CENT) for role, c in costs.items()}


def position_sourcing(slot: SlotSnap) -> str:
    first = slot.sourcing[0] if slot.sourcing else "internal"
    if first not in SOURCING:
        raise SizingError(f"slot '{slot.role}' allows an unknown sourcing '{first}'")
    return SOURCING[first]


def keep_reasons(p: PositionSnap) -> list[str]:
    """Why a sized position must not be retired; empty when it is left as sized."""
    reasons = []
    if p.status not in RETIRABLE_STATUSES:
        reasons.append(f"status {p.status}")
    if not p.sized_as:
        reasons.append("no sizing fingerprint")
    elif p.edited_by_hand:
        reasons.append("edited by hand since sizing")
    elif p.edited and p.status in RETIRABLE_STATUSES:
        reasons.append(f"{p.status} since sizing")
    if p.has_assignments:
        reasons.append("people are assigned to it")
    if p.has_reports:
        reasons.append("other positions report to it")
    return reasons


class _Planner:
    def __init__(self, snapshot: Snapshot) -> None:
        self.snap = snapshot
        self.placement = Placement.of(snapshot)
        self.ours = {s.id for s in snapshot.slots}
        self.unit_ids = self.placement.unit_ids | {
            u for u in snapshot.units if snapshot.in_scope(u)
        }
        # slot id -> unit id -> the positions sized from that slot in that unit
        self.sized: defaultdict[int, defaultdict[int, list[PositionSnap]]]
        self.sized = defaultdict(lambda: defaultdict(list))
        self.pool: dict[tuple[int, str], list[PositionSnap]] = defaultdict(list)
        self.counts: Counter[tuple[int, str]] = Counter()  # positions per (unit, role) as planned
        for p in snapshot.positions:
            if p.unit_id not in self.unit_ids:
                continue
            self.counts[p.unit_id, p.role] += 1
            if p.slot_id is not None and p.slot_id in self.ours:
                self.sized[p.slot_id][p.unit_id].append(p)
            else:
                self.pool[p.unit_id, p.role].append(p)
        self.costs = median_costs(snapshot.positions)
        self.codes = CodeMaker(snapshot.taken_codes)
        self.lines: list[PlanLine] = []
        # New positions of one unit and slot share their sized fields, so their fingerprint.
        self.fingerprints: dict[tuple[str, str, str, Decimal | None], str] = {}

    def size(self, slot: SlotSnap) -> None:
        required = self.required(slot)
        # Outside the scope (a team delivering a service owned in it) sizing only adds.
        unit_ids = set(required) | {u for u in self.sized[slot.id] if self.snap.in_scope(u)}
        for unit_id in sorted(unit_ids, key=lambda u: self.snap.units[u].path):
            self.reconcile(slot, self.snap.units[unit_id], required.get(unit_id, 0))

    def required(self, slot: SlotSnap) -> Counter[int]:
        """The slot's requirement by unit id: the sum of its rules."""
        total: Counter[int] = Counter()
        for rule in slot.rules:
            if rule.kind == "ratio":
                role = rule.of_role or ""
                holders = {u: self.counts[u, role] for u in self.unit_ids}
                total.update(ratio_counts(rule, holders))
            else:
                total.update(rule_counts(rule, self.placement))
        return total

    def reconcile(self, slot: SlotSnap, unit: UnitSnap, required: int) -> None:
        sized = self.sized[slot.id].pop(unit.id, [])
        for p in sized:
            if p.role != slot.role:
                reason = f"role changed by hand to '{p.role}'; it no longer counts for this slot"
                self.emit(Action.CONFLICT, slot, unit, p, reason)
        sized = [p for p in sized if p.role == slot.role]
        ours = {p.id for p in sized}
        pool = self.pool[unit.id, slot.role]
        # Keep what carries work first (adopted positions always do), sized before adopted.
        ranked = sorted(
            sized + pool,
            key=lambda p: (p.id in ours and not keep_reasons(p), p.id not in ours, p.code),
        )
        kept, surplus = ranked[:required], ranked[required:]
        for p in kept:
            if p.id in ours:
                self.emit(Action.KEEP, slot, unit, p, edited=p.edited_by_hand)
            else:
                pool.remove(p)
                self.emit(Action.ADOPT, slot, unit, p, _adopted_from(p))
        for p in surplus:
            if p.id not in ours or not self.snap.in_scope(unit.id):
                continue  # not this sizing's to retire: made by hand, or another scope's
            reasons = keep_reasons(p)
            if reasons:
                why = f"surplus (the template asks for {required} here); " + ", ".join(reasons)
                self.emit(Action.CONFLICT, slot, unit, p, why)
            else:
                self.emit(Action.RETIRE, slot, unit, p)
                self.counts[unit.id, slot.role] -= 1
        for _ in range(required - len(kept)):
            self.add(slot, unit)

    def add(self, slot: SlotSnap, unit: UnitSnap) -> None:
        sourcing, cost = position_sourcing(slot), self.costs.get(slot.role)
        key = (unit.code, slot.role, sourcing, cost)
        sized_as = self.fingerprints.get(key)
        if sized_as is None:
            fields = {
                "unit": unit.code,
                "role": slot.role,
                "sourcing": sourcing,
                "fte": Decimal(1),
                "grade": "",
                "annual_cost": cost,
                "status": "planned",
                "title": "",
            }
            sized_as = self.fingerprints[key] = fingerprint(fields)
        new = PositionSnap(
            id=0,
            code=self.codes.make(unit.code, slot.role),
            unit_id=unit.id,
            unit_code=unit.code,
            role=slot.role,
            sourcing=sourcing,
            annual_cost=cost,
            sized_as=sized_as,
        )
        self.emit(Action.ADD, slot, unit, new)
        self.counts[unit.id, slot.role] += 1

    def emit(
        self,
        action: Action,
        slot: SlotSnap,
        unit: UnitSnap,
        p: PositionSnap,
        reason: str = "",
        edited: bool = False,
    ) -> None:
        self.lines.append(
            PlanLine(
                action=action,
                unit_id=unit.id,
                unit=unit.code,
                unit_name=unit.name,
                unit_path=unit.path,
                slot_id=slot.id,
                slot_order=slot.order,
                function=slot.function,
                function_name=slot.function_name,
                role_id=slot.role_id,
                role=slot.role,
                role_name=slot.role_name,
                code=p.code,
                sourcing=p.sourcing,
                fte=p.fte,
                annual_cost=p.annual_cost,
                status=p.status,
                position_id=p.id or None,
                sized_as=p.sized_as if action is Action.ADD else "",
                edited=edited,
                reason=reason,
            )
        )


def _adopted_from(p: PositionSnap) -> str:
    if p.slot_template:
        return f"sized by template '{p.slot_template}'"
    return "not sized by a template"
