"""The unit tree: materialised paths, kept by these functions only.

A path lists the ids from the root down, "/1/7/42/". The subtree of a unit is the index range
[path, path + "~"): "~" sorts after every digit and "/", so one B-tree range scan serves on
SQLite and PostgreSQL alike, with no LIKE and no recursion.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Concat, Substr

from digiteam.organisation.models import Unit

END = "~"


def path_for(parent: Unit | None, unit_id: int) -> str:
    return f"{parent.path if parent else '/'}{unit_id}/"


def subtree_filter(path: str, prefix: str = "") -> dict[str, str]:
    """Keyword filters selecting a subtree (``prefix`` e.g. "unit__" for related models)."""
    return {f"{prefix}path__gte": path, f"{prefix}path__lt": path + END}


def unit_subtree(*, unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(government_id=unit.government_id, **subtree_filter(unit.path))


class TreeError(ValueError):
    pass


@transaction.atomic
def unit_move(*, unit: Unit, parent: Unit | None) -> Unit:
    """Move a unit and its subtree under ``parent``; a move into its own subtree is refused."""
    if parent is not None:
        if parent.government_id != unit.government_id:
            raise TreeError("a unit cannot move to another government")
        if parent.path.startswith(unit.path):
            raise TreeError(f"'{parent.code}' is inside '{unit.code}': that would make a cycle")
    old, new = unit.path, path_for(parent, unit.pk)
    depth_change = (parent.depth + 1 if parent else 0) - unit.depth
    unit_subtree(unit=unit).update(
        path=Concat(Value(new), Substr(F("path"), len(old) + 1)),
        depth=F("depth") + depth_change,
    )
    Unit.objects.filter(pk=unit.pk).update(parent=parent)
    unit.refresh_from_db()
    return unit
