"""Digital services: the catalogue, each service scoped by the unit that owns it.

A member reads the services whose owner is in their scope; one outside it is a 404. An editor
adds, changes and deletes the services their scope owns, and may only give a service an owner
inside it (422 on ``owner``). The team that delivers it may be any unit of the government.
"""

from __future__ import annotations

from typing import Any

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
from digiteam.api.problems import Problem, unprocessable
from digiteam.organisation.filters_catalogue import (
    DEFAULT_SORT,
    ServiceFilter,
    service_filter,
)
from digiteam.organisation.filters_catalogue import SERVICE_SORT_CHOICES as SORT_CHOICES
from digiteam.organisation.models import DigitalService, Government, Unit
from digiteam.organisation.services_catalogue import (
    DigitalServiceFields,
    digital_service_create,
    digital_service_delete,
    digital_service_update,
)

router = Router(tags=["digital services"])


class ServiceOut(Schema):
    code: str
    government: str
    name: str
    name_fr: str
    name_ar: str
    owner: str = Field(description="The code of the unit that owns it.")
    team: str | None = Field(description="The code of the unit that delivers it.")
    personal_data: bool
    area: str = Field(description='A governance area, or "".')
    version: int


class ServicePage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[ServiceOut]


class ServiceIn(Schema):
    """A whole service (PUT replaces every field; one left out takes its default)."""

    name: str
    owner: str = Field(description="The code of a unit you may edit.")
    name_fr: str = ""
    name_ar: str = ""
    team: str | None = Field(None, description="The code of a unit of this government.")
    personal_data: bool = False
    area: str = ""
    code: str | None = Field(None, description="A new code; left out: unchanged.")


class ServiceCreate(ServiceIn):
    code: str | None = Field(None, description='Left out: made from the name, "tax-portal".')


class ServicePatch(Schema):
    name: str | None = None
    owner: str | None = None
    name_fr: str | None = None
    name_ar: str | None = None
    team: str | None = None
    personal_data: bool | None = None
    area: str | None = None
    code: str | None = None


class ServiceQuery(PageQuery):
    owner: str = Field("", description="A unit's code: the services owned in its subtree.")
    area: str = Field("", description="A governance area.")
    q: str = Field("", description="Words in the name or code.")
    sort: str = Field(DEFAULT_SORT, description="One of " + ", ".join(SORT_CHOICES) + ".")

    @field_validator("sort")
    @classmethod
    def _known_sort(cls, value: str) -> str:
        return known_sort(value, SORT_CHOICES)


def _visible(access: Access) -> QuerySet[DigitalService]:
    return DigitalService.objects.filter(access.unit_filter("owner__")).select_related(
        "government", "owner", "team"
    )


def service_out(service: DigitalService) -> dict[str, Any]:
    return {
        "code": service.code,
        "government": service.government.code,
        "name": service.name,
        "name_fr": service.name_fr,
        "name_ar": service.name_ar,
        "owner": service.owner.code,
        "team": service.team.code if service.team else None,
        "personal_data": service.personal_data,
        "area": service.area,
        "version": service.version,
    }


def service_for(request: HttpRequest, gov: str, code: str) -> tuple[DigitalService, Access]:
    """The service ``code`` if the caller's scope covers its owner; 404 otherwise."""
    government, access = government_for(request, gov)
    service = _visible(access).filter(government=government, code=code).first()
    if service is None:
        raise Problem(404, _("No digital service with this code is open to you."))
    return service, access


def _fields(government: Government, access: Access, data: ServiceIn) -> DigitalServiceFields:
    errors: list[tuple[str, str]] = []
    owner = Unit.objects.filter(access.unit_filter(), code=data.owner).first()
    if owner is None:
        errors.append(("owner", _("No unit with this code that you may edit.")))
    team = None
    if data.team:
        team = Unit.objects.filter(government=government, code=data.team).first()
        if team is None:
            errors.append(("team", _("No unit with this code in this government.")))
    if errors or owner is None:
        raise unprocessable(errors)
    return DigitalServiceFields(
        name=data.name,
        owner=owner,
        name_fr=data.name_fr,
        name_ar=data.name_ar,
        team=team,
        personal_data=data.personal_data,
        area=data.area,
    )


def _as_input(service: DigitalService) -> dict[str, Any]:
    return {
        "name": service.name,
        "owner": service.owner.code,
        "name_fr": service.name_fr,
        "name_ar": service.name_ar,
        "team": service.team.code if service.team else None,
        "personal_data": service.personal_data,
        "area": service.area,
    }


def _saved(response: HttpResponse, service: DigitalService) -> dict[str, Any]:
    with_etag(response, service)
    return service_out(service)


ONE = "/{gov}/services/{code}"


@router.get(
    "/{gov}/services",
    response=answers({200: ServicePage}, READ),
    summary="List digital services",
    url_name="services",
)
def service_list(request: HttpRequest, gov: str, query: Query[ServiceQuery]) -> dict[str, Any]:
    """The digital services owned in your scope, filtered and sorted."""
    government, access = government_for(request, gov)
    params = ServiceFilter.from_query(
        {"owner": query.owner, "area": query.area, "q": query.q, "sort": query.sort}
    )
    owner = Unit.objects.filter(access.unit_filter(), code=params.owner).first()
    visible = _visible(access).filter(government=government)
    found = service_filter(queryset=visible, params=params, owner=owner)
    return page_of(request, found, query, render=service_out)


@router.get(
    ONE,
    response=answers({200: ServiceOut}, READ),
    summary="Get a digital service",
    url_name="service",
)
def service_get(request: HttpRequest, gov: str, code: str, response: HttpResponse) -> Any:
    """One digital service; its ETag is its version."""
    service, _access = service_for(request, gov, code)
    return _saved(response, service)


@router.post(
    "/{gov}/services",
    response=answers({201: ServiceOut}, CREATE),
    summary="Create a digital service",
    url_name="service-create",
)
def service_post(
    request: HttpRequest, gov: str, payload: ServiceCreate, response: HttpResponse
) -> Any:
    """A new digital service owned by a unit you may edit."""
    government, access = government_for(request, gov)
    require_editor(access)
    fields = _fields(government, access, payload)
    service = digital_service_create(
        government=government, fields=fields, code=payload.code or None
    )
    return created(request, response, service.code, _saved(response, service))


@router.put(
    ONE,
    response=answers({200: ServiceOut}, WRITE),
    summary="Replace a digital service",
    url_name="service-replace",
)
def service_put(
    request: HttpRequest,
    gov: str,
    code: str,
    payload: ServiceIn,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> Any:
    """Replace a digital service; ``If-Match`` must name its current version."""
    version = expected_version(if_match)
    service, access = service_for(request, gov, code)
    require_editor(access)
    fields = _fields(service.government, access, payload)
    digital_service_update(
        service=service, fields=fields, code=payload.code, expected_version=version
    )
    return _saved(response, service)


@router.patch(
    ONE,
    response=answers({200: ServiceOut}, WRITE),
    summary="Change a digital service",
    url_name="service-change",
)
def service_patch(
    request: HttpRequest,
    gov: str,
    code: str,
    payload: ServicePatch,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> Any:
    """Change the fields sent; ``If-Match`` must name the current version."""
    version = expected_version(if_match)
    service, access = service_for(request, gov, code)
    require_editor(access)
    data = patched(ServiceIn, _as_input(service), payload)
    fields = _fields(service.government, access, data)
    digital_service_update(service=service, fields=fields, code=data.code, expected_version=version)
    return _saved(response, service)


@router.delete(
    ONE,
    response=answers({204: None}, WRITE),
    summary="Delete a digital service",
    url_name="service-delete",
)
def service_remove(
    request: HttpRequest,
    gov: str,
    code: str,
    if_match: IfMatch = None,
) -> HttpResponse:
    """Delete a digital service; ``If-Match`` must name its current version."""
    version = expected_version(if_match)
    service, access = service_for(request, gov, code)
    require_editor(access)
    digital_service_delete(service=service, expected_version=version)
    return HttpResponse(status=204)
