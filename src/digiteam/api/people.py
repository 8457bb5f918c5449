"""People: the register of a government's people, one person, create, replace, change, delete.

People are personal data: every operation needs the permission to see it (403 without), as the
people pages do. The register is the government's, so a member who may see personal data reads
every person, with only the positions of their scope. An editor may add a person; changing or
deleting someone also needs a scope over every unit where they ever held a position (403).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field, field_validator

from digiteam.accounts.permissions import Access
from digiteam.api.common import (
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
    require_people,
    with_etag,
)
from digiteam.api.problems import Problem, field_errors, unprocessable
from digiteam.organisation.filters_people import (
    DEFAULT_SORT,
    HOLDING,
    SORTS,
    PersonFilter,
    person_filter,
)
from digiteam.organisation.models import Assignment, Government, Person, Unit, Vendor
from digiteam.organisation.services_people import (
    PersonFields,
    person_create,
    person_delete,
    person_update,
)

router = Router(tags=["people"])

SORT_CHOICES: tuple[str, ...] = (*SORTS, *(f"-{key}" for key in SORTS))
# Every people operation can also refuse a caller without the personal-data permission (403).
READ_PEOPLE = (401, 403, 404, 422, 500)
CREATE = (400, 401, 403, 404, 409, 422, 500)
WRITE = (400, 401, 403, 404, 409, 412, 422, 428, 500)


# --- schemas ---------------------------------------------------------------------------------


class PersonOut(Schema):
    code: str
    government: str
    name: str
    email: str
    employer: str | None = Field(description="A vendor's code; null: the government's staff.")
    positions: list[str] = Field(description="The positions they hold today, in your scope.")
    version: int


class PersonPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[PersonOut]


class PersonIn(Schema):
    """A whole person (PUT replaces every field; one left out takes its default)."""

    name: str
    email: str = ""
    employer: str | None = Field(None, description="A vendor's code; null: the government.")
    code: str | None = Field(None, description="A new code; left out: unchanged.")


class PersonCreate(PersonIn):
    code: str | None = Field(None, description='Left out: made from the name, "amina-haroun".')


class PersonPatch(Schema):
    """Only the fields sent change."""

    name: str | None = None
    email: str | None = None
    employer: str | None = None
    code: str | None = None


class PersonQuery(PageQuery):
    q: str = Field("", description="Words in the name, email or code.")
    employer: str = Field("", description='A vendor\'s code, or "government" for its staff.')
    holding: str = Field("", description="holding: holds a position today; free: holds none.")
    unit: str = Field("", description="A unit's code: people holding a position in its subtree.")
    sort: str = Field(
        DEFAULT_SORT, description="One of " + ", ".join(SORT_CHOICES) + ' ("-": descending).'
    )

    @field_validator("holding")
    @classmethod
    def _known_holding(cls, value: str) -> str:
        if value and value not in HOLDING:
            raise ValueError(_("Use one of: %(choices)s.") % {"choices": ", ".join(HOLDING)})
        return value

    @field_validator("sort")
    @classmethod
    def _known_sort(cls, value: str) -> str:
        return known_sort(value, SORT_CHOICES)


# --- reading ---------------------------------------------------------------------------------


def _visible(government: Government, access: Access) -> QuerySet[Person]:
    today = timezone.localdate()
    current = Q(start__lte=today) & (Q(end__isnull=True) | Q(end__gte=today))
    held = Assignment.objects.filter(current, access.unit_filter("position__unit__"))
    return (
        Person.objects.filter(government=government)
        .select_related("government", "employer")
        .prefetch_related(
            Prefetch("assignments", queryset=held.select_related("position"), to_attr="held")
        )
    )


def person_out(person: Person) -> dict[str, Any]:
    return {
        "code": person.code,
        "government": person.government.code,
        "name": person.name,
        "email": person.email,
        "employer": person.employer.code if person.employer else None,
        "positions": sorted({a.position.code for a in getattr(person, "held", [])}),
        "version": person.version,
    }


def person_for(request: HttpRequest, gov: str, code: str) -> tuple[Person, Access]:
    """The person ``code`` for a caller who may see personal data (403 without it)."""
    government, access = government_for(request, gov)
    require_people(access)
    person = _visible(government, access).filter(code=code).first()
    if person is None:
        raise Problem(404, _("No person with this code in this government."))
    return person, access


def require_person_scope(access: Access, person: Person) -> None:
    """Someone who ever held a position outside the editor's scope is not theirs to change."""
    units = Unit.objects.filter(positions__assignments__person=person).distinct()
    if not all(access.covers(unit) for unit in units):
        raise Problem(
            403, _("This person held a position outside your scope: you may not change them.")
        )


# --- writing ---------------------------------------------------------------------------------


def _fields(government: Government, data: PersonIn) -> PersonFields:
    employer = None
    if data.employer:
        employer = Vendor.objects.filter(government=government, code=data.employer).first()
        if employer is None:
            raise unprocessable([("employer", _("No vendor with this code in this government."))])
    return PersonFields(name=data.name, email=data.email, employer=employer)


def _as_input(person: Person) -> dict[str, Any]:
    return {
        "name": person.name,
        "email": person.email,
        "employer": person.employer.code if person.employer else None,
    }


def _saved(response: HttpResponse, person: Person, access: Access) -> dict[str, Any]:
    with_etag(response, person)
    return person_out(_visible(person.government, access).get(pk=person.pk))


def _editable(request: HttpRequest, gov: str, code: str) -> tuple[Person, Access]:
    person, access = person_for(request, gov, code)
    require_editor(access)
    require_person_scope(access, person)
    return person, access


# --- operations ------------------------------------------------------------------------------

ONE = "/{gov}/people/{code}"


@router.get(
    "/{gov}/people",
    response=answers({200: PersonPage}, READ_PEOPLE),
    summary="List people",
    url_name="people",
)
def people_list(request: HttpRequest, gov: str, query: Query[PersonQuery]) -> dict[str, Any]:
    """The government's people, filtered as the people page filters them, and sorted."""
    government, access = government_for(request, gov)
    require_people(access)
    params = PersonFilter.from_query(
        {
            "q": query.q,
            "employer": query.employer,
            "holding": query.holding,
            "unit": query.unit,
            "sort": query.sort,
        }
    )
    unit = Unit.objects.filter(access.unit_filter(), code=params.unit).first()
    found = person_filter(
        queryset=_visible(government, access),
        params=params,
        today=timezone.localdate(),
        unit=unit,
    )
    return page_of(request, found, query, render=person_out)


@router.get(
    ONE, response=answers({200: PersonOut}, READ_PEOPLE), summary="Get a person", url_name="person"
)
def person_get(request: HttpRequest, gov: str, code: str, response: HttpResponse) -> Any:
    """One person; its ETag is its version, to send back in ``If-Match``."""
    person, _access = person_for(request, gov, code)
    with_etag(response, person)
    return person_out(person)


@router.post(
    "/{gov}/people",
    response=answers({201: PersonOut}, CREATE),
    summary="Create a person",
    url_name="person-create",
)
def person_post(
    request: HttpRequest, gov: str, payload: PersonCreate, response: HttpResponse
) -> Any:
    """A new person (any editor who may see personal data may add one)."""
    government, access = government_for(request, gov)
    require_people(access)
    require_editor(access)
    fields = _fields(government, payload)
    person = person_create(government=government, fields=fields, code=payload.code or None)
    return created(request, response, person.code, _saved(response, person, access))


@router.put(
    ONE,
    response=answers({200: PersonOut}, WRITE),
    summary="Replace a person",
    url_name="person-replace",
)
def person_put(
    request: HttpRequest,
    gov: str,
    code: str,
    payload: PersonIn,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> Any:
    """Replace a person; ``If-Match`` must name their current version."""
    version = expected_version(if_match)
    person, access = _editable(request, gov, code)
    fields = _fields(person.government, payload)
    person_update(person=person, fields=fields, code=payload.code, expected_version=version)
    return _saved(response, person, access)


@router.patch(
    ONE,
    response=answers({200: PersonOut}, WRITE),
    summary="Change a person",
    url_name="person-change",
)
def person_patch(
    request: HttpRequest,
    gov: str,
    code: str,
    payload: PersonPatch,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> Any:
    """Change the fields sent; ``If-Match`` must name the current version."""
    version = expected_version(if_match)
    person, access = _editable(request, gov, code)
    data = patched(PersonIn, _as_input(person), payload)
    fields = _fields(person.government, data)
    person_update(person=person, fields=fields, code=data.code, expected_version=version)
    return _saved(response, person, access)


@router.delete(
    ONE, response=answers({204: None}, WRITE), summary="Delete a person", url_name="person-delete"
)
def person_remove(
    request: HttpRequest,
    gov: str,
    code: str,
    if_match: IfMatch = None,
) -> HttpResponse:
    """Delete someone who holds no position now or later (409 otherwise, with the reasons)."""
    version = expected_version(if_match)
    person, _access = _editable(request, gov, code)
    try:
        person_delete(person=person, expected_version=version)
    except ValidationError as error:
        detail = _("The person cannot be deleted yet.")
        raise Problem(409, detail, errors=field_errors(error)) from None
    return HttpResponse(status=204)
