"""Writes on positions and assignments: typed, keyword-only, atomic, validated.

Every error is a ``ValidationError`` keyed by field (the database constraints' own messages
included), so a form, an API endpoint or an importer can show it next to what caused it.
Who may write where is the interface's question (``accounts.guards.require_edit``).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digiteam.audit.choices import Action
from digiteam.audit.record import record_create, record_delete, record_many, record_update, snapshot
from digiteam.core.versioning import StaleVersion, bump
from digiteam.organisation.choices import PositionSourcing, PositionStatus
from digiteam.organisation.models import Assignment, Government, Person, Position, Unit, Vendor
from digiteam.organisation.validation import validate
from digiteam.taxonomy.models import Role


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
    validate(position, _links_errors(position))
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
    validate(position, _links_errors(position))
    position.save()
    record_update(position, before)
    return position


@transaction.atomic
def position_bulk_update(
    *,
    positions: Sequence[Position],
    sourcing: str = "",
    status: str = "",
    expected_versions: Mapping[int, int] | None = None,
) -> list[Position]:
    """Give every position of a selection a new ``sourcing`` and/or ``status``: all or nothing.

    ``expected_versions`` maps a position's id to the version the user saw; a position saved by
    someone since is refused. Errors about the change itself are keyed by field ("positions",
    "sourcing", "status"); those of single positions are under "positions", each naming its
    position's code. Returns the positions that changed (those that had the values already are
    left alone); each changed one is bumped and recorded, in one change set.
    """
    errors: dict[str, list[str]] = {}
    if not positions:
        errors["positions"] = [_("Choose at least one position.")]
    if sourcing and sourcing not in PositionSourcing.values:
        errors["sourcing"] = [_("Choose a sourcing from the list.")]
    if status and status not in PositionStatus.values:
        errors["status"] = [_("Choose a status from the list.")]
    if not sourcing and not status and not errors:
        errors[NON_FIELD_ERRORS] = [_("Choose a new sourcing, a new status or both.")]
    if errors:
        raise ValidationError(errors)
    expected = expected_versions or {}
    changed: list[Position] = []
    befores: list[dict[str, object]] = []
    problems: list[str] = []
    for position in sorted(positions, key=lambda p: p.code):
        stored = Position.objects.select_for_update().get(pk=position.pk)
        if (sourcing or stored.sourcing, status or stored.status) == (
            stored.sourcing,
            stored.status,
        ):
            continue  # already as asked
        before = snapshot(stored)
        try:
            bump(stored, expected.get(stored.pk))
        except StaleVersion as stale:
            problems.append(_stale(position.code, stale.current))
            continue
        stored.sourcing = sourcing or stored.sourcing
        stored.status = status or stored.status
        try:
            validate(stored, {})
        except ValidationError as error:
            problems.extend(
                _("%(code)s: %(message)s") % {"code": position.code, "message": message}
                for message in error.messages
            )
            continue
        changed.append(stored)
        befores.append(before)
    if problems:
        raise ValidationError({"positions": problems})
    for position in changed:
        position.save(update_fields=["sourcing", "status", "version"])
    record_many(Action.UPDATE, changed, befores=befores)
    return changed


def _stale(code: str, version: int) -> str:
    return _(
        "%(code)s: someone else changed this position since you chose it (now version %(version)s)."
    ) % {"code": code, "version": version}


def _current(today: datetime.date) -> Q:
    return Q(start__lte=today) & (Q(end__isnull=True) | Q(end__gte=today))


@transaction.atomic
def position_retire(
    *,
    position: Position,
    today: datetime.date | None = None,
    expected_version: int | None = None,
) -> None:
    """Remove a position nobody reports to and nobody holds (its past assignments go with it).

    With ``expected_version``, refuse if someone saved it since (StaleVersion).
    """
    today = today or timezone.localdate()
    bump(position, expected_version)  # locks the row; the version it sets goes with the row
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
    validate(assignment, errors)
    assignment.save()
    record_create(assignment)
    return assignment


@transaction.atomic
def assignment_end(
    *, assignment: Assignment, end: datetime.date, expected_version: int | None = None
) -> Assignment:
    """End an assignment on ``end`` (the last day the person holds the position)."""
    before = snapshot(assignment)
    bump(assignment, expected_version)
    if assignment.end is not None:
        raise ValidationError({"end": [_("This assignment has already ended.")]})
    assignment.end = end
    validate(assignment, {})
    assignment.save(update_fields=["end", "version"])
    record_update(assignment, before)
    return assignment
