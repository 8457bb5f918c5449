"""Vendors: the government's suppliers, which positions are sourced from and people work for.

A vendor is government-wide: every member reads them; only an editor of the whole government
adds, renames or deletes one (403 for a scoped editor). A vendor still in use is a 409.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
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
from digiteam.api.problems import Problem, field_errors
from digiteam.organisation.filters_catalogue import (
    DEFAULT_SORT,
    VendorFilter,
    vendor_filter,
)
from digiteam.organisation.filters_catalogue import VENDOR_SORT_CHOICES as SORT_CHOICES
from digiteam.organisation.models import Government, Vendor
from digiteam.organisation.services_catalogue import vendor_create, vendor_delete, vendor_update

router = Router(tags=["vendors"])


class VendorOut(Schema):
    code: str
    government: str
    name: str
    version: int


class VendorPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[VendorOut]


class VendorIn(Schema):
    name: str
    code: str | None = Field(None, description="A new code; left out: unchanged.")


class VendorCreate(VendorIn):
    code: str | None = Field(None, description='Left out: made from the name, "acme-1".')


class VendorPatch(Schema):
    name: str | None = None
    code: str | None = None


class VendorQuery(PageQuery):
    q: str = Field("", description="Words in the name or code.")
    sort: str = Field(DEFAULT_SORT, description="One of " + ", ".join(SORT_CHOICES) + ".")

    @field_validator("sort")
    @classmethod
    def _known_sort(cls, value: str) -> str:
        return known_sort(value, SORT_CHOICES)


def vendor_out(vendor: Vendor) -> dict[str, Any]:
    return {
        "code": vendor.code,
        "government": vendor.government.code,
        "name": vendor.name,
        "version": vendor.version,
    }


def _vendors(government: Government) -> QuerySet[Vendor]:
    return Vendor.objects.filter(government=government).select_related("government")


def vendor_for(request: HttpRequest, gov: str, code: str) -> tuple[Vendor, Access]:
    government, access = government_for(request, gov)
    vendor = _vendors(government).filter(code=code).first()
    if vendor is None:
        raise Problem(404, _("No vendor with this code in this government."))
    return vendor, access


def require_whole_editor(access: Access) -> None:
    """Vendors are the whole government's: an editor of a part of it may not change them."""
    require_editor(access)
    if not access.whole_government:
        raise Problem(403, _("Only an editor of the whole government may change this."))


def _saved(response: HttpResponse, vendor: Vendor) -> dict[str, Any]:
    with_etag(response, vendor)
    return vendor_out(vendor)


ONE = "/{gov}/vendors/{code}"


@router.get(
    "/{gov}/vendors",
    response=answers({200: VendorPage}, READ),
    summary="List vendors",
    url_name="vendors",
)
def vendor_list(request: HttpRequest, gov: str, query: Query[VendorQuery]) -> dict[str, Any]:
    """The government's vendors, sorted."""
    government, _access = government_for(request, gov)
    params = VendorFilter.from_query({"q": query.q, "sort": query.sort})
    found = vendor_filter(queryset=_vendors(government), params=params)
    return page_of(request, found, query, render=vendor_out)


@router.get(
    ONE, response=answers({200: VendorOut}, READ), summary="Get a vendor", url_name="vendor"
)
def vendor_get(request: HttpRequest, gov: str, code: str, response: HttpResponse) -> Any:
    """One vendor; its ETag is its version."""
    vendor, _access = vendor_for(request, gov, code)
    return _saved(response, vendor)


@router.post(
    "/{gov}/vendors",
    response=answers({201: VendorOut}, CREATE),
    summary="Create a vendor",
    url_name="vendor-create",
)
def vendor_post(
    request: HttpRequest, gov: str, payload: VendorCreate, response: HttpResponse
) -> Any:
    """A new vendor (an editor of the whole government)."""
    government, access = government_for(request, gov)
    require_whole_editor(access)
    vendor = vendor_create(government=government, name=payload.name, code=payload.code or None)
    return created(request, response, vendor.code, _saved(response, vendor))


@router.put(
    ONE,
    response=answers({200: VendorOut}, WRITE),
    summary="Replace a vendor",
    url_name="vendor-replace",
)
def vendor_put(
    request: HttpRequest,
    gov: str,
    code: str,
    payload: VendorIn,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> Any:
    """Rename (and recode) a vendor; ``If-Match`` must name its current version."""
    version = expected_version(if_match)
    vendor, access = vendor_for(request, gov, code)
    require_whole_editor(access)
    vendor_update(vendor=vendor, name=payload.name, code=payload.code, expected_version=version)
    return _saved(response, vendor)


@router.patch(
    ONE,
    response=answers({200: VendorOut}, WRITE),
    summary="Change a vendor",
    url_name="vendor-change",
)
def vendor_patch(
    request: HttpRequest,
    gov: str,
    code: str,
    payload: VendorPatch,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> Any:
    """Change the fields sent; ``If-Match`` must name the current version."""
    version = expected_version(if_match)
    vendor, access = vendor_for(request, gov, code)
    require_whole_editor(access)
    data = patched(VendorIn, {"name": vendor.name}, payload)
    vendor_update(vendor=vendor, name=data.name, code=data.code, expected_version=version)
    return _saved(response, vendor)


@router.delete(
    ONE, response=answers({204: None}, WRITE), summary="Delete a vendor", url_name="vendor-delete"
)
def vendor_remove(
    request: HttpRequest,
    gov: str,
    code: str,
    if_match: IfMatch = None,
) -> HttpResponse:
    """Delete a vendor no position is sourced from and nobody works for (409 otherwise)."""
    version = expected_version(if_match)
    vendor, access = vendor_for(request, gov, code)
    require_whole_editor(access)
    try:
        vendor_delete(vendor=vendor, expected_version=version)
    except ValidationError as error:
        detail = _("The vendor cannot be deleted yet: it is still in use.")
        raise Problem(409, detail, errors=field_errors(error)) from None
    return HttpResponse(status=204)
