"""Guards for pages (and later API endpoints): refuse, or say what the caller may see.

Signing in is enforced by Django's ``LoginRequiredMiddleware`` (``LOGIN_REQUIRED``, in
``settings.MIDDLEWARE`` right after ``AuthenticationMiddleware``): every view needs a signed-in
user unless it is marked ``login_not_required``. The guards do not rely on it: a visitor who is
not signed in has no access (404), so a page stays closed even if the middleware were removed.

``require_view`` and ``require_edit`` answer 404 when the user has no access to the government
at all (so its contents are not revealed), and 403 when the government is theirs but the page is
outside their scope or needs a right they lack.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext

from digiteam.accounts.permissions import Access, User, access_get, access_list
from digiteam.organisation.models import Government, Person, Unit

LOGIN_REQUIRED = "django.contrib.auth.middleware.LoginRequiredMiddleware"
AFTER = "django.contrib.auth.middleware.AuthenticationMiddleware"


def login_enforced() -> bool:
    return LOGIN_REQUIRED in settings.MIDDLEWARE


def with_login_required(middleware: Sequence[str]) -> list[str]:
    """``middleware`` with ``LOGIN_REQUIRED`` right after ``AuthenticationMiddleware``."""
    out = [m for m in middleware if m != LOGIN_REQUIRED]
    out.insert(out.index(AFTER) + 1, LOGIN_REQUIRED)
    return out


@dataclass(frozen=True)
class PageAccess:
    """What a page may show and offer to the user it was allowed for."""

    see_people: bool
    can_edit: bool


def _access(user: User, government_id: int) -> Access:
    access = access_get(user=user, government_id=government_id)
    if access is None:
        raise Http404
    return access


def require_view(user: User, target: Government | Unit) -> PageAccess:
    """A government-wide page needs the whole government; a unit's page, a scope over it."""
    if isinstance(target, Government):
        access = _access(user, target.pk)
        allowed = access.whole_government
    else:
        access = _access(user, target.government_id)
        allowed = access.covers(target)
    if not allowed:
        raise PermissionDenied
    return PageAccess(see_people=access.see_people, can_edit=access.can_edit)


def require_edit(user: User, unit: Unit) -> PageAccess:
    if not user.is_authenticated:
        raise PermissionDenied
    page = require_view(user, unit)
    if not page.can_edit:
        raise PermissionDenied
    return page


def government_access(user: User) -> dict[int, Access]:
    """The governments a list may show the user, by id (none to a visitor not signed in)."""
    return access_list(user=user)


def person_label(*, person: Person, see_people: bool) -> str:
    """A person's name, or "Held" for whoever may not see personal data."""
    return person.name if see_people else gettext("Held")
