"""Sizing: turn a template's quantity rules into planned positions.

``sizing_plan`` reads and changes nothing; ``sizing_apply`` writes a plan in one transaction,
as one change set of the audit trail. Given the plan the user previewed, ``sizing_apply`` reads
the organisation again and reuses that plan when nothing it was planned from has changed (the
same ``basis``); otherwise it plans again. See docs/sizing.md for the rules the plan follows.

The new positions are written in bulk: one ``COPY`` on PostgreSQL, one ``executemany`` on
SQLite (in process, no round trips), then one query for their ids; docs/performance.md
measures it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from django.db import connection, transaction
from django.db.models import Max
from django.utils.translation import gettext

from digiteam.audit.choices import Action as AuditAction
from digiteam.audit.choices import Via
from digiteam.audit.context import change_set
from digiteam.audit.record import record_create, record_many, record_update, snapshot
from digiteam.compositions.models import Template
from digiteam.organisation.models import AppliedTemplate, Government, Position, Unit
from digiteam.organisation.sizing.adapters import snapshot_rows
from digiteam.organisation.sizing.plan import Plan, PlanLine
from digiteam.organisation.sizing.planner import plan_sizing
from digiteam.organisation.sizing.snapshot import RETIRABLE_STATUSES
from digiteam.taxonomy.models import Role

# A new position's columns taken from its plan line (same names); the others get their default.
SIZED_COLUMNS = (
    "unit_id", "role_id", "slot_id", "code", "sourcing", "fte", "annual_cost", "status", "sized_as"
)  # fmt: skip


def sizing_plan(*, government: Government, template: Template, under: Unit | None = None) -> Plan:
    """What applying ``template`` to the government (or the subtree of ``under``) would do."""
    return plan_sizing(
        snapshot_rows(government=government, template=template, under=under).snapshot()
    )


@transaction.atomic
def sizing_apply(
    *,
    government: Government,
    template: Template,
    under: Unit | None = None,
    plan: Plan | None = None,
) -> Plan:
    """Add and retire the plan's positions, record the application; conflicts stay as they are.

    ``plan``: the plan shown to the user (from ``sizing_plan`` with the same arguments). It is
    applied as it is if the organisation still reads the same; if not, the plan is made again
    from what is stored now, and the plan returned says what was done.
    """
    # Serialise applications to one government (a row lock on PostgreSQL; SQLite locks the file).
    Government.objects.select_for_update().filter(pk=government.pk).exists()
    rows = snapshot_rows(government=government, template=template, under=under)
    if plan is None or not plan.basis or plan.basis != rows.basis or plan.applied:
        plan = plan_sizing(rows.snapshot())
    scope = under.code if under is not None else government.code
    summary = gettext("Sizing with %(template)s over %(scope)s") % {
        "template": template.slug,
        "scope": scope,
    }
    with change_set(summary=summary, via=Via.SIZING, government_code=government.code):
        _retire(line.position_id for line in plan.to_retire if line.position_id is not None)
        _add(government, plan.to_add)
        _record(government=government, template=template, under=under)
    return replace(plan, applied=True)


def _retire(ids: Iterable[int]) -> None:
    # The status filter guards against a position filled since the plan was read.
    doomed = list(
        Position.objects.filter(pk__in=list(ids), status__in=RETIRABLE_STATUSES).select_related(
            "role", "government"
        )
    )
    if doomed:
        record_many(AuditAction.DELETE, doomed)
        Position.objects.filter(pk__in=[p.pk for p in doomed]).delete()


def _add(government: Government, lines: Sequence[PlanLine]) -> None:
    if not lines:
        return
    pk, *fields = Position._meta.concrete_fields  # the order Position(*values) takes
    assert pk.primary_key
    columns = [f.attname for f in fields]
    base = [f.get_default() for f in fields]
    at = {name: columns.index(name) for name in (*SIZED_COLUMNS, "government_id")}
    rows: list[tuple[Any, ...]] = []
    for line in lines:
        values = base.copy()
        for name in SIZED_COLUMNS:
            values[at[name]] = getattr(line, name)
        values[at["government_id"]] = government.pk
        rows.append(tuple(values))
    last = Position.objects.aggregate(last=Max("pk"))["last"] or 0
    _insert_rows(Position._meta.db_table, [str(f.column) for f in fields], rows)
    ids = dict(
        Position.objects.filter(government=government, pk__gt=last)
        .order_by()
        .values_list("code", "pk")
    )
    # The audit trail records model instances: built from the rows as Django reads them
    # (positional, no descriptors), with their role at hand for their name.
    roles = {r.pk: r for r in Role.objects.filter(pk__in={line.role_id for line in lines})}
    code, role = columns.index("code"), columns.index("role_id")
    positions = []
    for row in rows:
        position = Position(ids[row[code]], *row)  # type: ignore[misc]  # positional values
        position._state.adding = False
        Position.role.field.set_cached_value(position, roles[row[role]])
        positions.append(position)
    record_many(AuditAction.CREATE, positions)


def _insert_rows(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Insert ``rows`` with the fewest round trips the database offers."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg 3
            with raw.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)


def _record(*, government: Government, template: Template, under: Unit | None) -> None:
    """One record per government and template; its ``under`` is the widest scope applied."""
    record = (
        AppliedTemplate.objects.filter(government=government, template=template)
        .select_related("under")
        .first()
    )
    if record is None:
        record = AppliedTemplate.objects.create(
            government=government, template=template, under=under
        )
        record_create(record)
        return
    widest = _widest(record.under, under)
    if widest != record.under_id:
        before = snapshot(record)
        record.under_id = widest
        record.save(update_fields=["under"])
        record_update(record, before)


def _widest(a: Unit | None, b: Unit | None) -> int | None:
    """Id of the lowest unit whose subtree holds both scopes (None: the whole government)."""
    if a is None or b is None:
        return None
    # A path lists the ids from the root down: the common ancestor ends their common prefix.
    prefix: list[str] = []
    for x, y in zip(a.path.strip("/").split("/"), b.path.strip("/").split("/"), strict=False):
        if x != y:
            break
        prefix.append(x)
    return int(prefix[-1]) if prefix else None
