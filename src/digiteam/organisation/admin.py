"""The Django admin for organisation data: a fallback for administrators, not the everyday UI."""

from django.contrib import admin

from digiteam.audit.admin import RecordedAdmin
from digiteam.organisation.models import DigitalService, Government, Person, Position, Unit, Vendor


@admin.register(Government)
class GovernmentAdmin(RecordedAdmin):
    list_display = ["code", "name", "country", "currency", "illustrative"]
    fields = [
        "code",
        "name",
        "name_fr",
        "name_ar",
        "country",
        "languages",
        "currency",
        "unit_kinds",
        "illustrative",
        "check_config",
    ]


@admin.register(Unit)
class UnitAdmin(RecordedAdmin):
    list_display = ["code", "name", "kind", "government"]
    list_filter = ["government", "kind"]
    search_fields = ["code", "name", "name_fr"]
    readonly_fields = ["parent", "path", "depth"]  # moves go through organisation.tree


@admin.register(Position)
class PositionAdmin(RecordedAdmin):
    list_display = ["code", "role", "unit", "sourcing", "status", "fte"]
    list_filter = ["government", "status", "sourcing"]
    search_fields = ["code", "title", "role__title"]
    raw_id_fields = ["unit", "role", "reports_to", "dotted_to", "slot", "vendor"]


admin.site.register(DigitalService, RecordedAdmin)
admin.site.register(Vendor, RecordedAdmin)
admin.site.register(Person, RecordedAdmin)
