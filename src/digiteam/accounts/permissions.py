"""Who may view, edit and see people where: the one permission layer of the pages and the API.

Every answer comes from the user's memberships (``models.Membership``); an active superuser is
an administrator and may do everything. Anonymous and inactive users may do nothing here:
whether visitors who are not signed in see a page is the interface's decision (``guards.py``).

A membership's scope is a list of unit codes; it covers each of those units and every unit
under it, the index range [path, path + "~") of ``organisation.tree``. An empty list means the
whole government; a code that names no unit of the membership's government covers nothing.
Every test and filter also names the government.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeAlias, cast

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q

from digiteam.accounts.models import Membership, MembershipRole
from digiteam.organisation.models import Government, Unit
from digiteam.organisation.tree import END, subtree_filter

User: TypeAlias = AbstractBaseUser | AnonymousUser

ADMINISTRATOR = "administrator"
EDITING_ROLES = frozenset({ADMINISTRATOR, MembershipRole.EDITOR.value})


@dataclass(frozen=True)
class Access:
    """What one user may do in one government."""

    government_id: int
    role: str  # "administrator", "editor" or "viewer"
    whole_government: bool
    units: tuple[Unit, ...]  # the roots of a partial scope that exist (none: nothing)
    see_people: bool

    @property
    def can_edit(self) -> bool:
        return self.role in EDITING_ROLES

    def covers(self, unit: Unit) -> bool:
        """``unit`` is in this government and inside the scope."""
        if unit.government_id != self.government_id:
            return False
        return self.whole_government or any(
            root.path <= unit.path < root.path + END for root in self.units
        )

    def unit_filter(self, prefix: str = "") -> Q:
        """The units inside the scope, as a filter (``prefix`` e.g. "unit__" for positions)."""
        scope = Q(**{f"{prefix}government_id": self.government_id})
        if self.whole_government:
            return scope
        if not self.units:
            return _nothing(prefix)
        inside = Q()
        for root in self.units:
            inside |= Q(**subtree_filter(root.path, prefix=prefix))
        return scope & inside


def _nothing(prefix: str) -> Q:
    return Q(**{f"{prefix}pk__in": []})


def is_administrator(*, user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and getattr(user, "is_superuser", False))


def _signed_in(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _user_id(user: User) -> int:
    return cast(int, user.pk)


def _scope_codes(membership: Membership) -> list[str] | None:
    """The codes of a partial scope; None for the whole government (an empty list, only)."""
    codes = membership.unit_codes
    if codes == []:
        return None
    return [c for c in codes if isinstance(c, str)] if isinstance(codes, list) else []


def _accesses(memberships: Iterable[Membership]) -> dict[int, Access]:
    """Each membership's access, by government id; their scopes' units in one query."""
    memberships = list(memberships)
    scopes = {m.pk: _scope_codes(m) for m in memberships}
    wanted = Q()
    for m in memberships:
        if scopes[m.pk]:
            wanted |= Q(government_id=m.government_id, code__in=scopes[m.pk])
    roots: defaultdict[int, list[Unit]] = defaultdict(list)
    if wanted:
        for unit in Unit.objects.filter(wanted).order_by("path"):
            roots[unit.government_id].append(unit)
    return {
        m.government_id: Access(
            government_id=m.government_id,
            role=m.role,
            whole_government=scopes[m.pk] is None,
            units=tuple(roots[m.government_id]),
            see_people=m.can_see_personal_data,
        )
        for m in memberships
    }


def _administrator(government_id: int) -> Access:
    return Access(
        government_id=government_id,
        role=ADMINISTRATOR,
        whole_government=True,
        units=(),
        see_people=True,
    )


def access_get(*, user: User, government_id: int) -> Access | None:
    """The user's access to one government (None: none at all), in at most two queries."""
    if not _signed_in(user):
        return None
    if is_administrator(user=user):
        return _administrator(government_id)
    memberships = Membership.objects.filter(user_id=_user_id(user), government_id=government_id)
    return _accesses(memberships).get(government_id)


def access_list(*, user: User) -> dict[int, Access]:
    """The user's access to every government they may enter, by government id."""
    if not _signed_in(user):
        return {}
    if is_administrator(user=user):
        return {pk: _administrator(pk) for pk in Government.objects.values_list("pk", flat=True)}
    return _accesses(Membership.objects.filter(user_id=_user_id(user)))


# --- questions -------------------------------------------------------------------------------


def can_enter_government(*, user: User, government: Government) -> bool:
    """Any access at all: the whole government or some of its units."""
    return access_get(user=user, government_id=government.pk) is not None


def can_view_government(*, user: User, government: Government) -> bool:
    """Read all of it: government-wide pages (the tree, checks, dashboard) ask this."""
    access = access_get(user=user, government_id=government.pk)
    return access is not None and access.whole_government


def can_edit_government(*, user: User, government: Government) -> bool:
    """Change all of it, e.g. size it from a template."""
    access = access_get(user=user, government_id=government.pk)
    return access is not None and access.whole_government and access.can_edit


def can_view_unit(*, user: User, unit: Unit) -> bool:
    access = access_get(user=user, government_id=unit.government_id)
    return access is not None and access.covers(unit)


def can_edit_unit(*, user: User, unit: Unit) -> bool:
    access = access_get(user=user, government_id=unit.government_id)
    return access is not None and access.can_edit and access.covers(unit)


def can_see_people(*, user: User, government: Government) -> bool:
    """Names and emails of the government's staff."""
    access = access_get(user=user, government_id=government.pk)
    return access is not None and access.see_people


# --- filters for querysets -------------------------------------------------------------------


def viewable_units(*, user: User, government: Government, prefix: str = "") -> Q:
    """The government's units the user may view: ``Unit.objects.filter(viewable_units(...))``.

    With ``prefix`` ("unit__") it filters what belongs to units, such as positions.
    """
    access = access_get(user=user, government_id=government.pk)
    return _nothing(prefix) if access is None else access.unit_filter(prefix)


def editable_units(*, user: User, government: Government, prefix: str = "") -> Q:
    """The government's units the user may edit, as ``viewable_units``."""
    access = access_get(user=user, government_id=government.pk)
    if access is None or not access.can_edit:
        return _nothing(prefix)
    return access.unit_filter(prefix)


def visible_governments(*, user: User) -> Q:
    """The governments the user may enter, as a filter of ``Government`` rows."""
    if is_administrator(user=user):
        return Q()
    if not _signed_in(user):
        return _nothing("")
    return Q(pk__in=Membership.objects.filter(user_id=_user_id(user)).values("government_id"))
