"""The bulk edit of a selection of positions: it parses; ``position_bulk_update`` decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from digiteam.organisation.choices import PositionSourcing, PositionStatus
from digiteam.organisation.models import Position

KEEP = [("", _("Keep as it is"))]


class BulkPositionsForm(forms.Form):
    selected = forms.ModelMultipleChoiceField(
        label=_("Positions"),
        queryset=Position.objects.none(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one position."),
            "invalid_choice": _("A position you chose no longer exists: reload the list."),
        },
    )
    sourcing = forms.ChoiceField(
        label=_("New sourcing"), choices=KEEP + PositionSourcing.choices, required=False
    )
    status = forms.ChoiceField(
        label=_("New status"), choices=KEEP + PositionStatus.choices, required=False
    )

    def __init__(self, *args: Any, positions: QuerySet[Position], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["selected"].queryset = positions  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("sourcing") and not data.get("status"):
            raise forms.ValidationError(_("Choose a new sourcing, a new status or both."))
        return data

    def expected_versions(self) -> dict[int, int]:
        """The version of each chosen position the page showed (``version-<code>`` fields)."""
        versions: dict[int, int] = {}
        for position in self.cleaned_data.get("selected", []):
            value = self.data.get(f"version-{position.code}", "")
            if str(value).isdigit():
                versions[position.pk] = int(value)
        return versions
