"""Assignments of a position: who held and holds it; starting and ending one.

People are personal data: without the permission to see it, the list shows the periods and
shares but no person, and starting an assignment (which names one) is refused (403).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from digiteam.accounts.permissions import Access
from digiteam.api.common import (
    ACTION,
    READ,
    IfMatch,
    PageQuery,
    answers,
    page_of,
    require_editor,
    require_people,
    with_etag,
)
from digiteam.api.common import expected_version as version_from
from digiteam.api.positions import position_for
from digiteam.api.problems import Problem, unprocessable
from digiteam.organisation.models import Assignment, Person
from digiteam.organisation.services import assignment_end, assignment_start

router = Router(tags=["assignments"])
LIST = "/{gov}/positions/{code}/assignments"


class AssignmentOut(Schema):
    id: int
    position: str
    person: str | None = Field(description="The person's code (null: personal data hidden).")
    name: str | None
    fte: Decimal
    start: datetime.date
    end: datetime.date | None
    version: int


class AssignmentPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[AssignmentOut]


class AssignmentIn(Schema):
    person: str = Field(description="The person's code.")
    start: datetime.date
    fte: Decimal = Decimal(1)
    end: datetime.date | None = None


class AssignmentEnd(Schema):
    end: datetime.date = Field(description="The last day the person holds the position.")


def assignment_out(assignment: Assignment, access: Access) -> dict[str, Any]:
    return {
        "id": assignment.pk,
        "position": assignment.position.code,
        "person": assignment.person.code if access.see_people else None,
        "name": assignment.person.name if access.see_people else None,
        "fte": assignment.fte,
        "start": assignment.start,
        "end": assignment.end,
        "version": assignment.version,
    }


@router.get(
    LIST,
    response=answers({200: AssignmentPage}, READ),
    summary="List a position's assignments",
    url_name="assignments",
)
def assignment_list(
    request: HttpRequest, gov: str, code: str, page: Query[PageQuery]
) -> dict[str, Any]:
    """Every assignment of the position, past, current and future, by start date."""
    position, access = position_for(request, gov, code)
    found = position.assignments.select_related("person", "position").order_by("start", "pk")
    out = page_of(request, found, page)
    out["results"] = [assignment_out(a, access) for a in out["results"]]
    return out


@router.post(
    LIST,
    response=answers({201: AssignmentOut}, ACTION),
    summary="Assign a person",
    url_name="assignment-start",
)
def assignment_post(
    request: HttpRequest, gov: str, code: str, payload: AssignmentIn, response: HttpResponse
) -> Status[dict[str, Any]]:
    """Assign a person to the position, within the FTE it has left over the period."""
    position, access = position_for(request, gov, code)
    require_editor(access)
    require_people(access)
    person = Person.objects.filter(government=position.government, code=payload.person).first()
    if person is None:
        message = _("No person with this code in this government.")
        raise unprocessable([("person", message)])
    assignment = assignment_start(
        position=position, person=person, start=payload.start, fte=payload.fte, end=payload.end
    )
    with_etag(response, assignment)
    return Status(201, assignment_out(assignment, access))


@router.post(
    LIST + "/{id}/end",
    response=answers({200: AssignmentOut}, (*ACTION, 412)),
    summary="End an assignment",
    url_name="assignment-end",
)
def assignment_end_post(
    request: HttpRequest,
    gov: str,
    code: str,
    id: int,
    payload: AssignmentEnd,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> dict[str, Any]:
    """End an assignment; with ``If-Match``, only if it is still the version you read (412)."""
    version = version_from(if_match) if if_match else None
    position, access = position_for(request, gov, code)
    require_editor(access)
    assignment = position.assignments.select_related("person", "position").filter(pk=id).first()
    if assignment is None:
        raise Problem(404, _("This position has no assignment with this id."))
    assignment_end(assignment=assignment, end=payload.end, expected_version=version)
    with_etag(response, assignment)
    return assignment_out(assignment, access)
