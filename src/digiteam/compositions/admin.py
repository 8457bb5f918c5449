from django.contrib import admin

from digiteam.compositions.models import Template


@admin.register(Template)
class TemplateAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["slug", "name", "provenance_source"]
    search_fields = ["slug", "name"]
