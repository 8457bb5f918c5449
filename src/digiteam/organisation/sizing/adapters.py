"""Database -> sizing snapshot, in a fixed number of queries (six) whatever the size.

The positions read are the government's positions of the roles the template involves (its
slots' roles and the roles its ratios count), wherever they are: the planner keeps those of the
units it sizes and takes median costs over all of them.

Rows are read as plain tuples, as the driver returns them, and digested into the snapshot's
``basis``: two reads with the same basis plan the same, which is how ``sizing_apply`` reuses the
plan the user previewed instead of planning again.
"""

from __future__ import annotations

import decimal
import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import get_language

from digiteam.compositions.models import QuantityRule, RoleSlot, Template
from digiteam.core.translation import TRANSLATED_LANGUAGES
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


@dataclass(frozen=True)
class SnapshotRows:
    """What the snapshot is built from, as read; ``basis`` digests all of it."""

    government: Government
    template: Template
    under: Unit | None
    units: dict[int, UnitSnap]
    slots: tuple[SlotSnap, ...]
    services: list[tuple[Any, ...]]
    positions: list[tuple[Any, ...]]
    taken_codes: list[str]
    basis: str

    def snapshot(self) -> Snapshot:
        units, government, under = self.units, self.government, self.under
        return Snapshot(
            government=government.code,
            currency=government.currency,
            template=self.template.slug,
            units=units,
            top_id=under.pk if under is not None else _root(units, government),
            under=under.code if under is not None else None,
            slots=self.slots,
            services=tuple(ServiceSnap(*row) for row in self.services),
            positions=_positions(self.positions, units),
            taken_codes=frozenset(self.taken_codes),
            basis=self.basis,
        )


def snapshot_build(*, government: Government, template: Template, under: Unit | None) -> Snapshot:
    return snapshot_rows(government=government, template=template, under=under).snapshot()


def snapshot_rows(
    *, government: Government, template: Template, under: Unit | None
) -> SnapshotRows:
    units = _units(government)
    if under is not None and under.pk not in units:
        raise SizingError(f"unit '{under.code}' is not a unit of '{government.code}'")
    slots, counted_roles = _slots(template)
    roles = {s.role_id for s in slots} | counted_roles
    services = list(
        DigitalService.objects.filter(government=government)
        .order_by("pk")
        .values_list("code", "owner_id", "team_id")
    )
    positions = _position_rows(government, roles)
    taken = [
        code
        for (code,) in _raw(
            Position.objects.filter(government=government).order_by("pk").values_list("code")
        )
    ]
    digest = hashlib.blake2b(digest_size=20)
    scope = (government.code, government.currency, template.slug, under.pk if under else None)
    for part in (scope, list(units.values()), slots, services, positions, taken):
        digest.update(repr(part).encode("utf-8"))
    return SnapshotRows(
        government=government,
        template=template,
        under=under,
        units=units,
        slots=slots,
        services=services,
        positions=positions,
        taken_codes=taken,
        basis=digest.hexdigest(),
    )


def _units(government: Government) -> dict[int, UnitSnap]:
    language = (get_language() or "en").split("-")[0]
    translated = language in TRANSLATED_LANGUAGES
    units: dict[int, UnitSnap] = {}
    for pk, code, name, name_fr, name_ar, kind, path, parent_id in (
        Unit.objects.filter(government=government)
        .order_by("pk")
        .values_list("pk", "code", "name", "name_fr", "name_ar", "kind", "path", "parent_id")
    ):
        label = name
        if translated:  # as ``Named.label``: the active language, else English
            label = {"fr": name_fr, "ar": name_ar}.get(language) or name
        units[pk] = UnitSnap(pk, code, label, kind, path, parent_id)
    return units


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
        for s in RoleSlot.objects.filter(function__template=template)
        .select_related("function", "role")
        .order_by("pk")
    )
    return slots, counted


def _raw(queryset: QuerySet[Any, Any]) -> list[tuple[Any, ...]]:
    """The query's rows as the driver returns them, without Django's per-value converters
    (the basis digests them as they are; ``_positions`` converts what it keeps)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _amounts(field: str) -> Callable[[Any], Decimal | None]:
    """A decimal column as Django reads it (SQLite stores a number), once per distinct value."""
    model_field = Position._meta.get_field(field)
    exponent = Decimal(1).scaleb(-model_field.decimal_places)  # type: ignore[union-attr]
    context = decimal.Context(prec=model_field.max_digits)  # type: ignore[union-attr]
    from_float = decimal.Context(prec=15).create_decimal_from_float
    memo: dict[Any, Decimal | None] = {None: None}

    def convert(value: Any) -> Decimal | None:
        if value not in memo:
            number = (
                value
                if isinstance(value, Decimal)
                else (Decimal(value) if isinstance(value, str) else from_float(value))
            )
            memo[value] = number.quantize(exponent, context=context)
        return memo[value]

    return convert


def _position_rows(government: Government, roles: set[int]) -> list[tuple[Any, ...]]:
    dotted = Position.dotted_to.through.objects.filter(to_position=OuterRef("pk"))
    return _raw(
        Position.objects.filter(government=government, role_id__in=roles)
        .annotate(
            assigned=Exists(Assignment.objects.filter(position=OuterRef("pk"))),
            reported=Exists(Position.objects.filter(reports_to=OuterRef("pk"))),
            dotted=Exists(dotted),
        )
        .order_by("pk")
        .values_list(
            "pk", "code", "unit_id", "role__slug", "slot_id", "slot__function__template__slug",
            "status", "sourcing", "fte", "grade", "annual_cost", "title", "sized_as",
            "assigned", "reported", "dotted",
        )
    )  # fmt: skip


def _positions(rows: list[tuple[Any, ...]], units: dict[int, UnitSnap]) -> tuple[PositionSnap, ...]:
    fte, cost = _amounts("fte"), _amounts("annual_cost")
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
            fte=fte(amount),  # type: ignore[arg-type]  # not null
            grade=grade,
            annual_cost=cost(annual_cost),
            title=title,
            sized_as=sized_as,
            has_assignments=bool(assigned),
            has_reports=bool(reported or dotted),
        )
        for (
            pk, code, unit_id, role, slot_id, slot_template, status, sourcing, amount, grade,
            annual_cost, title, sized_as, assigned, reported, dotted,
        ) in rows
    )  # fmt: skip
