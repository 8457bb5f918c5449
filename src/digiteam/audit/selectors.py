"""Reading the audit trail: change sets, changes, and their values in words.

The values are stored as the database holds them (a foreign key as an id); ``describe`` turns a
page of changes into rows a person reads (the unit's name, the status's label), in a fixed number
of queries per page whatever its length: one per kind of object named.
"""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext, gettext_lazy

from digiteam.audit.choices import Action
from digiteam.audit.models import Change, ChangeSet

# Stored for the record, not shown: kept up by the system, not chosen by anyone.
NOT_SHOWN = frozenset({"version", "path", "depth", "sized_as", "government_id"})
# Models whose values are personal data: shown only to whoever may see people.
PERSONAL = frozenset({("organisation", "person"), ("organisation", "assignment")})
HIDDEN = gettext_lazy("hidden (personal data)")


@dataclass(frozen=True)
class Filters:
    """What the changes page and its exports are narrowed to (all optional)."""

    user: str = ""
    via: str = ""
    kind: ContentType | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    change_set: uuid.UUID | None = None


def change_sets(*, government_code: str, filters: Filters) -> QuerySet[ChangeSet]:
    """A government's change sets, newest first, narrowed by ``filters``."""
    sets = ChangeSet.objects.filter(government_code=government_code)
    if filters.change_set:
        sets = sets.filter(pk=filters.change_set)
    if filters.user:
        sets = sets.filter(username=filters.user)
    if filters.via:
        sets = sets.filter(via=filters.via)
    if filters.start:
        sets = sets.filter(at__date__gte=filters.start)
    if filters.end:
        sets = sets.filter(at__date__lte=filters.end)
    if filters.kind is not None:
        sets = sets.filter(_with_changes_of(filters.kind))
    return sets.select_related("user").order_by("-at")


def _with_changes_of(kind: ContentType) -> Q:
    return Q(pk__in=Change.objects.filter(content_type=kind).values("change_set_id"))


def changes(*, government_code: str, filters: Filters) -> QuerySet[Change]:
    """The changes of the change sets ``change_sets`` finds, oldest first within each set."""
    found = Change.objects.filter(
        change_set__in=change_sets(government_code=government_code, filters=filters).values("pk")
    )
    if filters.kind is not None:
        found = found.filter(content_type=filters.kind)
    return found.select_related("change_set", "content_type").order_by("-change_set__at", "id")


def object_changes(*, kind: ContentType, object_id: int) -> QuerySet[Change]:
    """Everything recorded about one object, newest first (it may no longer exist)."""
    return (
        Change.objects.filter(content_type=kind, object_id=object_id)
        .select_related("change_set", "change_set__user", "content_type")
        .order_by("-change_set__at", "-id")
    )


def recorded_object_id(*, kind: ContentType, code: str, government_id: int) -> int | None:
    """The id an object with this code had in this government, found in its recorded values."""
    for side in ("after", "before"):
        found = (
            Change.objects.filter(
                Q(**{f"{side}__code": code}) & Q(**{f"{side}__government_id": government_id}),
                content_type=kind,
            )
            .order_by("-id")
            .values_list("object_id", flat=True)
            .first()
        )
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class Value:
    field: str  # the field's name in words
    before: str
    after: str


@dataclass
class Described:
    change: Change
    kind: str  # "position", in words
    name: str
    values: list[Value] = field(default_factory=list)
    personal: bool = False


def _fields(model: type[models.Model] | None) -> dict[str, models.Field[Any, Any]]:
    if model is None:
        return {}
    return {f.attname: f for f in model._meta.concrete_fields}


def _related_model(f: models.Field[Any, Any] | None) -> type[models.Model] | None:
    if f is not None and f.many_to_one and f.related_model is not None:
        return f.related_model  # type: ignore[return-value]
    return None


def _labels(wanted: dict[type[models.Model], set[Any]], see_people: bool) -> dict[Any, str]:
    """``(model, id) -> name`` for every object the values name; recorded names for the gone."""
    labels: dict[Any, str] = {}
    for model, ids in wanted.items():
        personal = (model._meta.app_label, model._meta.model_name) in PERSONAL
        related = [
            f.name
            for f in model._meta.concrete_fields
            if f.many_to_one and f.name in {"role", "unit", "function"}
        ]
        for obj in model._default_manager.select_related(*related).filter(pk__in=ids):
            labels[(model, obj.pk)] = str(HIDDEN) if personal and not see_people else str(obj)
        missing = ids - {pk for m, pk in labels if m is model}
        if missing:
            kind = ContentType.objects.get_for_model(model)
            gone = Change.objects.filter(content_type=kind, object_id__in=missing).order_by("id")
            for pk, name in gone.values_list("object_id", "object_repr"):
                shown = str(HIDDEN) if personal and not see_people else name
                labels[(model, pk)] = gettext("%(name)s (deleted)") % {"name": shown}
    return labels


def _shown(f: models.Field[Any, Any] | None, value: Any, labels: dict[Any, str]) -> str:
    if value is None or value == "":
        return "—"
    target = _related_model(f)
    if target is not None:
        return labels.get((target, value), f"#{value}")
    if f is not None and f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items()) or "—"
    return str(value)


def describe(changes: Sequence[Change] | Iterable[Change], *, see_people: bool) -> list[Described]:
    """Each change with its object named and its values in words (one query per kind named)."""
    changes = list(changes)
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for change in changes:
        fields = _fields(change.content_type.model_class())
        for values in (change.before or {}, change.after or {}):
            for key, value in values.items():
                target = _related_model(fields.get(key))
                if target is not None and value is not None:
                    wanted[target].add(value)
    labels = _labels(wanted, see_people)
    out = []
    for change in changes:
        model = change.content_type.model_class()
        fields = _fields(model)
        personal = (change.content_type.app_label, change.content_type.model) in PERSONAL
        hide = personal and not see_people
        before, after = change.before or {}, change.after or {}
        keys = (
            change.changed_fields()
            if change.action == Action.UPDATE
            else sorted((before or after).keys())
        )
        values = []
        for key in keys:
            if key in NOT_SHOWN:
                continue
            f = fields.get(key)
            name = str(f.verbose_name) if f is not None else key
            if hide and key not in {"position_id", "code", "start", "end", "fte"}:
                shown_before = shown_after = str(HIDDEN)
            else:
                shown_before = _shown(f, before.get(key), labels) if before else ""
                shown_after = _shown(f, after.get(key), labels) if after else ""
            values.append(Value(name, shown_before, shown_after))
        kind = str(model._meta.verbose_name) if model is not None else change.content_type.model
        code = (after or before).get("code", "")
        name = (f"{kind} {code}".strip() if hide else change.object_repr) or kind
        out.append(Described(change, kind, name, values, personal))
    return out
