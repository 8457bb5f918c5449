from django.contrib import admin

from digiteam.audit.admin import RecordedAdmin
from digiteam.taxonomy.models import ProficiencyScale, Role, RoleCategory, Skill


@admin.register(Role)
class RoleAdmin(RecordedAdmin):
    list_display = ["slug", "title", "title_fr", "isco08", "provenance_source", "is_group"]
    list_filter = ["provenance_source", "is_group", "categories"]
    search_fields = ["slug", "title", "title_fr", "aliases"]
    filter_horizontal = ["categories"]


admin.site.register(RoleCategory, RecordedAdmin)
admin.site.register(Skill, RecordedAdmin)
admin.site.register(ProficiencyScale, RecordedAdmin)
