"""Positions: the filtered, sorted list; one position; create, replace, change, retire.

The example of a resource (docs/api.md, "Adding a resource"): schemas in and out, a lookup that
answers 404 outside the caller's scope, and thin operations that call ``organisation.services``.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.responses import NinjaJSONEncoder
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
from digiteam.organisation.choices import PositionSourcing, PositionStatus
from digiteam.organisation.filters import (
    DEFAULT_SORT,
    SORT_CHOICES,
    PositionFilter,
    position_filter,
)
from digiteam.organisation.models import Assignment, Government, Position, Unit, Vendor
from digiteam.organisation.services import (
    PositionFields,
    position_create,
    position_retire,
    position_update,
)
from digiteam.taxonomy.models import Role

router = Router(tags=["positions"])
JSON = "application/json; charset=utf-8"  # what ninja's JSON renderer answers


# --- schemas ---------------------------------------------------------------------------------


class HolderOut(Schema):
    """Who holds the position now; ``name`` only with the permission to see personal data."""

    person: str | None = Field(description="The person's code (null: personal data hidden).")
    name: str | None
    fte: Decimal
    start: datetime.date
    end: datetime.date | None


class PositionOut(Schema):
    code: str
    government: str
    unit: str
    role: str
    title: str
    sourcing: PositionSourcing
    vendor: str | None
    fte: Decimal
    grade: str
    annual_cost: Decimal | None
    status: PositionStatus
    vacant_since: datetime.date | None
    reports_to: str | None
    holders: list[HolderOut]
    version: int


class PositionPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[PositionOut]


class PositionIn(Schema):
    """A whole position (PUT replaces every field; one left out takes its default)."""

    unit: str = Field(description="The code of a unit you may edit.")
    role: str = Field(description="The slug of a role of the taxonomy.")
    title: str = ""
    sourcing: PositionSourcing = PositionSourcing.INTERNAL
    vendor: str | None = Field(None, description="A vendor's code, for contracted positions.")
    fte: Decimal = Decimal(1)
    grade: str = ""
    annual_cost: Decimal | None = None
    status: PositionStatus = PositionStatus.PLANNED
    vacant_since: datetime.date | None = None
    reports_to: str | None = Field(None, description="The code of the manager's position.")


class PositionCreate(PositionIn):
    code: str | None = Field(None, description='Left out: made from the role, "developer-3".')


class PositionPatch(Schema):
    """Only the fields sent change."""

    unit: str | None = None
    role: str | None = None
    title: str | None = None
    sourcing: PositionSourcing | None = None
    vendor: str | None = None
    fte: Decimal | None = None
    grade: str | None = None
    annual_cost: Decimal | None = None
    status: PositionStatus | None = None
    vacant_since: datetime.date | None = None
    reports_to: str | None = None


class PositionQuery(PageQuery):
    unit: str = Field("", description="A unit's code: the positions of its whole subtree.")
    role: str = Field("", description="A role's slug.")
    sourcing: PositionSourcing | None = None
    status: PositionStatus | None = None
    q: str = Field("", description="Words in the code, title, grade, role or unit.")
    sort: str = Field(
        DEFAULT_SORT, description="One of " + ", ".join(SORT_CHOICES) + ' ("-": descending).'
    )

    @field_validator("sort")
    @classmethod
    def _known_sort(cls, value: str) -> str:
        return known_sort(value, SORT_CHOICES)


# --- reading ---------------------------------------------------------------------------------


def _current(today: datetime.date) -> Q:
    return Q(start__lte=today) & (Q(end__isnull=True) | Q(end__gte=today))


def _visible(access: Access) -> QuerySet[Position]:
    today = timezone.localdate()
    holders = Assignment.objects.filter(_current(today)).select_related("person")
    return (
        Position.objects.filter(access.unit_filter("unit__"))
        .select_related("government", "unit", "role", "vendor", "reports_to")
        .prefetch_related(Prefetch("assignments", queryset=holders, to_attr="holders"))
    )


def position_out(position: Position, access: Access) -> dict[str, Any]:
    holders = getattr(position, "holders", None)
    if holders is None:
        holders = list(position.assignments.filter(_current(timezone.localdate())))
    return {
        "code": position.code,
        "government": position.government.code,
        "unit": position.unit.code,
        "role": position.role.slug,
        "title": position.title,
        "sourcing": position.sourcing,
        "vendor": position.vendor.code if position.vendor else None,
        "fte": position.fte,
        "grade": position.grade,
        "annual_cost": position.annual_cost,
        "status": position.status,
        "vacant_since": position.vacant_since,
        "reports_to": position.reports_to.code if position.reports_to else None,
        "holders": [
            {
                "person": a.person.code if access.see_people else None,
                "name": a.person.name if access.see_people else None,
                "fte": a.fte,
                "start": a.start,
                "end": a.end,
            }
            for a in holders
        ],
        "version": position.version,
    }


def position_for(request: HttpRequest, gov: str, code: str) -> tuple[Position, Access]:
    """The position ``code`` if the caller's scope covers it; 404 otherwise (as on the web)."""
    government, access = government_for(request, gov)
    position = _visible(access).filter(government=government, code=code).first()
    if position is None:
        raise Problem(404, _("No position with this code is open to you."))
    return position, access


# --- writing ---------------------------------------------------------------------------------


def _fields(government: Government, access: Access, data: PositionIn) -> PositionFields:
    """The body's codes as objects; every code that names nothing is a located error (422)."""
    errors: list[tuple[str, str]] = []
    unit = Unit.objects.filter(access.unit_filter(), code=data.unit).first()
    if unit is None:
        errors.append(("unit", _("No unit with this code that you may edit.")))
    role = Role.objects.filter(slug=data.role).first()
    if role is None:
        errors.append(("role", _("No role with this slug.")))
    vendor = None
    if data.vendor:
        vendor = Vendor.objects.filter(government=government, code=data.vendor).first()
        if vendor is None:
            errors.append(("vendor", _("No vendor with this code in this government.")))
    manager = None
    if data.reports_to:
        manager = Position.objects.filter(government=government, code=data.reports_to).first()
        if manager is None:
            errors.append(("reports_to", _("No position with this code in this government.")))
    if errors or unit is None or role is None:
        raise unprocessable(errors)
    return PositionFields(
        unit=unit,
        role=role,
        title=data.title,
        sourcing=data.sourcing,
        vendor=vendor,
        fte=data.fte,
        grade=data.grade,
        annual_cost=data.annual_cost,
        status=data.status,
        vacant_since=data.vacant_since,
        reports_to=manager,
    )


def _as_input(position: Position) -> dict[str, Any]:
    """The stored position as a PUT body would give it (what a PATCH changes)."""
    return {
        "unit": position.unit.code,
        "role": position.role.slug,
        "title": position.title,
        "sourcing": position.sourcing,
        "vendor": position.vendor.code if position.vendor else None,
        "fte": position.fte,
        "grade": position.grade,
        "annual_cost": position.annual_cost,
        "status": position.status,
        "vacant_since": position.vacant_since,
        "reports_to": position.reports_to.code if position.reports_to else None,
    }


def _saved(response: HttpResponse, position: Position, access: Access) -> dict[str, Any]:
    with_etag(response, position)
    return position_out(_visible(access).get(pk=position.pk), access)


# --- operations ------------------------------------------------------------------------------

ONE = "/{gov}/positions/{code}"


@router.get(
    "/{gov}/positions",
    response=answers({200: PositionPage}, READ),
    summary="List positions",
    url_name="positions",
)
def position_list(request: HttpRequest, gov: str, query: Query[PositionQuery]) -> HttpResponse:
    """The positions in your scope, filtered as the positions page filters them, and sorted."""
    government, access = government_for(request, gov)
    params = PositionFilter.from_query(
        {
            "unit": query.unit,
            "role": query.role,
            "sourcing": query.sourcing or "",
            "status": query.status or "",
            "q": query.q,
            "sort": query.sort,
        }
    )
    unit = Unit.objects.filter(government=government, code=params.unit).first()
    found = position_filter(queryset=_in_scope(government, access), params=params, unit=unit)
    page = page_of(request, cast("QuerySet[Position]", _Rows(found)), query)
    page["results"] = _rows_out(government, access, page["results"])
    # Rendered as it is: the rows are built to ``PositionPage`` already, and validating a page
    # of them again cost more than the queries (the documented schema stays ``PositionPage``).
    return HttpResponse(json.dumps(page, cls=NinjaJSONEncoder), content_type=JSON)


# The columns a listed position needs, read in the page's one query (no model instances).
ROW = (
    "pk",
    "code",
    "unit__code",
    "role__slug",
    "title",
    "sourcing",
    "vendor__code",
    "fte",
    "grade",
    "annual_cost",
    "status",
    "vacant_since",
    "reports_to__code",
    "version",
)


class _Rows:
    """What ``page_of`` reads of a queryset: the count on the positions' own columns (the
    ``values`` joins left out, so an index serves it), the page as ``ROW`` values."""

    def __init__(self, found: QuerySet[Position]) -> None:
        self.found = found

    def count(self) -> int:
        return self.found.count()

    def __getitem__(self, page: slice) -> QuerySet[Position, dict[str, Any]]:
        return self.found.values(*ROW)[page]


def _in_scope(government: Government, access: Access) -> QuerySet[Position]:
    """The government's positions in the caller's scope; the scope through unit ids, no join."""
    positions = Position.objects.filter(government=government)
    if access.whole_government:
        return positions
    return positions.filter(unit_id__in=Unit.objects.filter(access.unit_filter()).values("pk"))


def _rows_out(
    government: Government, access: Access, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """``position_out`` for rows of ``ROW``, the page's holders read in one more query."""
    if not rows:
        return []
    fields = ["position_id", "fte", "start", "end"]
    if access.see_people:
        fields += ["person__code", "person__name"]
    holders: dict[int, list[dict[str, Any]]] = {row["pk"]: [] for row in rows}
    current = Assignment.objects.filter(
        _current(timezone.localdate()), position_id__in=list(holders)
    )
    for a in current.values(*fields):
        holders[a["position_id"]].append(
            {
                "person": a.get("person__code"),
                "name": a.get("person__name"),
                "fte": a["fte"],
                "start": a["start"],
                "end": a["end"],
            }
        )
    return [
        {
            "code": row["code"],
            "government": government.code,
            "unit": row["unit__code"],
            "role": row["role__slug"],
            "title": row["title"],
            "sourcing": row["sourcing"],
            "vendor": row["vendor__code"],
            "fte": row["fte"],
            "grade": row["grade"],
            "annual_cost": row["annual_cost"],
            "status": row["status"],
            "vacant_since": row["vacant_since"],
            "reports_to": row["reports_to__code"],
            "holders": holders[row["pk"]],
            "version": row["version"],
        }
        for row in rows
    ]


@router.get(
    ONE, response=answers({200: PositionOut}, READ), summary="Get a position", url_name="position"
)
def position_get(request: HttpRequest, gov: str, code: str, response: HttpResponse) -> Any:
    """One position; its ETag is its version, to send back in ``If-Match``."""
    position, access = position_for(request, gov, code)
    with_etag(response, position)
    return position_out(position, access)


@router.post(
    "/{gov}/positions",
    response=answers({201: PositionOut}, CREATE),
    summary="Create a position",
    url_name="position-create",
)
def position_post(
    request: HttpRequest, gov: str, payload: PositionCreate, response: HttpResponse
) -> Any:
    """A new position in a unit you may edit."""
    government, access = government_for(request, gov)
    require_editor(access)
    fields = _fields(government, access, payload)
    position = position_create(government=government, fields=fields, code=payload.code or None)
    return created(request, response, position.code, _saved(response, position, access))


@router.put(
    ONE,
    response=answers({200: PositionOut}, WRITE),
    summary="Replace a position",
    url_name="position-replace",
)
def position_put(
    request: HttpRequest,
    gov: str,
    code: str,
    payload: PositionIn,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> Any:
    """Replace a position; ``If-Match`` must name its current version."""
    version = expected_version(if_match)
    position, access = position_for(request, gov, code)
    require_editor(access)
    fields = _fields(position.government, access, payload)
    position_update(position=position, fields=fields, expected_version=version)
    return _saved(response, position, access)


@router.patch(
    ONE,
    response=answers({200: PositionOut}, WRITE),
    summary="Change a position",
    url_name="position-change",
)
def position_patch(
    request: HttpRequest,
    gov: str,
    code: str,
    payload: PositionPatch,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> Any:
    """Change the fields sent; ``If-Match`` must name the current version."""
    version = expected_version(if_match)
    position, access = position_for(request, gov, code)
    require_editor(access)
    data = patched(PositionIn, _as_input(position), payload)
    fields = _fields(position.government, access, data)
    position_update(position=position, fields=fields, expected_version=version)
    return _saved(response, position, access)


@router.delete(
    ONE,
    response=answers({204: None}, WRITE),
    summary="Retire a position",
    url_name="position-retire",
)
def position_delete(
    request: HttpRequest,
    gov: str,
    code: str,
    if_match: IfMatch = None,
) -> HttpResponse:
    """Retire a position nobody holds or reports to (409 otherwise, with the reasons)."""
    version = expected_version(if_match)
    position, access = position_for(request, gov, code)
    require_editor(access)
    try:
        position_retire(position=position, expected_version=version)
    except ValidationError as error:
        detail = _("The position cannot be retired yet.")
        raise Problem(409, detail, errors=field_errors(error)) from None
    return HttpResponse(status=204)
