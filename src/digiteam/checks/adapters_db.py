"""A government in the database -> a snapshot, in a fixed number of queries.

Nine queries whatever the size of the organisation (``QUERIES``; seven when no template is
applied, as Django skips a query filtered on an empty list). The large lists (units,
positions, services, assignments) are read as plain tuples straight from the cursor, with only
the columns the rules need, and converted once per distinct value (amounts, dates) the way
Django would; a value many rows repeat (a status, a role, a vendor) is kept once; codes
replace ids before the engine sees anything. The cyclic garbage collector
is paused while the snapshot is built: it makes hundreds of thousands of small objects, none
of them in a cycle, and each collection would walk them all. For the same organisation it
gives a snapshot equal to ``adapters_file.snapshot_from_orgfile``.
"""

from __future__ import annotations

import datetime
import decimal
import gc
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import F, QuerySet

from digiteam.checks.engine.snapshot import (
    Assignment,
    Function,
    Government,
    Organisation,
    Position,
    Role,
    Service,
    Slot,
    Template,
    Unit,
    Vendor,
)
from digiteam.compositions import models as compositions
from digiteam.organisation import models as organisation
from digiteam.taxonomy import models as taxonomy

QUERIES = 9
RIGHTS = ("spend_control", "product_decisions", "technical_decisions")


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside (reference counting still frees everything)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def snapshot_from_db(government: organisation.Government) -> Organisation:
    with gc_paused():
        return _snapshot(government)


def _snapshot(gov: organisation.Government) -> Organisation:
    units = _rows(
        organisation.Unit.objects.filter(government=gov).values_list(
            "id", "parent_id", "code", "kind", "name", "tags"
        )
    )
    unit_codes = {u[0]: u[2] for u in units}
    vendors = organisation.Vendor.objects.filter(government=gov).values_list("code", "name")
    return Organisation.build(
        government=Government(gov.code, gov.name, gov.currency),
        units=[
            Unit(code, name, kind, unit_codes.get(parent), tuple(_json(tags)))
            for _, parent, code, kind, name, tags in units
        ],
        positions=_positions(gov, unit_codes),
        services=_services(gov),
        assignments=_assignments(gov),
        vendors=[Vendor(code, name) for code, name in vendors],
        templates=_templates(gov),
        roles=[
            Role(slug, title) for slug, title in taxonomy.Role.objects.values_list("slug", "title")
        ],
    )


def _rows(queryset: QuerySet[Any, Any]) -> list[tuple[Any, ...]]:
    """The query's rows as the driver returns them, without Django's per-value converters."""
    sql, params = queryset.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _amount(model: Any, field: str) -> Callable[[Any], Any]:
    """A decimal field's column as Django reads it (SQLite stores a number): quantized."""
    model_field = model._meta.get_field(field)
    return _amount_of(model_field.decimal_places, model_field.max_digits)  # type: ignore[attr-defined]


def _amount_of(places: int, digits: int) -> Callable[[Any], Any]:
    """A Decimal (None for None): typed Any, as a nullable column gives None and another not."""
    exponent, context = Decimal(1).scaleb(-places), decimal.Context(prec=digits)
    from_float = decimal.Context(prec=15).create_decimal_from_float
    memo: dict[Any, Decimal | None] = {None: None}

    def convert(value: Any) -> Decimal | None:
        try:
            return memo[value]
        except KeyError:
            pass
        if isinstance(value, Decimal):
            number = value
        elif isinstance(value, str):
            number = Decimal(value)
        else:
            number = from_float(value)
        memo[value] = number.quantize(exponent, context=context)
        return memo[value]

    return convert


def _dates() -> Callable[[Any], Any]:
    memo: dict[Any, datetime.date | None] = {None: None}

    def convert(value: Any) -> datetime.date | None:
        try:
            return memo[value]
        except KeyError:
            pass
        memo[value] = (
            value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
        )
        return memo[value]

    return convert


def _shared() -> Callable[[Any], Any]:
    """One object per distinct value: the driver makes a new string for every row's "filled",
    role slug or vendor code (sharing them: 1,057 → 980 MiB at 1,284,850 positions)."""
    memo: dict[Any, Any] = {}
    return lambda value: memo.setdefault(value, value)


def _services(gov: organisation.Government) -> list[Service]:
    rows = _rows(
        organisation.DigitalService.objects.filter(government=gov).values_list(
            "code", "name", "personal_data", "area", "owner__code", "team__code"
        )
    )
    return [
        Service(code, name, owner, team, bool(personal), area or None)
        for code, name, personal, area, owner, team in rows
    ]


def _assignments(gov: organisation.Government) -> list[Assignment]:
    rows = _rows(
        organisation.Assignment.objects.filter(person__government=gov).values_list(
            "person__code", "position__code", "start", "end", "fte", "person__employer__code"
        )
    )
    fte, date, one = _amount(organisation.Assignment, "fte"), _dates(), _shared()
    return [
        Assignment(person, position, date(start), date(end), fte(amount), one(employer))
        for person, position, start, end, amount, employer in rows
    ]


def _positions(gov: organisation.Government, unit_codes: dict[int, str]) -> list[Position]:
    rows = _rows(
        organisation.Position.objects.filter(government=gov).values_list(
            "code", "unit_id", "role__slug", "sourcing", "vendor__code", "fte", "annual_cost",
            "status", "vacant_since", "reports_to__code", *RIGHTS, "title",
            "slot__function__template__slug", "slot__function__slug", "slot__role__slug",
        )
    )  # fmt: skip
    fte = _amount(organisation.Position, "fte")
    cost, date = _amount(organisation.Position, "annual_cost"), _dates()
    rights = {
        flags: frozenset(r for r, flag in zip(RIGHTS, flags, strict=True) if flag)
        for flags in (
            (a, b, c) for a in (False, True) for b in (False, True) for c in (False, True)
        )
    }
    one = _shared()
    slots: dict[tuple[str | None, ...], str | None] = {}
    return [
        Position(
            code, unit_codes[unit], one(role), one(sourcing), one(vendor), fte(amount),
            cost(money), one(status), date(vacant), reports_to,
            rights[bool(spend), bool(product), bool(technical)],
            slots.setdefault((template, function, slot_role),
                             f"{template}/{function}/{slot_role}" if template else None),
            one(title),
        )
        for (
            code, unit, role, sourcing, vendor, amount, money, status, vacant, reports_to,
            spend, product, technical, title, template, function, slot_role,
        ) in rows
    ]  # fmt: skip


def _templates(gov: organisation.Government) -> list[Template]:
    """Applied templates with their functions and slots, in three queries."""
    applied = dict(
        organisation.AppliedTemplate.objects.filter(government=gov).values_list(
            "template__slug", "template__name"
        )
    )
    slots: dict[tuple[str, str], list[Slot]] = defaultdict(list)
    for slot in (
        compositions.RoleSlot.objects.filter(function__template__slug__in=applied)
        .order_by("function__template__slug", "function__position", "position", "id")
        .values(
            "sourcing",
            template_slug=F("function__template__slug"),
            function_slug=F("function__slug"),
            role_slug=F("role__slug"),
        )
    ):
        slots[slot["template_slug"], slot["function_slug"]].append(
            Slot(slot["role_slug"], tuple(slot["sourcing"]))
        )
    functions: dict[str, list[Function]] = defaultdict(list)
    for row in (
        compositions.Function.objects.filter(template__slug__in=applied)
        .order_by("template__slug", "position", "id")
        .values("slug", "name", template_slug=F("template__slug"))
    ):
        key = (row["template_slug"], row["slug"])
        functions[row["template_slug"]].append(Function(*key, row["name"], tuple(slots[key])))
    return [Template(slug, name, tuple(functions[slug])) for slug, name in applied.items()]
