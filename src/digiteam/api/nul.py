"""No NUL character in what a caller sends: PostgreSQL cannot store or compare one.

A NUL (``\\x00``) in a path, a query parameter or a field of the body would reach the database
and fail there (a 500). It names nothing and is never valid text, so it is refused first: in
the path with a 404 (no object has such a code), elsewhere with a 422 naming the field.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

from django.core.validators import ProhibitNullCharactersValidator
from django.http import HttpRequest
from pydantic import BaseModel

from digiteam.api.problems import Problem, unprocessable

NUL = "\x00"


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple | set):
        return any(_has_nul(v) for v in value)
    return False


def _fields(value: Any) -> Iterator[tuple[str, Any]]:
    """A parsed argument's fields (a query or body schema), or the argument itself."""
    if isinstance(value, BaseModel):
        yield from value.model_dump(by_alias=True).items()


def refuse_nul(operation: Callable[..., Any]) -> Callable[..., Any]:
    """An API-wide decorator (``api.add_decorator``): run after authentication and parsing."""

    @functools.wraps(operation)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if NUL in request.path:
            raise Problem(404)
        message = str(ProhibitNullCharactersValidator.message)
        errors = [(name, message) for name, value in request.GET.lists() if _has_nul(value)]
        for name, value in kwargs.items():
            if isinstance(value, BaseModel):
                errors += [(field, message) for field, v in _fields(value) if _has_nul(v)]
            elif _has_nul(value):
                errors.append((name, message))
        if errors:
            raise unprocessable(dict(errors).items())
        return operation(request, *args, **kwargs)

    return checked
