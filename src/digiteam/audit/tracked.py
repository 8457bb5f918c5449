"""Record what a block wrote to small tables by reading them before and after.

For loaders that write through many small services (the reference data, a GitBook import):
rather than each service recording its own writes, the tables are read in full before and after
the block (two queries per table) and compared. Only tables of reference size belong here; an
organisation is recorded row by row as it is written (``record_many``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import models

from digiteam.audit.choices import Action
from digiteam.audit.record import record_many, snapshot

Rows = dict[Any, tuple[models.Model, dict[str, Any]]]


def _read(model: type[models.Model], related: Sequence[str]) -> Rows:
    rows = model._default_manager.select_related(*related).order_by("pk")
    return {row.pk: (row, snapshot(row)) for row in rows}


def _key(values: dict[str, Any]) -> str:
    return json.dumps(values, sort_keys=True, default=str)


@contextmanager
def tracked(models_related: Mapping[type[models.Model], Sequence[str]]) -> Iterator[None]:
    """Record every row of these models the block creates, changes or deletes.

    ``models_related`` maps each model to the relations its ``str()`` reads (so naming a row
    reads nothing more). A row deleted and created again with the same values (a rule list
    rewritten in full) is no change, and is not recorded.
    """
    before = {model: _read(model, related) for model, related in models_related.items()}
    yield
    for model, related in models_related.items():
        old, new = before[model], _read(model, related)
        gone = [old[pk] for pk in old.keys() - new.keys()]
        made = [new[pk] for pk in new.keys() - old.keys()]
        gone, made = _without_rewrites(gone, made)
        changed = [
            (new[pk][0], old[pk][1])
            for pk in sorted(old.keys() & new.keys())
            if old[pk][1] != new[pk][1]
        ]
        record_many(Action.CREATE, [row for row, _ in made])
        record_many(Action.UPDATE, [row for row, _ in changed], [b for _, b in changed])
        record_many(Action.DELETE, [row for row, _ in gone], [b for _, b in gone])


def _without_rewrites(
    gone: list[tuple[models.Model, dict[str, Any]]],
    made: list[tuple[models.Model, dict[str, Any]]],
) -> tuple[list[tuple[models.Model, dict[str, Any]]], list[tuple[models.Model, dict[str, Any]]]]:
    """Drop the pairs of a deleted and a created row with the same values."""
    waiting: dict[str, list[int]] = defaultdict(list)
    for index, (_, values) in enumerate(gone):
        waiting[_key(values)].append(index)
    kept_made, matched = [], set()
    for row in made:
        indexes = waiting.get(_key(row[1]))
        if indexes:
            matched.add(indexes.pop())
        else:
            kept_made.append(row)
    return [row for i, row in enumerate(gone) if i not in matched], kept_made
