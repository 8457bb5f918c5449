"""Writes on units: create, edit, move a whole subtree, delete.

A unit's ``path`` and ``depth`` are never set by a caller: a new unit gets them from its parent,
a move rewrites its whole subtree in one ``UPDATE`` (``tree.unit_move``, see decision 0002).
Every error is a ``ValidationError`` keyed by field; every write is in the audit trail; an update
with ``expected_version`` refuses (``StaleVersion``) if someone saved the unit since.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digiteam.accounts.models import Membership
from digiteam.audit.record import record_create, record_delete, record_update, snapshot
from digiteam.core.versioning import bump, locked
from digiteam.organisation import tree
from digiteam.organisation.choices import UnitKind
from digiteam.organisation.models import AppliedTemplate, Government, Unit
from digiteam.organisation.validation import clean_list, validate

# Saved by unit_update: what a person edits (never the place in the tree: see unit_move).
EDITABLE = ["code", "kind", "name", "name_fr", "name_ar", "tags"]


@dataclass(frozen=True)
class UnitFields:
    """What a person editing a unit sets; its place in the tree is changed by ``unit_move``."""

    code: str
    kind: str
    name: str
    name_fr: str = ""
    name_ar: str = ""
    tags: Sequence[str] = field(default_factory=tuple)


def unit_kinds(government: Government) -> list[str]:
    """The kinds a unit of ``government`` may have: the built-in ones, then its own."""
    kinds = list(UnitKind.values)
    kinds.extend(kind for kind in government.unit_kinds if kind not in kinds)
    return kinds


def _apply(unit: Unit, fields: UnitFields, errors: dict[str, list[str]]) -> None:
    unit.code = fields.code.strip()
    unit.kind = fields.kind.strip()
    unit.name = fields.name.strip()
    unit.name_fr = fields.name_fr.strip()
    unit.name_ar = fields.name_ar.strip()
    unit.tags = clean_list(fields.tags, "tags", errors)
    allowed = unit_kinds(unit.government)
    if unit.kind and unit.kind not in allowed:
        errors.setdefault("kind", []).append(
            _("“%(kind)s” is not a kind of unit of this government: use one of %(kinds)s.")
            % {"kind": unit.kind, "kinds": ", ".join(allowed)}
        )


def _root(government_id: int, exclude: int | None = None) -> Unit | None:
    roots = Unit.objects.filter(government_id=government_id, parent__isnull=True)
    if exclude is not None:
        roots = roots.exclude(pk=exclude)
    return roots.first()


def _second_root_error(root: Unit) -> str:
    return _("This government already has its top unit, “%(unit)s”: choose a parent inside it.") % {
        "unit": root
    }


@transaction.atomic
def unit_create(*, government: Government, parent: Unit | None, fields: UnitFields) -> Unit:
    """A unit under ``parent`` (``None``: the government's top unit, if it has none yet)."""
    errors: dict[str, list[str]] = {}
    if parent is not None:
        parent = Unit.objects.get(pk=parent.pk)  # its path as stored now
        if parent.government_id != government.pk:
            errors["parent"] = [_("This unit belongs to another government.")]
    else:
        root = _root(government.pk)
        if root is not None:
            errors["parent"] = [_second_root_error(root)]
    unit = Unit(
        government=government,
        parent=parent,
        # A placeholder that passes validation; the real path needs the new id.
        path="/",
        depth=parent.depth + 1 if parent is not None else 0,
    )
    _apply(unit, fields, errors)
    validate(unit, errors)
    unit.save()
    unit.path = tree.path_for(parent, unit.pk)
    unit.save(update_fields=["path"])
    record_create(unit)
    return unit


@transaction.atomic
def unit_update(*, unit: Unit, fields: UnitFields, expected_version: int | None = None) -> Unit:
    """Save names, kind, tags and code; the memberships scoped by the old code follow it."""
    stored = Unit.objects.get(pk=unit.pk)
    before = snapshot(stored)
    bump(unit, expected_version)
    # The place in the tree as stored now, whatever the caller's copy says.
    unit.parent_id, unit.path, unit.depth = stored.parent_id, stored.path, stored.depth
    errors: dict[str, list[str]] = {}
    _apply(unit, fields, errors)
    validate(unit, errors)
    unit.save(update_fields=[*EDITABLE, "version"])
    record_update(unit, before)
    if unit.code != stored.code:
        _rename_in_memberships(unit, stored.code)
    return unit


def _rename_in_memberships(unit: Unit, old: str) -> None:
    """A membership limited to the unit keeps naming it (scopes are kept as unit codes)."""
    for membership in Membership.objects.filter(government_id=unit.government_id):
        if old not in membership.unit_codes:
            continue
        before = snapshot(membership)
        codes = membership.unit_codes
        membership.unit_codes = [unit.code if code == old else code for code in codes]
        membership.save(update_fields=["unit_codes"])
        record_update(membership, before)


@transaction.atomic
def unit_move(*, unit: Unit, new_parent: Unit | None, expected_version: int | None = None) -> Unit:
    """Put ``unit`` and everything under it under ``new_parent``.

    The subtree's paths and depths are rewritten in one ``UPDATE``; the audit trail records the
    unit's change of parent (its descendants keep their parents, only their paths change).
    Refused: a parent inside the unit's own subtree, a unit of another government, and a second
    top unit (``new_parent=None`` for a unit that has a parent).
    """
    stored = locked(unit, expected_version)
    # The new parent's path as stored now, kept until the move is done.
    parent = locked(new_parent) if new_parent is not None else None
    if (parent.pk if parent is not None else None) == stored.parent_id:
        unit.refresh_from_db()
        return unit
    errors: list[str] = []
    if parent is None:
        root = _root(stored.government_id, exclude=stored.pk)
        if root is not None:
            errors.append(_second_root_error(root))
    elif parent.government_id != stored.government_id:
        errors.append(_("This unit belongs to another government."))
    elif parent.pk == stored.pk:
        errors.append(_("A unit cannot be moved under itself."))
    elif parent.path.startswith(stored.path):
        errors.append(
            _("“%(parent)s” is inside “%(unit)s”: a unit cannot move under its own descendant.")
            % {"parent": parent, "unit": stored}
        )
    if errors:
        raise ValidationError({"parent": errors})
    before = snapshot(stored)
    bump(stored, expected_version)
    version = stored.version
    tree.unit_move(unit=stored, parent=parent)
    Unit.objects.filter(pk=stored.pk).update(version=version)
    stored.version = version
    record_update(stored, before)
    unit.refresh_from_db()
    return unit


@transaction.atomic
def unit_delete(*, unit: Unit, expected_version: int | None = None) -> None:
    """Remove a unit with nothing in it: no unit, position or owned service under it.

    Services it delivers lose their delivery team, templates applied under it are forgotten
    (each recorded). A unit that limits a
    membership is refused too: removing it would widen that membership to the whole government.
    """
    unit = locked(unit, expected_version)
    errors: list[str] = []
    children = unit.children.count()
    if children:
        errors.append(
            ngettext(
                "%(count)s unit is inside this one: move or delete it first.",
                "%(count)s units are inside this one: move or delete them first.",
                children,
            )
            % {"count": children}
        )
    positions = unit.positions.count()
    if positions:
        errors.append(
            ngettext(
                "%(count)s position is in this unit: move or retire it first.",
                "%(count)s positions are in this unit: move or retire them first.",
                positions,
            )
            % {"count": positions}
        )
    services = unit.owned_services.count()
    if services:
        errors.append(
            ngettext(
                "This unit owns %(count)s digital service: give it another owner first.",
                "This unit owns %(count)s digital services: give them another owner first.",
                services,
            )
            % {"count": services}
        )
    scoped = sum(
        unit.code in membership.unit_codes
        for membership in Membership.objects.filter(government_id=unit.government_id)
    )
    if scoped:
        errors.append(
            ngettext(
                "%(count)s membership is limited to this unit: change its scope first.",
                "%(count)s memberships are limited to this unit: change their scope first.",
                scoped,
            )
            % {"count": scoped}
        )
    if errors:
        raise ValidationError({NON_FIELD_ERRORS: errors})
    for service in unit.delivered_services.all():
        before = snapshot(service)
        bump(service)
        service.team = None
        service.save(update_fields=["team", "version"])
        record_update(service, before)
    for applied in AppliedTemplate.objects.filter(under=unit).select_related("template"):
        record_delete(applied)  # a template applied under the unit goes with it
    record_delete(unit)
    unit.delete()
