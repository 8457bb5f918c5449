"""Governments: read only here (the list the caller may enter, and one of them)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from digiteam.accounts.permissions import visible_governments
from digiteam.api.auth import caller
from digiteam.api.common import READ, PageQuery, answers, government_for, page_of, with_etag
from digiteam.organisation.models import Government

router = Router(tags=["governments"])


class GovernmentOut(Schema):
    code: str
    name: str
    name_fr: str
    name_ar: str
    country: str
    currency: str
    languages: list[str]
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
