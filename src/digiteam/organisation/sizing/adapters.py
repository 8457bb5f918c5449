"""Database -> sizing snapshot, in a fixed number of queries (six) whatever the size.

The positions read are the government's positions of the roles the template involves (its
slots' roles and the roles its ratios count), wherever they are: the planner keeps those of the
units it sizes and takes median costs over all of them.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Exists, OuterRef

from digiteam.compositions.models import QuantityRule, RoleSlot, Template
from digiteam.organisation.models import Assignment, DigitalService, Government, Position, Unit
from digiteam.organisation.sizing.snapshot import (
    PositionSnap,
    RuleSnap,
    ServiceSnap,
    SizingError,
    SlotSnap,
    Snapshot,
    UnitSnap,
)


def snapshot_build(*, government: Government, template: Template, under: Unit | None) -> Snapshot:
    units = {
        u.pk: UnitSnap(u.pk, u.code, u.label, u.kind, u.path, u.parent_id)
        for u in Unit.objects.filter(government=government).only(
            "code", "name", "name_fr", "name_ar", "kind", "path", "parent"
        )
    }
    if under is not None and under.pk not in units:
        raise SizingError(f"unit '{under.code}' is not a unit of '{government.code}'")
    slots, counted_roles = _slots(template)
    roles = {s.role_id for s in slots} | counted_roles
    return Snapshot(
        government=government.code,
        currency=government.currency,
        template=template.slug,
        units=units,
        top_id=under.pk if under is not None else _root(units, government),
        under=under.code if under is not None else None,
        slots=slots,
        services=tuple(
            ServiceSnap(code, owner, team)
            for code, owner, team in DigitalService.objects.filter(
                government=government
            ).values_list("code", "owner_id", "team_id")
        ),
        positions=_positions(government, roles, units),
        taken_codes=frozenset(
            Position.objects.filter(government=government).values_list("code", flat=True)
        ),
    )


def _root(units: dict[int, UnitSnap], government: Government) -> int:
    """The government's top unit: its only root, or its only root of kind government."""
    roots = [u for u in units.values() if u.parent_id is None]
    if len(roots) > 1:
        roots = [u for u in roots if u.kind == "government"]
    if len(roots) == 1:
        return roots[0].id
    if not units:
        raise SizingError(f"'{government.code}' has no units to size")
    raise SizingError(
        f"'{government.code}' has several top-level units and not exactly one of kind "
        "government: choose one with --under"
    )


def _slots(template: Template) -> tuple[tuple[SlotSnap, ...], set[int]]:
    """The template's slots with their rules, and the ids of the roles its ratios count."""
    rules: dict[int, list[RuleSnap]] = defaultdict(list)
    counted: set[int] = set()
    for r in (
        QuantityRule.objects.filter(slot__function__template=template)
        .select_related("of_role")
        .order_by("slot_id", "position", "pk")
    ):
        of_role = r.of_role.slug if r.of_role else None
        rules[r.slot_id].append(RuleSnap(r.kind, r.count, r.per, of_role, r.minimum, r.maximum))
        if r.of_role_id is not None:
            counted.add(r.of_role_id)
    slots = tuple(
        SlotSnap(
            id=s.pk,
            role_id=s.role_id,
            role=s.role.slug,
            role_name=s.role.label,
            function=s.function.slug,
            function_name=s.function.label,
            order=(s.function.position, s.function.pk, s.position, s.pk),
            sourcing=tuple(s.sourcing or ()),
            rules=tuple(rules[s.pk]),
        )
        for s in RoleSlot.objects.filter(function__template=template).select_related(
            "function", "role"
        )
    )
    return slots, counted


def _positions(
    government: Government, roles: set[int], units: dict[int, UnitSnap]
) -> tuple[PositionSnap, ...]:
    dotted = Position.dotted_to.through.objects.filter(to_position=OuterRef("pk"))
    rows = (
        Position.objects.filter(government=government, role_id__in=roles)
        .annotate(
            assigned=Exists(Assignment.objects.filter(position=OuterRef("pk"))),
            reported=Exists(Position.objects.filter(reports_to=OuterRef("pk"))),
            dotted=Exists(dotted),
        )
        .values_list(
            "pk", "code", "unit_id", "role__slug", "slot_id", "slot__function__template__slug",
            "status", "sourcing", "fte", "grade", "annual_cost", "title", "sized_as",
            "assigned", "reported", "dotted",
        )
    )  # fmt: skip
    return tuple(
        PositionSnap(
            id=pk,
            code=code,
            unit_id=unit_id,
            unit_code=units[unit_id].code,
            role=role,
            slot_id=slot_id,
            slot_template=slot_template,
            status=status,
            sourcing=sourcing,
            fte=fte,
            grade=grade,
            annual_cost=annual_cost,
            title=title,
            sized_as=sized_as,
            has_assignments=assigned,
            has_reports=reported or dotted,
        )
        for (
            pk, code, unit_id, role, slot_id, slot_template, status, sourcing, fte, grade,
            annual_cost, title, sized_as, assigned, reported, dotted,
        ) in rows
    )  # fmt: skip
