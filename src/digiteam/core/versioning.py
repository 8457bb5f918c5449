"""Optimistic concurrency: every editable object carries a version that each update raises.

An interface that read version 3 passes ``expected=3``; if someone saved in between, the update
raises ``StaleVersion`` and changes nothing (the API answers 412, the web form says so).
"""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.utils.translation import gettext as _

M = TypeVar("M", bound=models.Model)


class StaleVersion(Exception):
    def __init__(self, current: int) -> None:
        self.current = current
        super().__init__(
            _("Someone else changed this since you opened it (now version %(version)s).")
            % {"version": current}
        )


def version_field() -> models.PositiveIntegerField:
    from django.utils.translation import gettext_lazy

    return models.PositiveIntegerField(gettext_lazy("version"), default=1, editable=False)


def bump(instance: models.Model, expected: int | None = None) -> None:
    """Lock the stored row, refuse a stale ``expected`` version, and raise the version by one.

    Call inside the update's transaction, before saving ``instance``.
    """
    stored = (
        type(instance)._default_manager.select_for_update().values_list("version", flat=True)
    ).get(pk=instance.pk)
    if expected is not None and expected != stored:
        raise StaleVersion(stored)
    instance.version = stored + 1  # type: ignore[attr-defined]


def locked(instance: M, expected_version: int | None = None) -> M:
    """The stored row of ``instance``, locked; ``StaleVersion`` if someone saved it since.

    For a write that checks the version without raising it (a delete, a move that does not
    happen): ``bump`` is for updates.
    """
    stored = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    current: int = stored.version  # type: ignore[attr-defined]
    if expected_version is not None and expected_version != current:
        raise StaleVersion(current)
    return stored
