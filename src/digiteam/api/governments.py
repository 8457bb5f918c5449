"""Governments: the list the caller may enter, one of them, and their creation and changes.

An administrator creates and deletes a government; an editor of the whole government (or an
administrator) changes its names, country, currency, languages and kinds of unit.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import Field

from digiteam.accounts.permissions import visible_governments
from digiteam.api.auth import caller
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
    page_of,
    patched,
    require_administrator,
    with_etag,
)
from digiteam.api.vendors import require_whole_editor
from digiteam.organisation.models import Government
from digiteam.organisation.services_governments import (
    GovernmentFields,
    government_create,
    government_delete,
    government_update,
)

router = Router(tags=["governments"])


class GovernmentOut(Schema):
    code: str
    name: str
    name_fr: str
    name_ar: str
    country: str
    currency: str
    languages: list[str]
    unit_kinds: list[str]
    illustrative: bool
    version: int


class GovernmentPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[GovernmentOut]


@router.get(
    "",
    response=answers({200: GovernmentPage}, READ),
    summary="List governments",
    url_name="governments",
)
def government_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    """The governments open to you, by name."""
    found = Government.objects.filter(visible_governments(user=caller(request).user))
    return page_of(request, found.order_by("name", "code"), page)


@router.get(
    "/{gov}",
    response=answers({200: GovernmentOut}, READ),
    summary="Get a government",
    url_name="government",
)
def government_get(request: HttpRequest, gov: str, response: HttpResponse) -> Government:
    """One government; its ETag is its version."""
    government, _access = government_for(request, gov)
    with_etag(response, government)
    return government


# --- writing ---------------------------------------------------------------------------------


class GovernmentIn(Schema):
    """A whole government (PUT replaces every field; one left out takes its default)."""

    name: str
    name_fr: str = ""
    name_ar: str = ""
    country: str = Field("", description='ISO 3166 code, "DJ".')
    currency: str = Field("USD", description='ISO 4217 code, "DJF".')
    languages: list[str] = Field(default_factory=list, description='Language codes, "fr".')
    unit_kinds: list[str] = Field(default_factory=list, description="Kinds of unit of its own.")


class GovernmentCreate(GovernmentIn):
    code: str = Field(description='The code that names it in every path, "djibouti".')


class GovernmentPatch(Schema):
    name: str | None = None
    name_fr: str | None = None
    name_ar: str | None = None
    country: str | None = None
    currency: str | None = None
    languages: list[str] | None = None
    unit_kinds: list[str] | None = None


def _government_fields(data: GovernmentIn) -> GovernmentFields:
    return GovernmentFields(
        name=data.name,
        name_fr=data.name_fr,
        name_ar=data.name_ar,
        country=data.country,
        currency=data.currency,
        languages=tuple(data.languages),
        unit_kinds=tuple(data.unit_kinds),
    )


def _as_input(government: Government) -> dict[str, Any]:
    return {
        "name": government.name,
        "name_fr": government.name_fr,
        "name_ar": government.name_ar,
        "country": government.country,
        "currency": government.currency,
        "languages": list(government.languages),
        "unit_kinds": list(government.unit_kinds),
    }


ONE = "/{gov}"


@router.post(
    "",
    response=answers({201: GovernmentOut}, CREATE),
    summary="Create a government",
    url_name="government-create",
)
def government_post(request: HttpRequest, payload: GovernmentCreate, response: HttpResponse) -> Any:
    """A new government and its top unit, "gov" (administrators only)."""
    require_administrator(request)
    government = government_create(code=payload.code, fields=_government_fields(payload))
    with_etag(response, government)
    return created(request, response, government.code, government)


@router.put(
    ONE,
    response=answers({200: GovernmentOut}, WRITE),
    summary="Replace a government",
    url_name="government-replace",
)
def government_put(
    request: HttpRequest,
    gov: str,
    payload: GovernmentIn,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> Any:
    """Replace a government's fields (an editor of the whole of it); its code stays."""
    version = expected_version(if_match)
    government, access = government_for(request, gov)
    require_whole_editor(access)
    fields = _government_fields(payload)
    government_update(government=government, fields=fields, expected_version=version)
    with_etag(response, government)
    return government


@router.patch(
    ONE,
    response=answers({200: GovernmentOut}, WRITE),
    summary="Change a government",
    url_name="government-change",
)
def government_patch(
    request: HttpRequest,
    gov: str,
    payload: GovernmentPatch,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> Any:
    """Change the fields sent; ``If-Match`` must name the current version."""
    version = expected_version(if_match)
    government, access = government_for(request, gov)
    require_whole_editor(access)
    data = patched(GovernmentIn, _as_input(government), payload)
    government_update(
        government=government, fields=_government_fields(data), expected_version=version
    )
    with_etag(response, government)
    return government


@router.delete(
    ONE,
    response=answers({204: None}, WRITE),
    summary="Delete a government",
    url_name="government-delete",
)
def government_remove(
    request: HttpRequest,
    gov: str,
    if_match: IfMatch = None,
) -> HttpResponse:
    """Delete a government and everything in it (administrators only); recorded in the audit."""
    version = expected_version(if_match)
    government, _access = government_for(request, gov)
    require_administrator(request)
    government_delete(government=government, expected_version=version)
    return HttpResponse(status=204)
