"""Writes on positions and assignments: typed, keyword-only, atomic, validated.

Every error is a ``ValidationError`` keyed by field (the database constraints' own messages
included), so a form, an API endpoint or an importer can show it next to what caused it.
Who may write where is the interface's question (``accounts.guards.require_edit``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.db.models import Q, Sum
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digiteam.audit.record import record_create, record_delete, record_update, snapshot
from digiteam.core.versioning import bump
from digiteam.organisation.choices import PositionSourcing, PositionStatus
from digiteam.organisation.models import Assignment, Government, Person, Position, Unit, Vendor
from digiteam.taxonomy.models import Role

# The field each named constraint is about: its message is shown next to that field.
CONSTRAINT_FIELDS = {
    "position_code_unique_in_government": "code",
    "position_fte_range": "fte",
    "position_cost_not_negative": "annual_cost",
    "position_status_valid": "status",
    "position_sourcing_valid": "sourcing",
    "position_not_own_manager": "reports_to",
    "assignment_dates_ordered": "end",
    "assignment_fte_range": "fte",
}


@dataclass(frozen=True)
class PositionFields:
    """What a person editing a position sets (the code is given once, at creation)."""

    unit: Unit
    role: Role
    title: str = ""
    sourcing: str = PositionSourcing.INTERNAL
    vendor: Vendor | None = None
    fte: Decimal = Decimal(1)
    grade: str = ""
    annual_cost: Decimal | None = None
    status: str = PositionStatus.PLANNED
    vacant_since: datetime.date | None = None
    reports_to: Position | None = None


def _validate(instance: models.Model, errors: dict[str, list[str]]) -> None:
    """``full_clean`` with each constraint's message keyed by its field; raise all at once."""
    try:
        instance.full_clean(validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    for constraint in instance._meta.constraints:
        try:
            constraint.validate(type(instance), instance)
        except ValidationError as error:
            field = CONSTRAINT_FIELDS.get(constraint.name, NON_FIELD_ERRORS)
            errors.setdefault(field, []).extend(error.messages)
    if errors:
        raise ValidationError(errors)


def _links_errors(position: Position) -> dict[str, list[str]]:
    """The unit, vendor and manager must be the position's government's; no reporting cycle."""
    errors: dict[str, list[str]] = {}
    if position.unit.government_id != position.government_id:
        errors["unit"] = [_("This unit belongs to another government.")]
    if position.vendor is not None and position.vendor.government_id != position.government_id:
        errors["vendor"] = [_("This vendor belongs to another government.")]
    manager = position.reports_to
    if manager is not None:
        if manager.government_id != position.government_id:
            errors["reports_to"] = [_("This position belongs to another government.")]
        elif position.pk is not None:
            seen: set[int] = set()
            while manager is not None and manager.pk not in seen:
                if manager.pk == position.pk:
                    errors["reports_to"] = [_("A position cannot report to itself.")]
                    break
                seen.add(manager.pk)
                manager = manager.reports_to
    return errors


def _apply(position: Position, fields: PositionFields) -> None:
    position.unit = fields.unit
    position.role = fields.role
    position.title = fields.title.strip()
    position.sourcing = fields.sourcing
    position.vendor = fields.vendor
    position.fte = fields.fte
    position.grade = fields.grade.strip()
    position.annual_cost = fields.annual_cost
    position.status = fields.status
    position.vacant_since = fields.vacant_since
    position.reports_to = fields.reports_to


def position_code_new(*, government: Government, role: Role) -> str:
    """A free code for a new position of ``role``: "developer-3"."""
    stem = slugify(role.slug)[:90] or "position"
    taken = set(
        Position.objects.filter(government=government, code__startswith=stem).values_list(
            "code", flat=True
        )
    )
    number = 1
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


@transaction.atomic
def position_create(
    *, government: Government, fields: PositionFields, code: str | None = None
) -> Position:
    position = Position(
        government=government,
        code=code or position_code_new(government=government, role=fields.role),
    )
    _apply(position, fields)
    _validate(position, _links_errors(position))
    position.save()
    record_create(position)
    return position


@transaction.atomic
def position_update(
    *, position: Position, fields: PositionFields, expected_version: int | None = None
) -> Position:
    """Save ``fields``; with ``expected_version``, refuse if someone saved since (StaleVersion)."""
    before = snapshot(Position.objects.get(pk=position.pk))
    bump(position, expected_version)
    _apply(position, fields)
    _validate(position, _links_errors(position))
    position.save()
    record_update(position, before)
    return position


def _current(today: datetime.date) -> Q:
    return Q(start__lte=today) & (Q(end__isnull=True) | Q(end__gte=today))


@transaction.atomic
def position_retire(*, position: Position, today: datetime.date | None = None) -> None:
    """Remove a position nobody reports to and nobody holds (its past assignments go with it)."""
    today = today or timezone.localdate()
    errors: list[str] = []
    reports = Position.objects.filter(reports_to=position).count()
    if reports:
        errors.append(
            ngettext(
                "%(count)s other position reports to this one: change its reporting line first.",
                "%(count)s other positions report to this one: change their reporting lines first.",
                reports,
            )
            % {"count": reports}
        )
    if position.assignments.filter(_current(today)).exists():
        errors.append(_("Someone holds this position: release them first."))
    if errors:
        raise ValidationError({NON_FIELD_ERRORS: errors})
    for assignment in position.assignments.all():
        record_delete(assignment)
    record_delete(position)
    position.delete()


def _number(value: Decimal) -> str:
    """An FTE as people write it, in the active language: "0.4", "1"."""
    text = f"{Decimal(value).quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".")
    return formats.number_format(Decimal(text))


def _overlapping(position: Position, start: datetime.date, end: datetime.date | None) -> Q:
    overlap = Q(end__isnull=True) | Q(end__gte=start)
    if end is not None:
        overlap &= Q(start__lte=end)
    return Q(position=position) & overlap


@transaction.atomic
def assignment_start(
    *,
    position: Position,
    person: Person,
    start: datetime.date,
    fte: Decimal = Decimal(1),
    end: datetime.date | None = None,
) -> Assignment:
    """Assign ``person`` to ``position`` from ``start``, within the FTE the position has."""
    position = Position.objects.select_for_update().get(pk=position.pk)
    assignment = Assignment(person=person, position=position, start=start, end=end, fte=fte)
    errors: dict[str, list[str]] = {}
    if person.government_id != position.government_id:
        errors["person"] = [_("This person belongs to another government.")]
    if fte is not None and start is not None:
        taken = Assignment.objects.filter(_overlapping(position, start, end)).aggregate(
            total=Sum("fte")
        )["total"] or Decimal(0)
        if taken + fte > position.fte:
            errors.setdefault("fte", []).append(
                _(
                    "The position has %(fte)s FTE and %(taken)s is already assigned over "
                    "this period: at most %(left)s FTE is left."
                )
                % {
                    "fte": _number(position.fte),
                    "taken": _number(taken),
                    "left": _number(max(position.fte - taken, Decimal(0))),
                }
            )
    _validate(assignment, errors)
    assignment.save()
    record_create(assignment)
    return assignment


@transaction.atomic
def assignment_end(*, assignment: Assignment, end: datetime.date) -> Assignment:
    """End an assignment on ``end`` (the last day the person holds the position)."""
    if assignment.end is not None:
        raise ValidationError({"end": [_("This assignment has already ended.")]})
    before = snapshot(assignment)
    bump(assignment)
    assignment.end = end
    _validate(assignment, {})
    assignment.save(update_fields=["end", "version"])
    record_update(assignment, before)
    return assignment
