"""The audit trail is readable by administrators and changeable by nobody."""

from django.contrib import admin
from django.http import HttpRequest

from digiteam.audit.models import Change, ChangeSet


class ReadOnly(admin.ModelAdmin):
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
