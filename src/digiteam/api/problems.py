"""Errors as RFC 9457 problem details (``application/problem+json``), one shape for every status.

An endpoint refuses by raising ``Problem`` (or letting a service's ``ValidationError`` or
``StaleVersion`` through); the handlers ``install``-ed on the API turn each into a response.
A field error is located: ``{"field": "fte", "message": "..."}``, the field named as in the
request body or query string ("unit", "page", "fte"), "" for the object as a whole.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError
from pydantic import Field
from pydantic import ValidationError as PydanticError

from digiteam.core.versioning import StaleVersion

MEDIA_TYPE = "application/problem+json"
TYPES = "/api/v1/docs#problem-"  # a problem's ``type``: this, then its status, e.g. "...-412"
logger = logging.getLogger(__name__)


class FieldError(Schema):
    field: str = Field(description='The field at fault, as the request names it; "" for all.')
    message: str


class ProblemOut(Schema):
    """An RFC 9457 problem: what went wrong, for a person and a program."""

    type: str
    title: str
    status: int
    detail: str = ""
    instance: str = ""
    errors: list[FieldError] = Field(default_factory=list)


def _titles() -> dict[int, str]:
    return {
        400: _("Bad request"),
        401: _("Not signed in"),
        403: _("Not allowed"),
        404: _("Not found"),
        409: _("Conflict"),
        412: _("Changed by someone else"),
        422: _("Invalid data"),
        428: _("Version required"),
        500: _("Server error"),
    }


class Problem(Exception):
    """A refusal with its status, said in the request's language."""

    def __init__(
        self,
        status: int,
        detail: str = "",
        *,
        errors: Iterable[tuple[str, str]] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        self.status = status
        self.detail = detail
        self.errors = list(errors)
        self.headers = headers or {}
        super().__init__(detail or str(status))


def problem_response(request: HttpRequest, problem: Problem) -> HttpResponse:
    body: dict[str, Any] = {
        "type": f"{TYPES}{problem.status}",
        "title": _titles().get(problem.status, str(problem.status)),
        "status": problem.status,
        "detail": problem.detail,
        "instance": request.get_full_path(),
        "errors": [{"field": f, "message": m} for f, m in problem.errors],
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=problem.status,
        content_type=f"{MEDIA_TYPE}; charset=utf-8",
    )
    for name, value in problem.headers.items():
        response[name] = value
    return response


def field_errors(error: ValidationError) -> list[tuple[str, str]]:
    """A service's ``ValidationError`` as located (field, message) pairs."""
    if not hasattr(error, "error_dict"):
        return [("", message) for message in error.messages]
    return [
        ("" if field == NON_FIELD_ERRORS else field, message)
        for field, messages in error.message_dict.items()
        for message in messages
    ]


def unprocessable(errors: Iterable[tuple[str, str]]) -> Problem:
    """A 422 listing located errors: ``[("unit", "No unit with this code…")]``."""
    return Problem(422, _("Correct the fields listed and send again."), errors=errors)


def invalid(error: ValidationError) -> Problem:
    """A service's ``ValidationError`` as a 422."""
    return unprocessable(field_errors(error))


def schema_errors(error: PydanticError) -> Problem:
    """A body re-validated by an endpoint (a PATCH merged with the stored object) as a 422."""
    return unprocessable((".".join(map(str, e["loc"])), _message(dict(e))) for e in error.errors())


def _request_field(loc: Iterable[Any]) -> str:
    """ninja's location ("body", "payload", "fte") as the field a client sent ("fte")."""
    parts = [str(p) for p in loc]
    source = parts.pop(0) if parts else ""
    if source == "body" and len(parts) > 1:
        parts.pop(0)  # the endpoint's parameter name, not something the client wrote
    return ".".join(parts)


def _message(error: dict[str, Any]) -> str:
    """pydantic's message; a validator's own one without pydantic's "Value error, " before it."""
    if error.get("type") == "value_error" and "error" in error.get("ctx", {}):
        return str(error["ctx"]["error"])
    return str(error.get("msg", ""))


def install(api: NinjaAPI) -> None:
    """Answer every error of ``api`` with a problem."""

    def handle(status: int, detail: str = "") -> Any:
        return lambda request, exc: problem_response(request, Problem(status, detail))

    def on_problem(request: HttpRequest, exc: Problem) -> HttpResponse:
        return problem_response(request, exc)

    def on_request_invalid(request: HttpRequest, exc: RequestValidationError) -> HttpResponse:
        errors = [(_request_field(e.get("loc", ())), _message(e)) for e in exc.errors]
        return problem_response(request, unprocessable(errors))

    def on_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return problem_response(request, invalid(exc))

    def on_stale(request: HttpRequest, exc: StaleVersion) -> HttpResponse:
        headers = {"ETag": f'"{exc.current}"'}
        return problem_response(request, Problem(412, str(exc), headers=headers))

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        status = exc.status_code
        detail = _("The request body is not valid JSON.") if status == 400 else ""
        return problem_response(request, Problem(status, detail))

    def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        detail = _("Sign in, or send a personal API token: Authorization: Bearer dgt_…")
        headers = {"WWW-Authenticate": 'Bearer realm="digiteam"'}
        return problem_response(request, Problem(401, detail, headers=headers))

    def on_conflict(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
        detail = _("This conflicts with data saved at the same time; read it again and retry.")
        return problem_response(request, Problem(409, detail))

    def on_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error", exc_info=exc)
        return problem_response(request, Problem(500))

    handlers: dict[type[Exception], Any] = {
        Exception: on_error,
        Problem: on_problem,
        RequestValidationError: on_request_invalid,
        ValidationError: on_invalid,
        StaleVersion: on_stale,
        HttpError: on_http_error,
        AuthenticationError: on_unauthenticated,
        IntegrityError: on_conflict,
        Http404: handle(404),
        ObjectDoesNotExist: handle(404),
    }
    for exception, handler in handlers.items():
        api.add_exception_handler(exception, handler)
