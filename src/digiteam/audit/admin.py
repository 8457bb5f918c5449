"""The audit trail in the admin: readable by administrators, changeable by nobody.

``RecordedAdmin`` is the base of every other ModelAdmin of digiteam: what an administrator
saves or deletes in the admin is recorded like any other change, through "admin". User
accounts are not recorded (their row holds the password hash); the memberships edited inline
on a user's page are (``RecordedInlines``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.db import models, router
from django.db.models import QuerySet
from django.http import HttpRequest

from digiteam.audit.choices import Action, Via
from digiteam.audit.context import acting
from digiteam.audit.models import Change, ChangeSet
from digiteam.audit.record import record_create, record_many, record_update, snapshot
from digiteam.core.versioning import bump


class RecordedInlines(admin.ModelAdmin):  # type: ignore[type-arg]
    """The rows of inline forms (a user's memberships) recorded like the object's own."""

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        with acting(user=request.user, via=Via.ADMIN):
            saved = formset.save(commit=False)
            for obj in formset.deleted_objects:
                _record_deletion([obj])
                obj.delete()
            for obj in saved:
                stored = type(obj)._default_manager.filter(pk=obj.pk).first() if obj.pk else None
                if stored is None:
                    obj.save()
                    record_create(obj)
                else:
                    before = snapshot(stored)
                    obj.save()
                    record_update(obj, before)
            formset.save_m2m()


class RecordedAdmin(RecordedInlines):
    """Saves and deletes recorded as the administrator's change set, through the admin.

    A deletion records every row it takes with it (what the admin's confirmation page lists).
    A versioned object's version is raised by a save, as the services raise it.
    """

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with acting(user=request.user, via=Via.ADMIN):
            if not change:
                super().save_model(request, obj, form, change)
                record_create(obj)
                return
            stored = type(obj)._default_manager.get(pk=obj.pk)
            before = snapshot(stored)
            if hasattr(obj, "version"):
                bump(obj)
            super().save_model(request, obj, form, change)
            record_update(obj, before)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with acting(user=request.user, via=Via.ADMIN):
            _record_deletion([obj])
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        with acting(user=request.user, via=Via.ADMIN):
            _record_deletion(list(queryset))
            super().delete_queryset(request, queryset)


def _record_deletion(objects: list[models.Model]) -> None:
    """Record the objects and every row their deletion cascades to (one query per table)."""
    if not objects:
        return
    collector = NestedObjects(using=router.db_for_write(type(objects[0])))
    collector.collect(objects)
    for model, instances in collector.data.items():
        if not model._meta.auto_created:  # a many-to-many table: see docs/audit.md
            record_many(Action.DELETE, list(instances))


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ChangeSet)
class ChangeSetAdmin(ReadOnly):
    list_display = ["at", "username", "token", "via", "summary", "government_code"]
    list_filter = ["via"]
    search_fields = ["username", "summary", "government_code"]


@admin.register(Change)
class ChangeAdmin(ReadOnly):
    list_display = ["change_set", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr"]
