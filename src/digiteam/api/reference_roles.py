"""Reference data: the roles of the taxonomy, read by any caller, changed by administrators.

A role's body is a role as the shipped taxonomy file writes it (``taxonomy.schema.RoleIn``): its
categories must exist; a role that positions or templates use cannot be deleted (409) nor become
a group of roles (422).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from digiteam.api.common import (
    CREATE,
    READ,
    WRITE,
    IfMatch,
    PageQuery,
    answers,
    created,
    expected_version,
    page_of,
    patched,
    require_administrator,
    with_etag,
)
from digiteam.api.problems import Problem, field_errors
from digiteam.api.reference import SAME_SLUG, ProvenanceOut, provenance_out, same_slug
from digiteam.core.schema import ProvenanceIn, Slug, Strict
from digiteam.taxonomy.models import Role
from digiteam.taxonomy.schema import RoleIn
from digiteam.taxonomy.services import role_create, role_delete, role_update

router = Router(tags=["reference data"])


class RoleOut(Schema):
    slug: str
    title: str
    title_fr: str
    title_ar: str
    description: str
    description_fr: str
    description_ar: str
    aliases: list[str]
    isco08: str
    esco_occupation: str
    is_group: bool = Field(description="Names a population, never a position.")
    categories: list[str] = Field(description="The slugs of its categories.")
    provenance: ProvenanceOut
    version: int


class RolePage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[RoleOut]


class RoleQuery(PageQuery):
    category: str = Field("", description="A category's slug.")


class RoleBody(RoleIn):
    """A role as the taxonomy file writes it; ``slug`` is the path's."""

    slug: Slug | None = Field(None, description=SAME_SLUG)  # type: ignore[assignment]


class RolePatch(Strict):
    """The fields of a role to change, as the taxonomy file names them."""

    slug: Slug | None = Field(None, description=SAME_SLUG)
    title: str | None = None
    title_fr: str | None = None
    title_ar: str | None = None
    description: str | None = None
    description_fr: str | None = None
    description_ar: str | None = None
    aliases: list[str] | None = None
    categories: list[Slug] | None = None
    isco08: str | None = None
    esco_occupation: str | None = None
    group: bool | None = None
    provenance: ProvenanceIn | None = None


def _role(role: Role) -> dict[str, Any]:
    return {
        "slug": role.slug,
        "title": role.title,
        "title_fr": role.title_fr,
        "title_ar": role.title_ar,
        "description": role.description,
        "description_fr": role.description_fr,
        "description_ar": role.description_ar,
        "aliases": list(role.aliases or []),
        "isco08": role.isco08,
        "esco_occupation": role.esco_occupation,
        "is_group": role.is_group,
        "categories": [c.slug for c in role.categories.all()],
        "provenance": provenance_out(role),
        "version": role.version,
    }


def _as_input(role: Role) -> dict[str, Any]:
    """The stored role as the taxonomy file writes it: what a PATCH changes."""
    out = _role(role)
    del out["is_group"], out["version"]
    return {**out, "group": role.is_group, "isco08": role.isco08 or None}


# --- roles -----------------------------------------------------------------------------------

ROLE = "/roles/{slug}"


def _role_for(slug: str) -> Role:
    role = Role.objects.prefetch_related("categories").filter(slug=slug).first()
    if role is None:
        raise Problem(404, _("No role with this slug."))
    return role


def _saved(response: HttpResponse, role: Role) -> dict[str, Any]:
    with_etag(response, role)
    return _role(_role_for(role.slug))  # its categories as saved


@router.get(
    "/roles", response=answers({200: RolePage}, READ), summary="List roles", url_name="roles"
)
def role_list(request: HttpRequest, query: Query[RoleQuery]) -> dict[str, Any]:
    """The roles of the taxonomy, by slug; ``category`` keeps one category's."""
    roles = Role.objects.prefetch_related("categories").order_by("slug")
    if query.category:
        roles = roles.filter(categories__slug=query.category)
    return page_of(request, roles, query, render=_role)


@router.get(ROLE, response=answers({200: RoleOut}, READ), summary="Get a role", url_name="role")
def role_get(request: HttpRequest, slug: str, response: HttpResponse) -> dict[str, Any]:
    """One role; its ETag is its version."""
    role = _role_for(slug)
    with_etag(response, role)
    return _role(role)


@router.post(
    "/roles",
    response=answers({201: RoleOut}, CREATE),
    summary="Create a role",
    url_name="role-create",
)
def role_post(request: HttpRequest, payload: RoleIn, response: HttpResponse) -> Any:
    """A new role (administrators); its categories must exist."""
    require_administrator(request)
    role = role_create(data=payload)
    return created(request, response, role.slug, _saved(response, role))


@router.put(
    ROLE, response=answers({200: RoleOut}, WRITE), summary="Replace a role", url_name="role-replace"
)
def role_put(
    request: HttpRequest,
    slug: str,
    payload: RoleBody,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> Any:
    """Replace every field of a role but its slug (administrators); ``If-Match`` required."""
    version = expected_version(if_match)
    require_administrator(request)
    role = _role_for(slug)
    data = patched(RoleIn, {"slug": same_slug(payload.slug, slug)}, payload)
    role_update(role=role, data=data, expected_version=version)
    return _saved(response, role)


@router.patch(
    ROLE, response=answers({200: RoleOut}, WRITE), summary="Change a role", url_name="role-change"
)
def role_patch(
    request: HttpRequest,
    slug: str,
    payload: RolePatch,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> Any:
    """Change the fields sent (administrators); ``If-Match`` must name the current version."""
    version = expected_version(if_match)
    require_administrator(request)
    role = _role_for(slug)
    same_slug(payload.slug, slug)
    data = patched(RoleIn, _as_input(role), payload)
    role_update(role=role, data=data, expected_version=version)
    return _saved(response, role)


@router.delete(
    ROLE, response=answers({204: None}, WRITE), summary="Delete a role", url_name="role-delete"
)
def role_remove(request: HttpRequest, slug: str, if_match: IfMatch = None) -> HttpResponse:
    """Delete a role no position, template slot or ratio uses (409 saying which otherwise)."""
    version = expected_version(if_match)
    require_administrator(request)
    role = _role_for(slug)
    try:
        role_delete(role=role, expected_version=version)
    except ValidationError as error:
        detail = _("The role cannot be deleted yet: it is still in use.")
        raise Problem(409, detail, errors=field_errors(error)) from None
    return HttpResponse(status=204)
