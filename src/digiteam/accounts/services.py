"""Writes to accounts: granting a membership, with the checks the database cannot make; making,
using and revoking personal API tokens."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from digiteam.accounts.models import ApiToken, Membership, MembershipRole
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


# --- personal API tokens ---------------------------------------------------------------------

TOKEN_MARK = "dgt_"  # every token starts with it, so a leaked one is easy to recognise
TOKEN_BYTES = 32
PREFIX_LENGTH = len(TOKEN_MARK) + 8
LAST_USE_EVERY = datetime.timedelta(minutes=1)  # last use is written at most this often
MAX_LIFETIME = datetime.timedelta(days=366)


def api_token_hash(secret: str) -> str:
    """The hex SHA-256 of a token's secret, as stored (docs/api.md: why not a password hash)."""
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
@sensitive_variables("secret")  # kept out of error reports
def api_token_create(
    *,
    user: AbstractBaseUser,
    name: str,
    expires: datetime.datetime,
    read_write: bool = False,
    now: datetime.datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new token of ``user`` and its secret, which is not kept: the caller shows it once."""
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    name = name.strip()
    if not name:
        errors["name"] = [_("Give the token a name, to recognise it later.")]
    if expires <= now:
        errors["expires"] = [_("The expiry must be in the future.")]
    elif expires > now + MAX_LIFETIME:
        errors["expires"] = [_("A token lasts at most a year.")]
    if errors:
        raise ValidationError(errors)
    secret = TOKEN_MARK + secrets.token_urlsafe(TOKEN_BYTES)
    token = ApiToken(
        user_id=user.pk,
        name=name,
        prefix=secret[:PREFIX_LENGTH],
        secret_hash=api_token_hash(secret),
        read_write=read_write,
        created=now,
        expires=expires,
    )
    token.full_clean()
    token.save()
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken, now: datetime.datetime | None = None) -> ApiToken:
    """Stop ``token`` working from now on (revoking twice keeps the first time)."""
    if token.revoked_at is None:
        token.revoked_at = now or timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


@sensitive_variables("secret")
def api_token_use(*, secret: str, now: datetime.datetime | None = None) -> ApiToken | None:
    """The active token whose secret this is, its use recorded; None if unknown or ended.

    The last use is written at most once a minute per token, not on every request.
    """
    if not secret.startswith(TOKEN_MARK):
        return None
    now = now or timezone.now()
    token = (
        ApiToken.objects.select_related("user").filter(secret_hash=api_token_hash(secret)).first()
    )
    if token is None or not token.is_active(now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
