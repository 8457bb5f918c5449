"""Writes on governments: create (with its top unit), edit, delete with everything under it.

Errors are ``ValidationError`` keyed by field; every write is in the audit trail. Deleting a
government is one change set: the government's deletion and one row per object that went with
it, written and deleted a table at a time (a bounded number of queries, whatever the size).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digiteam.accounts.models import Membership
from digiteam.audit.choices import Action
from digiteam.audit.context import change_set
from digiteam.audit.record import record_create, record_delete, record_many, record_update, snapshot
from digiteam.core.versioning import bump, locked
from digiteam.organisation.choices import UnitKind
from digiteam.organisation.models import (
    AppliedTemplate,
    Assignment,
    DigitalService,
    Government,
    Person,
    Position,
    Unit,
    Vendor,
)
from digiteam.organisation.services_units import UnitFields, unit_create
from digiteam.organisation.validation import clean_list, validate

LANGUAGE = re.compile(r"^[a-z]{2,3}$")  # ISO 639-1 or 639-3, as org files say
KIND = re.compile(r"^[-a-z0-9_]{1,40}$")
ROOT_CODE = "gov"  # the top unit's code, as org files name it
# Saved by government_update (the code, the check settings and "illustrative" are not).
EDITABLE = ["name", "name_fr", "name_ar", "country", "currency", "languages", "unit_kinds"]


@dataclass(frozen=True)
class GovernmentFields:
    """What a person editing a government sets (the code is given once, at creation)."""

    name: str
    name_fr: str = ""
    name_ar: str = ""
    country: str = ""
    currency: str = "USD"
    languages: Sequence[str] = field(default_factory=tuple)
    unit_kinds: Sequence[str] = field(default_factory=tuple)


def _apply(government: Government, fields: GovernmentFields) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    government.name = fields.name.strip()
    government.name_fr = fields.name_fr.strip()
    government.name_ar = fields.name_ar.strip()
    government.country = fields.country.strip().upper()
    government.currency = fields.currency.strip().upper()
    languages = [code.lower() for code in clean_list(fields.languages, "languages", errors)]
    for code in languages:
        if not LANGUAGE.match(code):
            errors.setdefault("languages", []).append(
                _("“%(code)s” is not a language code: use two or three letters, like “fr”.")
                % {"code": code}
            )
    government.languages = languages
    kinds = [kind.lower() for kind in clean_list(fields.unit_kinds, "unit_kinds", errors)]
    for kind in kinds:
        if not KIND.match(kind):
            errors.setdefault("unit_kinds", []).append(
                _(
                    "“%(kind)s” cannot be a kind of unit: use lower-case letters, digits and "
                    "hyphens, at most 40."
                )
                % {"kind": kind}
            )
    government.unit_kinds = [kind for kind in kinds if kind not in UnitKind.values]
    return errors


@transaction.atomic
def government_create(*, code: str, fields: GovernmentFields) -> Government:
    """A government and its top unit (kind "government", code "gov", named like it)."""
    government = Government(code=code.strip())
    errors = _apply(government, fields)
    if Government.objects.filter(code=government.code).exists():
        errors["code"] = [_("This code is already used by another government.")]
    validate(government, errors)
    government.save()
    record_create(government)
    unit_create(
        government=government,
        parent=None,
        fields=UnitFields(
            code=ROOT_CODE,
            kind=UnitKind.GOVERNMENT,
            name=government.name,
            name_fr=government.name_fr,
            name_ar=government.name_ar,
        ),
    )
    return government


@transaction.atomic
def government_update(
    *, government: Government, fields: GovernmentFields, expected_version: int | None = None
) -> Government:
    """Save ``fields``; a kind of unit still in use cannot be taken off ``unit_kinds``."""
    stored = Government.objects.get(pk=government.pk)
    before = snapshot(stored)
    bump(government, expected_version)
    # What this service does not edit stays as stored, whatever the caller's copy says.
    for name in ("code", "illustrative", "check_config"):
        setattr(government, name, getattr(stored, name))
    errors = _apply(government, fields)
    dropped = set(stored.unit_kinds) - set(government.unit_kinds)
    in_use = (
        Unit.objects.filter(government=government, kind__in=dropped)
        .values("kind")
        .annotate(count=models.Count("id"))
        .order_by("kind")
    )
    for row in in_use:
        errors.setdefault("unit_kinds", []).append(
            ngettext(
                "%(count)s unit is of kind “%(kind)s”: change its kind first.",
                "%(count)s units are of kind “%(kind)s”: change their kind first.",
                row["count"],
            )
            % {"count": row["count"], "kind": row["kind"]}
        )
    validate(government, errors)
    government.save(update_fields=[*EDITABLE, "version"])
    record_update(government, before)
    return government


# What goes with a government, children first, with the rows each one's name reads (its str()).
_BELONGINGS: tuple[tuple[type[models.Model], tuple[str, ...]], ...] = (
    (Assignment, ("person", "position__role")),
    (DigitalService, ()),
    (Position, ("role",)),
    (Person, ()),
    (Unit, ()),
    (Vendor, ()),
    (Membership, ("user", "government")),
    (AppliedTemplate, ("government", "template")),
)


def _rows(model: type[models.Model], government: Government) -> models.QuerySet[models.Model]:
    if model is Assignment:
        where = Q(position__government=government) | Q(person__government=government)
    else:
        where = Q(government=government)
    return model._default_manager.filter(where)


@transaction.atomic
def government_delete(*, government: Government, expected_version: int | None = None) -> None:
    """Delete a government and everything of it, recorded as one change set.

    Each table costs a few queries, not one per row: its rows are recorded in batches, the links
    that would block their deletion (a unit's parent, a position's manager) are cleared with one
    ``UPDATE``, then they are deleted together.
    """
    government = locked(government, expected_version)
    summary = _("Deleted the government %(name)s") % {"name": government.name}
    with change_set(summary=summary, government_code=government.code):
        record_delete(government)
        for model, related in _BELONGINGS:
            rows = _rows(model, government).select_related(*related)
            record_many(Action.DELETE, rows.iterator(chunk_size=2000))
        _rows(Assignment, government).delete()
        DigitalService.objects.filter(government=government).delete()
        positions = Position.objects.filter(government=government)
        positions.update(reports_to=None)
        positions.delete()
        Person.objects.filter(government=government).delete()
        units = Unit.objects.filter(government=government)
        units.update(parent=None)
        units.delete()
        Vendor.objects.filter(government=government).delete()
        government.delete()  # its memberships and applied templates with it (recorded above)
