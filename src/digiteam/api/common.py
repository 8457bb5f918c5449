"""What every resource shares: the responses it documents, scoping, versions and pages.

A resource module (``positions.py`` is the example) uses these and nothing else of the API's
plumbing: ``answers`` for the documented responses, ``government_for`` / ``access_for`` for
scoping, ``expected_version`` and ``with_etag`` for concurrency, ``page_of`` for lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any, Protocol, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Header, Schema, Status
from pydantic import BaseModel, Field
from pydantic import ValidationError as SchemaError

from digiteam.accounts.permissions import Access, access_get, is_administrator
from digiteam.api.auth import caller
from digiteam.api.problems import Problem, ProblemOut, schema_errors
from digiteam.organisation.models import Government

M = TypeVar("M", bound=Model)
S = TypeVar("S", bound=BaseModel)

MAX_PAGE_SIZE = 500
PAGE_SIZE = 50

# The problems every operation can answer, by kind of operation (docs/api.md lists why).
READ = (401, 404, 422, 500)
CREATE = (400, 401, 403, 404, 409, 422, 500)  # a conflict: the same code saved meanwhile
WRITE = (400, 401, 403, 404, 409, 412, 422, 428, 500)  # PUT, PATCH and DELETE of one object
ACTION = (400, 401, 403, 404, 409, 422, 500)  # a POST that changes an object: start, end


def answers(success: dict[int, Any], problems: tuple[int, ...]) -> dict[int, Any]:
    """The ``response=`` of an operation: its successes, then each problem it can answer."""
    return {**success, **dict.fromkeys(problems, ProblemOut)}


# --- scoping ---------------------------------------------------------------------------------


def government_for(request: HttpRequest, code: str) -> tuple[Government, Access]:
    """The government ``code`` and the caller's access to it; 404 if none (as on the web)."""
    government = Government.objects.filter(code=code).first()
    access = (
        None
        if government is None
        else access_get(user=caller(request).user, government_id=government.pk)
    )
    if government is None or access is None:
        raise Problem(404, _("No government with this code is open to you."))
    return government, access


def require_editor(access: Access) -> None:
    if not access.can_edit:
        raise Problem(403, _("You may read this government but not change it."))


def require_administrator(request: HttpRequest) -> None:
    if not is_administrator(user=caller(request).user):
        raise Problem(403, _("Only an administrator may do this."))


def require_people(access: Access) -> None:
    if not access.see_people:
        raise Problem(403, _("This needs the permission to see personal data."))


# --- versions --------------------------------------------------------------------------------

_ETAG = re.compile(r'^\s*"(\d+)"\s*$')


class Versioned(Protocol):
    version: int


def etag(instance: Versioned) -> str:
    return f'"{instance.version}"'


def with_etag(response: HttpResponse, instance: Versioned) -> None:
    """Send ``instance``'s version as the ETag to give back in ``If-Match``."""
    response["ETag"] = etag(instance)


def expected_version(if_match: str | None) -> int:
    """The version an ``If-Match`` header names: 428 without one, 400 if it is not an ETag."""
    if not if_match:
        raise Problem(
            428,
            _("Send If-Match with the ETag you read, so no one else's change is overwritten."),
        )
    match = _ETAG.match(if_match)
    if match is None:
        raise Problem(400, _('If-Match must be the ETag you read, such as "3".'))
    return int(match.group(1))


IF_MATCH_DOC = 'The ETag of the version you read, e.g. "3" (412 if it is no longer current).'

# The header of every PUT, PATCH and DELETE of one object: ``if_match: IfMatch = None``.
IfMatch = Annotated[str | None, Header(None, alias="If-Match", description=IF_MATCH_DOC)]


# --- writes ----------------------------------------------------------------------------------


def patched(schema: type[S], stored: dict[str, Any], payload: BaseModel) -> S:
    """A PATCH as the whole input ``schema``: the fields sent over what is stored (422 as for
    a PUT when the result is not valid)."""
    try:
        return schema.model_validate({**stored, **payload.model_dump(exclude_unset=True)})
    except SchemaError as error:
        raise schema_errors(error) from None


def created(request: HttpRequest, response: HttpResponse, code: str | None, body: Any) -> Status:
    """201 with the new object's address in ``Location``: the list's address and ``code``, or
    the request's own (``code`` None: a PUT that created what its path names)."""
    path = request.path if code is None else f"{request.path}/{code}"
    response["Location"] = request.build_absolute_uri(path)
    return Status(201, body)


# --- lists ---------------------------------------------------------------------------------


def known_sort(value: str, choices: tuple[str, ...]) -> str:
    """A list's ``sort`` validated against its whitelist (422 naming the choices)."""
    if value not in choices:
        raise ValueError(_("Sort by one of: %(choices)s.") % {"choices": ", ".join(choices)})
    return value


# --- pages -----------------------------------------------------------------------------------


class PageQuery(Schema):
    page: int = Field(1, ge=1, description="The page, from 1.")
    page_size: int = Field(
        PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"At most {MAX_PAGE_SIZE}."
    )


def _link(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def page_of(
    request: HttpRequest,
    queryset: QuerySet[M],
    query: PageQuery,
    render: Callable[[M], Any] | None = None,
) -> dict[str, Any]:
    """One page of ``queryset``: ``count``, ``next`` and ``previous`` links, ``results`` (each
    passed through ``render`` if given).

    A page past the last is an empty page (not an error), so a loop over ``next`` just ends.
    """
    count = queryset.count()
    start = (query.page - 1) * query.page_size
    results = list(queryset[start : start + query.page_size]) if start < count else []
    if render is not None:
        results = [render(item) for item in results]
    return {
        "count": count,
        "next": _link(request, query.page + 1) if start + query.page_size < count else None,
        "previous": _link(request, query.page - 1) if query.page > 1 else None,
        "results": results,
    }
