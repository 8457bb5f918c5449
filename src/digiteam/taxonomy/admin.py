from django.contrib import admin

from digiteam.taxonomy.models import ProficiencyScale, Role, RoleCategory, Skill


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["slug", "title", "title_fr", "isco08", "provenance_source", "is_group"]
    list_filter = ["provenance_source", "is_group", "categories"]
    search_fields = ["slug", "title", "title_fr", "aliases"]
    filter_horizontal = ["categories"]


admin.site.register(RoleCategory)
admin.site.register(Skill)
admin.site.register(ProficiencyScale)
