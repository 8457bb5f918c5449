"""Position pages: the filtered list, and creating, editing, retiring and staffing a position.

Each view parses the request, checks the user's access (``accounts.guards``), calls a service
of ``organisation.services`` and redirects with a message, or renders the form with its errors.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from digiteam.accounts.guards import PageAccess, require_edit
from digiteam.accounts.permissions import Access, access_get, editable_units
from digiteam.core.versioning import StaleVersion
from digiteam.organisation.choices import PositionSourcing, PositionStatus
from digiteam.organisation.filters import PositionFilter, position_filter
from digiteam.organisation.models import Assignment, Government, Position, Unit
from digiteam.organisation.selectors_web import government_get, position_get, unit_choices
from digiteam.organisation.services import (
    assignment_end,
    assignment_start,
    position_create,
    position_retire,
    position_update,
)
from digiteam.taxonomy.models import Role
from digiteam.web.forms_positions import (
    AssignForm,
    PositionForm,
    ReleaseForm,
    add_service_errors,
    describe_errors,
    stale_version_error,
)
from digiteam.web.sorting import sort_columns

NAV = "org"
PER_PAGE = 50
COLUMNS = [
    ("unit", gettext_lazy("Unit")),
    ("role", gettext_lazy("Role")),
    ("title", gettext_lazy("Working title")),
    ("sourcing", gettext_lazy("Sourcing")),
    ("fte", gettext_lazy("FTE")),
    ("status", gettext_lazy("Status")),
    ("vacant_since", gettext_lazy("Vacant since")),
]


def _government(code: str) -> Government:
    try:
        return government_get(code=code)
    except Government.DoesNotExist:
        raise Http404 from None


def _access(request: HttpRequest, government: Government) -> Access:
    access = access_get(user=request.user, government_id=government.pk)
    if access is None:
        raise Http404
    return access


def _position(gov: str, code: str) -> Position:
    try:
        return position_get(government_code=gov, code=code)
    except Position.DoesNotExist:
        raise Http404 from None


def _position_url(position: Position) -> str:
    return reverse("web:org-position", args=[position.government.code, position.code])


@require_safe
def position_list(request: HttpRequest, gov: str) -> HttpResponse:
    government = _government(gov)
    access = _access(request, government)
    params = PositionFilter.from_query(request.GET.dict())
    units = Unit.objects.filter(access.unit_filter()).order_by("path")
    unit = units.filter(code=params.unit).first() if params.unit else None
    # plain rows, and not every unit of a national government (docs/performance.md)
    choices = unit_choices(units=units, chosen=unit)
    today = timezone.localdate()
    current = Q(start__lte=today) & (Q(end__isnull=True) | Q(end__gte=today))
    visible = (
        Position.objects.filter(access.unit_filter("unit__"))
        .select_related("role", "unit")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(current).select_related("person"),
                to_attr="current_assignments",
            )
        )
    )
    found = position_filter(queryset=visible, params=params, unit=unit)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "government": government,
        "access": PageAccess(see_people=access.see_people, can_edit=access.can_edit),
        "params": params,
        "unit_choices": choices.options,
        "unit_choices_shortened": choices.shortened,
        # the roles in use, as a semi-join (a DISTINCT over the join read every position)
        "roles": Role.objects.filter(
            pk__in=Position.objects.filter(government=government).values("role_id")
        ),
        "sourcings": PositionSourcing.choices,
        "statuses": PositionStatus.choices,
        "columns": sort_columns(
            request, COLUMNS, sort_column=params.sort_column, descending=params.descending
        ),
        "page": page,
        "query": query.urlencode(),
        "nav": NAV,
    }
    return render(request, "web/org/positions.html", context)


def _form_page(
    request: HttpRequest, template: str, context: dict[str, object], status: int = 200
) -> HttpResponse:
    form = context.get("form")
    if form is not None:
        describe_errors(form)  # type: ignore[arg-type]
    return render(request, template, {"nav": NAV, **context}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def position_new(request: HttpRequest, gov: str) -> HttpResponse:
    government = _government(gov)
    if not _access(request, government).can_edit:
        raise PermissionDenied
    units = Unit.objects.filter(editable_units(user=request.user, government=government))
    initial: dict[str, object] = {"fte": 1, "status": PositionStatus.PLANNED}
    if code := request.GET.get("unit", ""):
        unit = units.filter(code=code).first()
        if unit is None:
            raise PermissionDenied
        initial["unit"] = unit.code
    form = PositionForm(request.POST or None, initial=initial, government=government, units=units)
    if request.method == "POST" and form.is_valid():
        require_edit(request.user, form.cleaned_data["unit"])
        try:
            position = position_create(government=government, fields=form.position_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Position saved."))
            return redirect(_position_url(position))
    context = {"government": government, "form": form, "position": None}
    status = 400 if form.is_bound else 200
    return _form_page(request, "web/org/positions_form.html", context, status)


@require_http_methods(["GET", "HEAD", "POST"])
def position_edit(request: HttpRequest, gov: str, code: str) -> HttpResponse:
    position = _position(gov, code)
    require_edit(request.user, position.unit)
    government = position.government
    units = Unit.objects.filter(editable_units(user=request.user, government=government))
    form = PositionForm(
        request.POST or None,
        initial=PositionForm.initial_for(position),
        government=government,
        units=units,
    )
    if request.method == "POST" and form.is_valid():
        require_edit(request.user, form.cleaned_data["unit"])
        try:
            position_update(
                position=position,
                fields=form.position_fields(),
                expected_version=form.cleaned_data["version"],
            )
        except StaleVersion as stale:
            stale_version_error(form, stale)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Position saved."))
            return redirect(_position_url(position))
    context = {"government": government, "form": form, "position": position}
    status = 400 if form.is_bound else 200
    return _form_page(request, "web/org/positions_form.html", context, status)


@require_http_methods(["GET", "HEAD", "POST"])
def position_retire_confirm(request: HttpRequest, gov: str, code: str) -> HttpResponse:
    position = _position(gov, code)
    require_edit(request.user, position.unit)
    errors: list[str] = []
    if request.method == "POST":
        unit = position.unit
        version = request.POST.get("version", "")
        try:
            position_retire(
                position=position, expected_version=int(version) if version.isdigit() else None
            )
        except StaleVersion as stale:
            errors = [str(stale)]
            position.refresh_from_db()
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Position retired."))
            return HttpResponseRedirect(
                reverse("web:org-unit", args=[position.government.code, unit.code])
            )
    context = {"government": position.government, "position": position, "errors": errors}
    return _form_page(request, "web/org/positions_retire.html", context, 400 if errors else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def position_assign(request: HttpRequest, gov: str, code: str) -> HttpResponse:
    position = _position(gov, code)
    if not require_edit(request.user, position.unit).see_people:
        raise PermissionDenied
    form = AssignForm(request.POST or None, government=position.government)
    if request.method == "POST" and form.is_valid():
        try:
            assignment_start(
                position=position,
                person=form.cleaned_data["person"],
                start=form.cleaned_data["start"],
                fte=form.cleaned_data["fte"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Person assigned."))
            return redirect(_position_url(position))
    context = {"government": position.government, "position": position, "form": form}
    status = 400 if form.is_bound else 200
    return _form_page(request, "web/org/positions_assign.html", context, status)


@require_http_methods(["GET", "HEAD", "POST"])
def position_release(request: HttpRequest, gov: str, code: str) -> HttpResponse:
    position = _position(gov, code)
    access = require_edit(request.user, position.unit)
    today: datetime.date = timezone.localdate()
    form = ReleaseForm(
        request.POST or None, position=position, see_people=access.see_people, today=today
    )
    if request.method == "POST" and form.is_valid():
        assignment = form.cleaned_data["assignment"]
        version = ReleaseForm.version_field(assignment)
        try:
            assignment_end(
                assignment=assignment,
                end=form.cleaned_data["end"],
                expected_version=form.cleaned_data.get(version),
            )
        except StaleVersion as stale:
            stale_version_error(form, stale, field=version)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Assignment ended."))
            return redirect(_position_url(position))
    context = {"government": position.government, "position": position, "form": form}
    status = 400 if form.is_bound else 200
    return _form_page(request, "web/org/positions_release.html", context, status)
