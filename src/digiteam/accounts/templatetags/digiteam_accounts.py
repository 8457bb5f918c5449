"""Filters that keep personal data and other governments' units off the pages."""

from __future__ import annotations

import datetime

from django import template

from digiteam.accounts.guards import PageAccess, person_label
from digiteam.accounts.permissions import Access
from digiteam.organisation.models import Government, Person, Unit

register = template.Library()


@register.filter
def person_name(person: Person, access: PageAccess | None) -> str:
    """``{{ person|person_name:access }}``: the name, or "Held" without the right to see it.

    A page that passes no ``access`` shows no names.
    """
    return person_label(person=person, see_people=access is not None and access.see_people)


@register.filter
def scope_units(
    accesses: dict[int, Access] | None, government: Government
) -> tuple[Unit, ...] | None:
    """The units a user's access to ``government`` is limited to; None for the whole of it."""
    access = accesses.get(government.pk) if accesses else None
    if access is None or access.whole_government:
        return None
    return access.units


@register.filter
def minutes(duration: datetime.timedelta | None) -> int:
    """A duration in whole minutes, rounded up."""
    if duration is None:
        return 0
    return -(-int(duration.total_seconds()) // 60)
