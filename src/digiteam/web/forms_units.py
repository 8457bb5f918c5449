"""Forms of the unit pages: they parse; ``organisation.services_units`` decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from digiteam.organisation.models import Government, Unit
from digiteam.organisation.services_units import UnitFields, unit_kinds
from digiteam.web.forms_positions import LabelledChoice
from digiteam.web.templatetags.digiteam_org import unit_kind


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    name_fr = forms.CharField(label=_("Name in French"), max_length=300, required=False)
    name_ar = forms.CharField(label=_("Name in Arabic"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("Kind"))
    code = forms.SlugField(
        label=_("Code"),
        max_length=100,
        help_text=_("Letters, digits and hyphens, unique in the government."),
    )
    tags = forms.CharField(
        label=_("Tags"),
        max_length=1000,
        required=False,
        help_text=_("Separated by commas, e.g. “digital, shared-service”."),
    )
    # The version the form was opened at (edits only): a save over someone else's is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, government: Government, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = unit_kinds(government)
        self.fields["kind"].choices = [(kind, unit_kind(kind)) for kind in kinds]  # type: ignore[attr-defined]

    def unit_fields(self) -> UnitFields:
        data = self.cleaned_data
        tags = [tag.strip() for tag in data["tags"].split(",") if tag.strip()]
        return UnitFields(
            code=data["code"],
            kind=data["kind"],
            name=data["name"],
            name_fr=data["name_fr"],
            name_ar=data["name_ar"],
            tags=tags,
        )

    @staticmethod
    def initial_for(unit: Unit) -> dict[str, Any]:
        return {
            "name": unit.name,
            "name_fr": unit.name_fr,
            "name_ar": unit.name_ar,
            "kind": unit.kind,
            "code": unit.code,
            "tags": ", ".join(unit.tags),
            "version": unit.version,
        }


class IndentedUnit(LabelledChoice):
    """Units in tree order, each indented by its depth so the choice reads as the tree."""

    def label_from_instance(self, obj: Any) -> str:
        return "\u2003" * obj.depth + super().label_from_instance(obj)


class MoveForm(forms.Form):
    parent = IndentedUnit(
        label=_("New parent unit"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        help_text=_("The unit moves with everything under it: its units, positions and people."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, parents: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
