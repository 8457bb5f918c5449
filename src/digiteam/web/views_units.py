"""Unit pages: add a unit under another, edit, move with everything under it, delete.

Each needs an editing scope over the unit (403 otherwise; 404 for another government); a move
also needs it over the new parent, so only units of the scope are offered. The services of
``organisation.services_units`` decide what is allowed in the tree.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from digiteam.accounts.guards import require_edit
from digiteam.accounts.permissions import editable_units
from digiteam.core.versioning import StaleVersion
from digiteam.organisation.choices import UnitKind
from digiteam.organisation.models import Position, Unit
from digiteam.organisation.selectors_web import unit_get
from digiteam.organisation.services_units import unit_create, unit_delete, unit_move, unit_update
from digiteam.organisation.tree import subtree_filter
from digiteam.web.forms_positions import add_service_errors, describe_errors, stale_version_error
from digiteam.web.forms_units import MoveForm, UnitForm

NAV = "org"
# The kind a new unit probably has, from its parent's.
CHILD_KIND = {
    UnitKind.GOVERNMENT: UnitKind.MINISTRY,
    UnitKind.MINISTRY: UnitKind.DEPARTMENT,
    UnitKind.DEPARTMENT: UnitKind.TEAM,
    UnitKind.AGENCY: UnitKind.TEAM,
}


def _unit(gov: str, code: str) -> Unit:
    try:
        return unit_get(government_code=gov, code=code)
    except Unit.DoesNotExist:
        raise Http404 from None


def _unit_url(unit: Unit) -> str:
    return reverse("web:org-unit", args=[unit.government.code, unit.code])


def _render(
    request: HttpRequest, template: str, context: dict[str, object], bound: bool
) -> HttpResponse:
    form = context.get("form")
    if form is not None:
        describe_errors(form)  # type: ignore[arg-type]
    return render(request, template, {"nav": NAV, **context}, status=400 if bound else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def unit_new(request: HttpRequest, gov: str, code: str) -> HttpResponse:
    parent = _unit(gov, code)
    require_edit(request.user, parent)
    government = parent.government
    initial = {"kind": CHILD_KIND.get(parent.kind, UnitKind.TEAM)}  # type: ignore[call-overload]
    form = UnitForm(request.POST or None, initial=initial, government=government)
    if request.method == "POST" and form.is_valid():
        try:
            unit = unit_create(government=government, parent=parent, fields=form.unit_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Unit saved."))
            return redirect(_unit_url(unit))
    context = {"government": government, "form": form, "unit": None, "parent": parent}
    return _render(request, "web/org/unit_form.html", context, form.is_bound)


@require_http_methods(["GET", "HEAD", "POST"])
def unit_edit(request: HttpRequest, gov: str, code: str) -> HttpResponse:
    unit = _unit(gov, code)
    require_edit(request.user, unit)
    government = unit.government
    form = UnitForm(request.POST or None, initial=UnitForm.initial_for(unit), government=government)
    if request.method == "POST" and form.is_valid():
        try:
            unit_update(
                unit=unit, fields=form.unit_fields(), expected_version=form.cleaned_data["version"]
            )
        except StaleVersion as stale:
            stale_version_error(form, stale)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Unit saved."))
            return redirect(_unit_url(unit))
    context = {"government": government, "form": form, "unit": unit, "parent": unit.parent}
    return _render(request, "web/org/unit_form.html", context, form.is_bound)


@require_http_methods(["GET", "HEAD", "POST"])
def unit_move_page(request: HttpRequest, gov: str, code: str) -> HttpResponse:
    unit = _unit(gov, code)
    require_edit(request.user, unit)
    government = unit.government
    parents = (
        Unit.objects.filter(editable_units(user=request.user, government=government))
        .exclude(**subtree_filter(unit.path))
        .order_by("path")
    )
    initial = {"parent": unit.parent.code if unit.parent else "", "version": unit.version}
    form = MoveForm(request.POST or None, initial=initial, parents=parents)
    if request.method == "POST" and form.is_valid():
        parent = form.cleaned_data["parent"]
        require_edit(request.user, parent)
        try:
            unit_move(unit=unit, new_parent=parent, expected_version=form.cleaned_data["version"])
        except StaleVersion as stale:
            stale_version_error(form, stale)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("“%(unit)s” is now under “%(parent)s”.")
                % {"unit": unit.label, "parent": parent.label},
            )
            return redirect(_unit_url(unit))
    inside = subtree_filter(unit.path, prefix="unit__")
    crossing = (
        Position.objects.filter(reports_to__isnull=False, **inside)
        .exclude(**subtree_filter(unit.path, prefix="reports_to__unit__"))
        .select_related("role", "reports_to__role", "reports_to__unit")
        .order_by("code")
    )
    context = {"government": government, "form": form, "unit": unit, "crossing": crossing}
    return _render(request, "web/org/unit_move.html", context, form.is_bound)


@require_http_methods(["GET", "HEAD", "POST"])
def unit_delete_confirm(request: HttpRequest, gov: str, code: str) -> HttpResponse:
    unit = _unit(gov, code)
    require_edit(request.user, unit)
    errors: list[str] = []
    if request.method == "POST":
        version = request.POST.get("version", "")
        parent = unit.parent
        try:
            unit_delete(unit=unit, expected_version=int(version) if version.isdigit() else None)
        except StaleVersion as stale:
            errors = [str(stale)]
            unit.refresh_from_db()
        except ValidationError as error:
            errors = error.message_dict.get(NON_FIELD_ERRORS, error.messages)
        else:
            messages.success(request, _("Unit deleted."))
            if parent is not None:
                return redirect(_unit_url(parent))
            return redirect(reverse("web:org-government", args=[unit.government.code]))
    context = {"government": unit.government, "unit": unit, "errors": errors, "nav": NAV}
    return render(request, "web/org/unit_delete.html", context, status=400 if errors else 200)
