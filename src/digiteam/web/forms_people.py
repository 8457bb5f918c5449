"""Forms of the people pages: they parse; ``organisation.services_people`` decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from digiteam.organisation.models import Government, Person, Vendor
from digiteam.organisation.services_people import PersonFields


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email"), required=False)
    employer = forms.ModelChoiceField(
        label=_("Employer"),
        queryset=Vendor.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("The government"),
        help_text=_("A vendor when the person is a contractor's or a consultancy's staff."),
    )
    code = forms.SlugField(
        label=_("Code"),
        max_length=100,
        required=False,
        help_text=_(
            "Letters, digits and hyphens, unique in the government; blank: made from the name."
        ),
    )
    # The version the form was opened at (edits only): a save over someone else's is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, government: Government, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Vendor.objects.filter(government=government)  # type: ignore[attr-defined]

    def person_fields(self) -> PersonFields:
        data = self.cleaned_data
        return PersonFields(name=data["name"], email=data["email"], employer=data["employer"])

    @staticmethod
    def initial_for(person: Person) -> dict[str, Any]:
        return {
            "name": person.name,
            "email": person.email,
            "employer": person.employer.code if person.employer else "",
            "code": person.code,
            "version": person.version,
        }
