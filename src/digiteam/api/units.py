"""Units: the list (``?under=<code>`` for a subtree), one unit; create, change, move, delete.

A scoped editor works inside their subtrees: a new unit's parent and a move's new parent must be
in them, and only an editor of the whole government makes or moves a top unit.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field, field_validator

from digiteam.accounts.permissions import Access
from digiteam.api.common import (
    CREATE,
    READ,
    WRITE,
    IfMatch,
    PageQuery,
    answers,
    created,
    expected_version,
    government_for,
    known_sort,
    page_of,
    patched,
    require_editor,
    with_etag,
)
from digiteam.api.problems import Problem, field_errors, unprocessable
from digiteam.organisation.filters_units import DEFAULT_SORT, SORT_CHOICES, UnitFilter, unit_filter
from digiteam.organisation.models import Government, Unit
from digiteam.organisation.services_units import (
    UnitFields,
    unit_create,
    unit_delete,
    unit_move,
    unit_update,
)

router = Router(tags=["units"])
ONE = "/{gov}/units/{code}"


class UnitOut(Schema):
    code: str
    government: str
    parent: str | None = Field(description="The parent unit's code (null: the top unit).")
    kind: str
    name: str
    name_fr: str
    name_ar: str
    tags: list[str]
    depth: int
    version: int


class UnitPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[UnitOut]


class UnitIn(Schema):
    """A unit's own fields (PUT replaces them all); its place in the tree changes by a move."""

    code: str
    kind: str
    name: str
    name_fr: str = ""
    name_ar: str = ""
    tags: list[str] = Field(default_factory=list)


class UnitCreate(UnitIn):
    parent: str | None = Field(description="The parent unit's code; null for the top unit.")


class UnitPatch(Schema):
    code: str | None = None
    kind: str | None = None
    name: str | None = None
    name_fr: str | None = None
    name_ar: str | None = None
    tags: list[str] | None = None


class UnitMove(Schema):
    parent: str | None = Field(description="The new parent's code; null to make it the top unit.")


class UnitQuery(PageQuery):
    under: str = Field("", description="A unit's code: it and every unit under it.")
    kind: str = ""
    q: str = Field("", description="Words in the code or a name.")
    sort: str = Field(DEFAULT_SORT, description="One of " + ", ".join(SORT_CHOICES) + ".")

    @field_validator("sort")
    @classmethod
    def _known_sort(cls, value: str) -> str:
        return known_sort(value, SORT_CHOICES)


def unit_out(unit: Unit) -> dict[str, Any]:
    return {
        "code": unit.code,
        "government": unit.government.code,
        "parent": unit.parent.code if unit.parent else None,
        "kind": unit.kind,
        "name": unit.name,
        "name_fr": unit.name_fr,
        "name_ar": unit.name_ar,
        "tags": list(unit.tags),
        "depth": unit.depth,
        "version": unit.version,
    }


def _visible(access: Access) -> Any:
    return Unit.objects.filter(access.unit_filter()).select_related("government", "parent")


def unit_for(request: HttpRequest, gov: str, code: str) -> tuple[Unit, Access]:
    """The unit ``code`` if the caller's scope covers it; 404 otherwise."""
    government, access = government_for(request, gov)
    unit = _visible(access).filter(government=government, code=code).first()
    if unit is None:
        raise Problem(404, _("No unit with this code is open to you."))
    return unit, access


def _parent(government: Government, access: Access, code: str | None) -> Unit | None:
    """The parent a caller names: a unit they may edit, or none (the top) for a whole editor."""
    if code is None:
        if not access.whole_government:
            message = _("Only an editor of the whole government places a unit at the top.")
            raise unprocessable([("parent", message)])
        return None
    parent = _visible(access).filter(government=government, code=code).first()
    if parent is None:
        message = _("No unit with this code that you may edit.")
        raise unprocessable([("parent", message)])
    return parent


def _fields(data: UnitIn) -> UnitFields:
    return UnitFields(
        code=data.code,
        kind=data.kind,
        name=data.name,
        name_fr=data.name_fr,
        name_ar=data.name_ar,
        tags=tuple(data.tags),
    )


def _saved(response: HttpResponse, unit: Unit, access: Access) -> dict[str, Any]:
    saved = _visible(access).get(pk=unit.pk)
    with_etag(response, saved)
    return unit_out(saved)


@router.get(
    "/{gov}/units", response=answers({200: UnitPage}, READ), summary="List units", url_name="units"
)
def unit_list(request: HttpRequest, gov: str, query: Query[UnitQuery]) -> dict[str, Any]:
    """The units in your scope, in the tree's order unless sorted otherwise."""
    government, access = government_for(request, gov)
    params = UnitFilter.from_query(
        {"under": query.under, "kind": query.kind, "q": query.q, "sort": query.sort}
    )
    under = Unit.objects.filter(government=government, code=params.under).first()
    found = unit_filter(queryset=_visible(access), params=params, under=under)
    return page_of(request, found, query, render=unit_out)


@router.get(ONE, response=answers({200: UnitOut}, READ), summary="Get a unit", url_name="unit")
def unit_get(request: HttpRequest, gov: str, code: str, response: HttpResponse) -> Any:
    """One unit; its ETag is its version."""
    unit, _access = unit_for(request, gov, code)
    with_etag(response, unit)
    return unit_out(unit)


@router.post(
    "/{gov}/units",
    response=answers({201: UnitOut}, CREATE),
    summary="Create a unit",
    url_name="unit-create",
)
def unit_post(request: HttpRequest, gov: str, payload: UnitCreate, response: HttpResponse) -> Any:
    """A new unit under a unit you may edit."""
    government, access = government_for(request, gov)
    require_editor(access)
    parent = _parent(government, access, payload.parent)
    unit = unit_create(government=government, parent=parent, fields=_fields(payload))
    return created(request, response, unit.code, _saved(response, unit, access))


@router.put(
    ONE, response=answers({200: UnitOut}, WRITE), summary="Replace a unit", url_name="unit-replace"
)
def unit_put(
    request: HttpRequest,
    gov: str,
    code: str,
    payload: UnitIn,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> Any:
    """Replace a unit's fields; ``If-Match`` must name its current version."""
    version = expected_version(if_match)
    unit, access = unit_for(request, gov, code)
    require_editor(access)
    unit_update(unit=unit, fields=_fields(payload), expected_version=version)
    return _saved(response, unit, access)


@router.patch(
    ONE, response=answers({200: UnitOut}, WRITE), summary="Change a unit", url_name="unit-change"
)
def unit_patch(
    request: HttpRequest,
    gov: str,
    code: str,
    payload: UnitPatch,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> Any:
    """Change the fields sent; ``If-Match`` must name the current version."""
    version = expected_version(if_match)
    unit, access = unit_for(request, gov, code)
    require_editor(access)
    stored = {key: value for key, value in unit_out(unit).items() if key in UnitIn.model_fields}
    data = patched(UnitIn, stored, payload)
    unit_update(unit=unit, fields=_fields(data), expected_version=version)
    return _saved(response, unit, access)


@router.post(
    ONE + "/move",
    response=answers({200: UnitOut}, WRITE),
    summary="Move a unit and its subtree",
    url_name="unit-move",
)
def unit_move_post(
    request: HttpRequest,
    gov: str,
    code: str,
    payload: UnitMove,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> Any:
    """Move a unit and everything under it under another parent you may edit."""
    version = expected_version(if_match)
    unit, access = unit_for(request, gov, code)
    require_editor(access)
    parent = _parent(unit.government, access, payload.parent)
    unit_move(unit=unit, new_parent=parent, expected_version=version)
    return _saved(response, unit, access)


@router.delete(
    ONE,
    response=answers({204: None}, WRITE),
    summary="Delete an empty unit",
    url_name="unit-delete",
)
def unit_delete_one(
    request: HttpRequest,
    gov: str,
    code: str,
    if_match: IfMatch = None,
) -> HttpResponse:
    """Delete an empty unit (409 with the reasons otherwise)."""
    version = expected_version(if_match)
    unit, access = unit_for(request, gov, code)
    require_editor(access)
    try:
        unit_delete(unit=unit, expected_version=version)
    except ValidationError as error:
        raise Problem(
            409, _("The unit cannot be deleted yet."), errors=field_errors(error)
        ) from None
    return HttpResponse(status=204)
