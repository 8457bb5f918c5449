"""Record changes under the current change set; rows are inserted, never updated."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router

from digiteam.audit.choices import Action
from digiteam.audit.context import current_actor
from digiteam.audit.models import Change, ChangeSet

BATCH = 2000


_AS_IS = frozenset({str, int, bool, float, type(None), list, dict})  # JSON already


def _plain(value: Any) -> Any:
    if type(value) in _AS_IS:  # the common case first: a bulk import calls this per value
        return value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The object's stored values, JSON-ready; a foreign key as its id (``unit_id``)."""
    return {
        field.attname: _plain(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if not field.primary_key
    }


def _repr(instance: models.Model) -> str:
    code = getattr(instance, "code", "")
    text = str(instance)
    return (f"{text} ({code})" if code and code != text else text)[:300]


def _government_code(instance: models.Model) -> str:
    government = getattr(instance, "government", None)
    return getattr(government, "code", "") if government is not None else ""


def _change_set(sample: models.Model | None) -> ChangeSet:
    actor = current_actor()
    user = actor.user
    change_set, _ = ChangeSet.objects.get_or_create(
        id=actor.change_set_id,
        defaults={
            "user": user,
            "username": getattr(user, "username", "") if user is not None else actor.username,
            "token": actor.token,
            "via": actor.via,
            "summary": actor.summary,
            "government_code": actor.government_code
            or (_government_code(sample) if sample is not None else ""),
        },
    )
    return change_set


def _change(
    change_set: ChangeSet,
    action: str,
    instance: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    label: str | None = None,
) -> Change:
    return Change(
        change_set=change_set,
        action=action,
        content_type=ContentType.objects.get_for_model(instance),
        object_id=instance.pk,
        object_repr=_repr(instance) if label is None else label[:300],
        before=before,
        after=after,
    )


def record_create(instance: models.Model) -> Change:
    change = _change(_change_set(instance), Action.CREATE, instance, None, snapshot(instance))
    change.save()
    return change


def record_update(instance: models.Model, before: dict[str, Any]) -> Change | None:
    """Record an update from ``before`` (a ``snapshot`` taken first); nothing if nothing changed."""
    after = snapshot(instance)
    if after == before:
        return None
    change = _change(_change_set(instance), Action.UPDATE, instance, before, after)
    change.save()
    return change


def record_delete(instance: models.Model, before: dict[str, Any] | None = None) -> Change:
    """Record a deletion; call before ``delete()`` (the id is gone after) or pass ``before``."""
    values = before if before is not None else snapshot(instance)
    change = _change(_change_set(instance), Action.DELETE, instance, values, None)
    change.save()
    return change


def record_many(
    action: str,
    instances: Iterable[models.Model],
    befores: Sequence[dict[str, Any] | None] | None = None,
    label: Callable[[Any], str] | None = None,
) -> int:
    """Record a bulk create, update or delete in batches: one change set, one row per object.

    ``label`` names each object instead of ``str()``, whenever that would read a related row
    (a position without a title names its role): a query per object in a bulk write.
    The rows go in with one ``executemany`` per batch, not through model instances: an import
    of 100,000 positions writes as many audit rows, and the ORM would double its time.
    """
    count = 0
    batch: list[tuple[Any, ...]] = []
    change_set: ChangeSet | None = None
    for index, instance in enumerate(instances):
        if change_set is None:
            change_set = _change_set(instance)
        before = befores[index] if befores is not None else None
        after = None if action == Action.DELETE else snapshot(instance)
        if action == Action.DELETE and before is None:
            before = snapshot(instance)
        name = label(instance) if label is not None else _repr(instance)
        content_type = ContentType.objects.get_for_model(instance)
        batch.append(
            (change_set.pk, action, content_type.pk, instance.pk, name[:300], before, after)
        )
        if len(batch) >= BATCH:
            count += _insert(batch)
            batch = []
    if batch:
        count += _insert(batch)
    return count


def record_deleted_rows(
    model: type[models.Model],
    rows: Iterable[dict[str, Any]],
    label: Callable[[dict[str, Any]], str],
) -> int:
    """Record the deletion of rows read with ``.values()``, before they are deleted.

    Each row holds the model's stored values by attribute name (``unit_id``) and whatever
    ``label`` names it from. For deletions by the table: at 100,000 rows, building model
    instances would cost more than the deletion itself.
    """
    fields = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
    pk = model._meta.pk.attname if model._meta.pk is not None else "id"
    kind = ContentType.objects.get_for_model(model)
    count = 0
    batch: list[tuple[Any, ...]] = []
    change_set: ChangeSet | None = None
    for row in rows:
        if change_set is None:
            change_set = _change_set(None)
        before = {name: _plain(row[name]) for name in fields}
        batch.append(
            (change_set.pk, Action.DELETE, kind.pk, row[pk], label(row)[:300], before, None)
        )
        if len(batch) >= BATCH:
            count += _insert(batch)
            batch = []
    if batch:
        count += _insert(batch)
    return count


def values_for_record(model: type[models.Model]) -> list[str]:
    """The columns ``record_deleted_rows`` needs (add those ``label`` reads)."""
    return [f.attname for f in model._meta.concrete_fields]


COLUMNS = ("change_set_id", "action", "content_type_id", "object_id", "object_repr")


def _insert(rows: list[tuple[Any, ...]]) -> int:
    """INSERT the rows of ``record_many``, each value prepared as the ORM would prepare it."""
    connection = connections[router.db_for_write(Change)]
    quote = connection.ops.quote_name
    json_field = Change._meta.get_field("before")
    set_field = Change._meta.get_field("change_set")
    columns = ", ".join(quote(c) for c in (*COLUMNS, "before", "after"))
    sql = (
        f"INSERT INTO {quote(Change._meta.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * (len(COLUMNS) + 2))})"
    )

    def json(value: Any) -> Any:
        return None if value is None else json_field.get_db_prep_save(value, connection)

    params = [
        (set_field.get_db_prep_save(set_id, connection), *rest, json(before), json(after))
        for set_id, *rest, before, after in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return len(rows)
