"""Forms of the position pages: they parse; the services in organisation.services decide."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digiteam.accounts.guards import person_label
from digiteam.core.versioning import StaleVersion
from digiteam.organisation.choices import PositionSourcing, PositionStatus
from digiteam.organisation.models import Assignment, Government, Person, Position, Unit, Vendor
from digiteam.organisation.services import PositionFields
from digiteam.taxonomy.models import Role


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class LabelledChoice(forms.ModelChoiceField):
    """Choices labelled in the active language (``label``), not by ``str``."""

    def label_from_instance(self, obj: Any) -> str:
        return str(getattr(obj, "label", obj))


def describe_errors(form: forms.Form) -> forms.Form:
    """Tie each field to its error message (``aria-describedby``) and mark it invalid."""
    for name, field in form.fields.items():
        if name in form.errors:
            described = [f"{form[name].auto_id}-error"]
            if field.help_text:
                described.append(f"{form[name].auto_id}_helptext")
            field.widget.attrs["aria-describedby"] = " ".join(described)
            field.widget.attrs["aria-invalid"] = "true"
    return form


def _fte_in_range(value: Decimal | None) -> None:
    """The database's rule, checked with the other fields so that all errors show at once."""
    if value is not None and not Decimal(0) < value <= Decimal(1):
        raise ValidationError(_("FTE is more than 0 and at most 1."))


def stale_version_error(form: forms.Form, stale: StaleVersion, *, field: str = "version") -> None:
    """Say that someone saved first; keep the user's input, ready to save over theirs."""
    form.add_error(
        None,
        _(
            "Someone else saved this since you opened it (now version %(version)s). Your changes "
            "are below, not saved: check the current values in another tab, then save again to "
            "replace them."
        )
        % {"version": stale.current},
    )
    data = QueryDict(mutable=True)
    data.update(form.data)  # a QueryDict keeps every value of a multiple choice
    data[field] = str(stale.current)
    form.data = data


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's errors on the form's fields; those about other fields on the whole form."""
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class PositionForm(forms.Form):
    role = LabelledChoice(label=_("Role"), queryset=Role.objects.none(), to_field_name="slug")
    title = forms.CharField(label=_("Working title"), max_length=300, required=False)
    unit = LabelledChoice(label=_("Unit"), queryset=Unit.objects.none(), to_field_name="code")
    sourcing = forms.ChoiceField(label=_("Sourcing"), choices=PositionSourcing.choices)
    vendor = forms.ModelChoiceField(
        label=_("Vendor"),
        queryset=Vendor.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("None (the government)"),
    )
    fte = forms.DecimalField(
        label=_("FTE"),
        max_digits=4,
        decimal_places=2,
        initial=Decimal(1),
        help_text=_("The share of a full-time post: more than 0 and at most 1."),
        validators=[_fte_in_range],
    )
    grade = forms.CharField(label=_("Grade"), max_length=40, required=False)
    annual_cost = forms.DecimalField(
        label=_("Annual cost"), max_digits=14, decimal_places=2, required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=PositionStatus.choices)
    vacant_since = forms.DateField(label=_("Vacant since"), required=False, widget=DateInput())
    reports_to = forms.CharField(
        label=_("Reports to"),
        max_length=100,
        required=False,
        help_text=_("The code of the position this one reports to; blank for none."),
    )
    # The version the form was opened at (edits only): a save over someone else's is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(
        self, *args: Any, government: Government, units: QuerySet[Unit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.government = government
        self.fields["role"].queryset = Role.objects.filter(is_group=False)  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["vendor"].queryset = Vendor.objects.filter(government=government)  # type: ignore[attr-defined]

    def clean_reports_to(self) -> Position | None:
        code = self.cleaned_data["reports_to"].strip()
        if not code:
            return None
        try:
            return Position.objects.get(government=self.government, code=code)
        except Position.DoesNotExist:
            raise ValidationError(
                _("No position has the code “%(code)s”."), params={"code": code}
            ) from None

    def position_fields(self) -> PositionFields:
        data = self.cleaned_data
        return PositionFields(
            unit=data["unit"],
            role=data["role"],
            title=data["title"],
            sourcing=data["sourcing"],
            vendor=data["vendor"],
            fte=data["fte"],
            grade=data["grade"],
            annual_cost=data["annual_cost"],
            status=data["status"],
            vacant_since=data["vacant_since"],
            reports_to=data["reports_to"],
        )

    @staticmethod
    def initial_for(position: Position) -> dict[str, Any]:
        return {
            "role": position.role.slug,
            "title": position.title,
            "unit": position.unit.code,
            "sourcing": position.sourcing,
            "vendor": position.vendor.code if position.vendor else "",
            "fte": position.fte,
            "grade": position.grade,
            "annual_cost": position.annual_cost,
            "status": position.status,
            "vacant_since": position.vacant_since,
            "reports_to": position.reports_to.code if position.reports_to else "",
            "version": position.version,
        }


class AssignForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.none(), to_field_name="code"
    )
    start = forms.DateField(label=_("Start"), widget=DateInput())
    fte = forms.DecimalField(
        label=_("FTE"),
        max_digits=4,
        decimal_places=2,
        initial=Decimal(1),
        help_text=_("The share of the position this person holds: more than 0 and at most 1."),
        validators=[_fte_in_range],
    )

    def __init__(self, *args: Any, government: Government, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(government=government)  # type: ignore[attr-defined]
        self.fields["start"].initial = timezone.localdate()


class ReleaseForm(forms.Form):
    assignment = forms.ModelChoiceField(
        label=_("Assignment"),
        queryset=Assignment.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    end = forms.DateField(
        label=_("End"),
        widget=DateInput(),
        help_text=_("The last day the person holds the position."),
    )

    def __init__(
        self, *args: Any, position: Position, see_people: bool, today: datetime.date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        current = Q(end__isnull=True) | Q(end__gte=today)
        field = self.fields["assignment"]
        field.queryset = position.assignments.filter(current).select_related("person")  # type: ignore[attr-defined]
        field.label_from_instance = lambda a: _assignment_label(a, see_people)  # type: ignore[attr-defined]
        self.fields["end"].initial = today
        # Each current assignment's version when the form was opened: ending one that someone
        # else changed since is refused (see ``version_field``).
        for assignment in field.queryset:  # type: ignore[attr-defined]
            self.fields[self.version_field(assignment)] = forms.IntegerField(
                widget=forms.HiddenInput,
                required=False,
                min_value=1,
                initial=assignment.version,
            )

    @staticmethod
    def version_field(assignment: Assignment) -> str:
        return f"version_{assignment.pk}"


def _assignment_label(assignment: Assignment, see_people: bool) -> str:
    name = person_label(person=assignment.person, see_people=see_people)
    return str(
        _("%(name)s, since %(start)s (%(fte)s FTE)")
        % {"name": name, "start": assignment.start.isoformat(), "fte": assignment.fte}
    )
