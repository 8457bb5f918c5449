"""Reference data: the categories of roles and the proficiency scales, and what the reference
resources share (roles: ``reference_roles.py``; templates: ``reference_templates.py``).

Any signed-in caller or token reads reference data; only an administrator changes it, as it is
shared by every government (403 for anyone else). A body is the object as the shipped files
write it (``taxonomy/schema.py``, ``compositions/schema.py``); its slug is the path's and never
changes. A later ``digiteam load-reference`` sets the shipped objects back to the files' values
(docs/reference-data.md).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from digiteam.api.common import (
    READ,
    WRITE,
    IfMatch,
    answers,
    created,
    expected_version,
    patched,
    require_administrator,
    with_etag,
)
from digiteam.api.problems import Problem, field_errors, unprocessable
from digiteam.core.schema import Slug
from digiteam.taxonomy.models import ProficiencyScale, RoleCategory
from digiteam.taxonomy.schema import CategoryIn
from digiteam.taxonomy.services import category_create, category_delete, category_update

router = Router(tags=["reference data"])


# --- schemas ---------------------------------------------------------------------------------


class ProvenanceOut(Schema):
    source: str
    anchor: str
    note: str


class CategoryOut(Schema):
    slug: str
    name: str
    name_fr: str
    name_ar: str
    description: str
    description_fr: str
    provenance: ProvenanceOut
    version: int


SAME_SLUG = "Left out: the path's; another is a 422 (a slug never changes)."


class CategoryBody(CategoryIn):
    """A category as the taxonomy file writes it; ``slug`` is the path's."""

    slug: Slug | None = Field(None, description=SAME_SLUG)  # type: ignore[assignment]


class LevelOut(Schema):
    rank: int
    slug: str
    name: str
    description: str


class ScaleOut(Schema):
    slug: str
    name: str
    description: str
    levels: list[LevelOut]


# --- shared ----------------------------------------------------------------------------------


def provenance_out(obj: Any) -> dict[str, str]:
    return {
        "source": obj.provenance_source,
        "anchor": obj.provenance_anchor,
        "note": obj.provenance_note,
    }


def _category(category: RoleCategory) -> dict[str, Any]:
    return {
        "slug": category.slug,
        "name": category.name,
        "name_fr": category.name_fr,
        "name_ar": category.name_ar,
        "description": category.description,
        "description_fr": category.description_fr,
        "provenance": provenance_out(category),
        "version": category.version,
    }


def same_slug(sent: str | None, path: str) -> str:
    """The slug of a PUT or PATCH: the path's; 422 if the body names another."""
    if sent is not None and sent != path:
        raise unprocessable([("slug", _("A slug never changes: send the path's, or none."))])
    return path


def put_version(*, exists: bool, if_match: str | None) -> int | None:
    """The version a create-or-replace PUT expects: the ``If-Match`` of a replace (428 or 400
    as for any write); None for a create, which takes no ``If-Match`` (412: it names a version
    of an object that is not there)."""
    if exists:
        return expected_version(if_match)
    if if_match:
        detail = _("Nothing has this slug (any more): send no If-Match to create it.")
        raise Problem(412, detail)
    return None


# --- categories and scales -------------------------------------------------------------------

CATEGORY = "/role-categories/{slug}"


def _category_for(slug: str) -> RoleCategory:
    category = RoleCategory.objects.filter(slug=slug).first()
    if category is None:
        raise Problem(404, _("No role category with this slug."))
    return category


@router.get(
    "/role-categories",
    response=answers({200: list[CategoryOut]}, READ),
    summary="List role categories",
    url_name="role-categories",
)
def category_list(request: HttpRequest) -> Any:
    """Every category of roles, in the taxonomy's order."""
    return [_category(c) for c in RoleCategory.objects.order_by("position", "slug")]


@router.get(
    CATEGORY,
    response=answers({200: CategoryOut}, READ),
    summary="Get a role category",
    url_name="role-category",
)
def category_get(request: HttpRequest, slug: str, response: HttpResponse) -> Any:
    """One category of roles; its ETag is its version."""
    category = _category_for(slug)
    with_etag(response, category)
    return _category(category)


@router.put(
    CATEGORY,
    response=answers({200: CategoryOut, 201: CategoryOut}, WRITE),
    summary="Create or replace a role category",
    url_name="role-category-replace",
)
def category_put(
    request: HttpRequest,
    slug: str,
    payload: CategoryBody,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> Any:
    """Create the category (201, no ``If-Match``) or replace it (200, ``If-Match`` required),
    administrators only. A new category comes after the others."""
    require_administrator(request)
    data = patched(CategoryIn, {"slug": same_slug(payload.slug, slug)}, payload)
    category = RoleCategory.objects.filter(slug=slug).first()
    version = put_version(exists=category is not None, if_match=if_match)
    if category is None:
        category = category_create(data=data)
        with_etag(response, category)
        return created(request, response, None, _category(category))
    category_update(category=category, data=data, expected_version=version)
    with_etag(response, category)
    return _category(category)


@router.delete(
    CATEGORY,
    response=answers({204: None}, WRITE),
    summary="Delete a role category",
    url_name="role-category-delete",
)
def category_remove(request: HttpRequest, slug: str, if_match: IfMatch = None) -> HttpResponse:
    """Delete a category no role is in (409 otherwise), administrators only."""
    version = expected_version(if_match)
    require_administrator(request)
    category = _category_for(slug)
    try:
        category_delete(category=category, expected_version=version)
    except ValidationError as error:
        detail = _("The category cannot be deleted yet: roles are in it.")
        raise Problem(409, detail, errors=field_errors(error)) from None
    return HttpResponse(status=204)


@router.get(
    "/scales",
    response=answers({200: list[ScaleOut]}, READ),
    summary="List proficiency scales",
    url_name="scales",
)
def scale_list(request: HttpRequest) -> Any:
    """The proficiency scales and their levels, lowest first."""
    return [
        {
            "slug": s.slug,
            "name": s.name,
            "description": s.description,
            "levels": [
                {"rank": lv.rank, "slug": lv.slug, "name": lv.name, "description": lv.description}
                for lv in sorted(s.levels.all(), key=lambda lv: lv.rank)
            ],
        }
        for s in ProficiencyScale.objects.prefetch_related("levels").order_by("slug")
    ]
