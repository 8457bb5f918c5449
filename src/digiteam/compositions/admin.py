from django.contrib import admin

from digiteam.audit.admin import RecordedAdmin
from digiteam.compositions.models import Template


@admin.register(Template)
class TemplateAdmin(RecordedAdmin):
    list_display = ["slug", "name", "provenance_source"]
    search_fields = ["slug", "name"]
