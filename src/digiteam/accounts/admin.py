"""Users and their memberships are managed in the Django admin, by administrators; they also
see every API token and may revoke one (a token is made by its user, on the API tokens page)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from digiteam.accounts.models import ApiToken, Membership
from digiteam.accounts.services import api_token_revoke, membership_scope_errors
from digiteam.audit.admin import RecordedAdmin, RecordedInlines


class MembershipForm(forms.ModelForm):
    unit_codes = forms.CharField(
        label=_("units"),
        required=False,
        help_text=_(
            "Codes of the units the role applies to, with every unit under them, separated by "
            "spaces or commas. Leave empty for the whole government."
        ),
    )

    class Meta:
        model = Membership
        fields = ["user", "government", "role", "unit_codes", "can_see_personal_data"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["unit_codes"] = " ".join(self.instance.unit_codes)

    def clean_unit_codes(self) -> list[str]:
        text = self.cleaned_data.get("unit_codes") or ""
        return list(dict.fromkeys(text.replace(",", " ").split()))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        government, codes = data.get("government"), data.get("unit_codes")
        if government is not None and codes:
            errors = membership_scope_errors(government=government, codes=codes)
            if errors:
                self.add_error("unit_codes", errors)
        return data


@admin.register(Membership)
class MembershipAdmin(RecordedAdmin):
    form = MembershipForm
    list_display = ["user", "government", "role", "unit_codes", "can_see_personal_data"]
    list_filter = ["government", "role", "can_see_personal_data"]
    ordering = ["government__name", "user__username"]
    search_fields = ["user__username", "user__email", "government__name"]
    raw_id_fields = ["user"]


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipForm
    fk_name = "user"
    extra = 0


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserWithMembershipsAdmin(RecordedInlines, UserAdmin):
    inlines = [MembershipInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens as their users see them (never a secret); revoking is the only change."""

    list_display = ["name", "user", "prefix", "read_write", "created", "expires", "revoked_at"]
    list_filter = ["read_write", "revoked_at"]
    search_fields = ["name", "prefix", "user__username"]
    fields = ["user", "name", "prefix", "read_write", "created", "expires", "revoked_at"]
    readonly_fields = ["user", "name", "prefix", "read_write", "created", "expires", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoked, a token stays listed: when it stopped, and whose it was

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            api_token_revoke(token=token)
