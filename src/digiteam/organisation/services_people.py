"""Writes on people: create, edit, delete.

A person's ``code`` is given once, or made from the name ("amina-haroun-1"); an employer is a
vendor of the same government (none: the government employs them). Errors are
``ValidationError`` keyed by field; every write is in the audit trail.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digiteam.audit.choices import Action
from digiteam.audit.record import record_create, record_delete, record_many, record_update, snapshot
from digiteam.core.versioning import bump, locked
from digiteam.organisation.models import Government, Person, Vendor
from digiteam.organisation.validation import code_new, validate


@dataclass(frozen=True)
class PersonFields:
    """What a person editing someone's record sets."""

    name: str
    email: str = ""
    employer: Vendor | None = None


def person_code_new(*, government: Government, name: str) -> str:
    """A free code for a new person: "amina-haroun-1"."""
    return code_new(Person.objects.filter(government=government), name, "person")


def _apply(person: Person, fields: PersonFields) -> dict[str, list[str]]:
    person.name = fields.name.strip()
    person.email = fields.email.strip()
    person.employer = fields.employer
    errors: dict[str, list[str]] = {}
    if fields.employer is not None and fields.employer.government_id != person.government_id:
        errors["employer"] = [_("This vendor belongs to another government.")]
    return errors


@transaction.atomic
def person_create(
    *, government: Government, fields: PersonFields, code: str | None = None
) -> Person:
    person = Person(government=government)
    errors = _apply(person, fields)
    person.code = (code or "").strip() or person_code_new(government=government, name=person.name)
    validate(person, errors)
    person.save()
    record_create(person)
    return person


@transaction.atomic
def person_update(
    *,
    person: Person,
    fields: PersonFields,
    code: str | None = None,
    expected_version: int | None = None,
) -> Person:
    """Save ``fields`` (and a new ``code`` if given); refuse a stale ``expected_version``."""
    before = snapshot(Person.objects.get(pk=person.pk))
    bump(person, expected_version)
    errors = _apply(person, fields)
    if code is not None:
        person.code = code.strip()
    validate(person, errors)
    person.save()
    record_update(person, before)
    return person


@transaction.atomic
def person_delete(
    *,
    person: Person,
    today: datetime.date | None = None,
    expected_version: int | None = None,
) -> None:
    """Remove someone who holds no position now or later; their past assignments go too."""
    today = today or timezone.localdate()
    person = locked(person, expected_version)
    assignments = person.assignments.select_related("person", "position__role")
    errors: list[str] = []
    current = assignments.filter(Q(start__lte=today) & (Q(end__isnull=True) | Q(end__gte=today)))
    holding = current.count()
    if holding:
        errors.append(
            ngettext(
                "This person holds %(count)s position: end the assignment first.",
                "This person holds %(count)s positions: end the assignments first.",
                holding,
            )
            % {"count": holding}
        )
    upcoming = assignments.filter(start__gt=today).count()
    if upcoming:
        errors.append(
            ngettext(
                "This person starts %(count)s assignment later: remove it first.",
                "This person starts %(count)s assignments later: remove them first.",
                upcoming,
            )
            % {"count": upcoming}
        )
    if errors:
        raise ValidationError({NON_FIELD_ERRORS: errors})
    past = list(assignments)
    record_many(Action.DELETE, past)
    record_delete(person)
    person.delete()  # the past assignments with it
