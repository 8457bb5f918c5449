"""Sizing: turn a template's quantity rules into planned positions.

``sizing_plan`` reads and changes nothing; ``sizing_apply`` writes the same plan in one
transaction with bulk operations. See docs/sizing.md for the rules the plan follows.
"""

from __future__ import annotations

from dataclasses import replace

from django.db import transaction

from digiteam.compositions.models import Template
from digiteam.organisation.models import AppliedTemplate, Government, Position, Unit
from digiteam.organisation.sizing.adapters import snapshot_build
from digiteam.organisation.sizing.plan import Plan
from digiteam.organisation.sizing.planner import plan_sizing
from digiteam.organisation.sizing.snapshot import RETIRABLE_STATUSES


def sizing_plan(*, government: Government, template: Template, under: Unit | None = None) -> Plan:
    """What applying ``template`` to the government (or the subtree of ``under``) would do."""
    return plan_sizing(snapshot_build(government=government, template=template, under=under))


@transaction.atomic
def sizing_apply(*, government: Government, template: Template, under: Unit | None = None) -> Plan:
    """Add and retire the plan's positions, record the application; conflicts stay as they are."""
    # Serialise applications to one government (a row lock on PostgreSQL; SQLite locks the file).
    Government.objects.select_for_update().filter(pk=government.pk).exists()
    plan = sizing_plan(government=government, template=template, under=under)
    retired = [line.position_id for line in plan.to_retire if line.position_id is not None]
    if retired:
        # The status filter guards against a position filled since the plan was read.
        Position.objects.filter(pk__in=retired, status__in=RETIRABLE_STATUSES).delete()
    Position.objects.bulk_create(
        Position(
            government=government,
            unit_id=line.unit_id,
            role_id=line.role_id,
            slot_id=line.slot_id,
            code=line.code,
            sourcing=line.sourcing,
            fte=line.fte,
            annual_cost=line.annual_cost,
            status=line.status,
            sized_as=line.sized_as,
        )
        for line in plan.to_add
    )
    _record(government=government, template=template, under=under)
    return replace(plan, applied=True)


def _record(*, government: Government, template: Template, under: Unit | None) -> None:
    """One record per government and template; its ``under`` is the widest scope applied."""
    record = (
        AppliedTemplate.objects.filter(government=government, template=template)
        .select_related("under")
        .first()
    )
    if record is None:
        AppliedTemplate.objects.create(government=government, template=template, under=under)
        return
    widest = _widest(record.under, under)
    if widest != record.under_id:
        record.under_id = widest
        record.save(update_fields=["under"])


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
