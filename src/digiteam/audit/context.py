"""Who is acting, held for the duration of a request, a command or an explicit block."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any

from digiteam.audit.choices import Via


@dataclass(frozen=True)
class Actor:
    """The change set being written: its id, who, through what, and what it is about."""

    user: Any = None  # a User, or None for the system
    username: str = ""  # who, when no user account acts (the operating-system account of a command)
    token: str = ""
    via: str = Via.SYSTEM
    summary: str = ""
    government_code: str = ""
    change_set_id: uuid.UUID = field(default_factory=uuid.uuid4)


_actor: ContextVar[Actor | None] = ContextVar("digiteam_audit_actor", default=None)


def current_actor() -> Actor:
    """The acting actor; outside any block, the system (each change then its own set)."""
    return _actor.get() or Actor()


@contextmanager
def acting(
    *, user: Any = None, username: str = "", token: str = "", via: str, summary: str = ""
) -> Iterator[Actor]:
    """Everything recorded inside is attributed to ``user`` (and ``token``) through ``via``.

    ``username`` names who acts when no user account does (``digiteam`` commands: the
    operating-system account that ran them).
    """
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    actor = Actor(user=user, username=username, token=token, via=via, summary=summary)
    reset = _actor.set(actor)
    try:
        yield actor
    finally:
        _actor.reset(reset)


@contextmanager
def change_set(
    *, summary: str, via: str | None = None, government_code: str = ""
) -> Iterator[Actor]:
    """A new change set inside the current actor's block: one import, one sizing."""
    outer = current_actor()
    actor = replace(
        outer,
        via=via or outer.via,
        summary=summary,
        government_code=government_code,
        change_set_id=uuid.uuid4(),
    )
    reset = _actor.set(actor)
    try:
        yield actor
    finally:
        _actor.reset(reset)


def identify(*, user: Any, token: str = "") -> None:
    """Name who is acting once an interface knows (an API token resolved after the middleware)."""
    _actor.set(replace(current_actor(), user=user, token=token))
