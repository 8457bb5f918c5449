"""Writes to accounts: granting a membership, with the checks the database cannot make."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from digiteam.accounts.models import Membership, MembershipRole
from digiteam.organisation.models import Government, Unit


def membership_scope_errors(*, government: Government, codes: Iterable[str]) -> list[str]:
    """A message for each code that names no unit of ``government`` (a scope stays inside it)."""
    codes = list(codes)
    known = set(
        Unit.objects.filter(government=government, code__in=codes).values_list("code", flat=True)
    )
    return [
        _("“%(code)s” is not the code of a unit of %(government)s.")
        % {"code": code, "government": government}
        for code in codes
        if code not in known
    ]


@transaction.atomic
def membership_grant(
    *,
    user: AbstractBaseUser,
    government: Government,
    role: str = MembershipRole.VIEWER,
    units: Iterable[Unit] = (),
    can_see_personal_data: bool = False,
) -> Membership:
    """Give ``user`` a role in ``government``, over ``units`` (none: the whole government).

    Replaces the user's membership in that government, if any. The scope is kept as the units'
    codes (see ``models``); a unit of another government is refused.
    """
    units = list(units)
    foreign = [
        _("“%(unit)s” is not a unit of %(government)s.") % {"unit": u, "government": government}
        for u in units
        if u.government_id != government.pk
    ]
    if foreign:
        raise ValidationError({"unit_codes": foreign})
    membership = Membership.objects.filter(user_id=user.pk, government=government).first()
    if membership is None:
        membership = Membership(user_id=user.pk, government=government)
    membership.role = role
    membership.can_see_personal_data = can_see_personal_data
    membership.unit_codes = [u.code for u in units]
    membership.full_clean()
    membership.save()
    return membership
