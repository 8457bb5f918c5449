"""People pages: the list (search, filters, sort, pages), a person's page, create, edit, delete.

Every people page names people, so each needs the personal-data permission (403 without it;
404 for a government that is not the user's). Editing or deleting someone also needs an editing
scope over every unit where they have held a position; anyone who edits may add a person.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from digiteam.accounts.permissions import Access
from digiteam.core.versioning import StaleVersion
from digiteam.organisation.filters_people import PersonFilter, person_filter
from digiteam.organisation.models import Assignment, Government, Person, Unit, Vendor
from digiteam.organisation.services_people import person_create, person_delete, person_update
from digiteam.web.forms_people import PersonForm
from digiteam.web.forms_positions import add_service_errors, describe_errors, stale_version_error
from digiteam.web.sorting import sort_columns
from digiteam.web.views_positions import NAV, _access, _government

PER_PAGE = 50
COLUMNS = [
    ("name", gettext_lazy("Name")),
    ("code", gettext_lazy("Code")),
    ("employer", gettext_lazy("Employer")),
]


def _people_access(request: HttpRequest, government: Government) -> Access:
    access = _access(request, government)
    if not access.see_people:
        raise PermissionDenied
    return access


def _editor(request: HttpRequest, government: Government) -> Access:
    access = _people_access(request, government)
    if not access.can_edit:
        raise PermissionDenied
    return access


def _person(government: Government, code: str) -> Person:
    try:
        return Person.objects.select_related("employer").get(government=government, code=code)
    except Person.DoesNotExist:
        raise Http404 from None


def _require_person_scope(access: Access, person: Person) -> None:
    """Someone who held a position outside the editor's scope is not theirs to change."""
    units = Unit.objects.filter(positions__assignments__person=person).distinct()
    if not all(access.covers(unit) for unit in units):
        raise PermissionDenied


def _person_url(person: Person) -> str:
    return reverse("web:org-person", args=[person.government.code, person.code])


@require_safe
def people_list(request: HttpRequest, gov: str) -> HttpResponse:
    government = _government(gov)
    access = _people_access(request, government)
    params = PersonFilter.from_query(request.GET.dict())
    today = timezone.localdate()
    units = list(Unit.objects.filter(access.unit_filter()).order_by("path"))
    unit = next((u for u in units if u.code == params.unit), None)
    current = Q(start__lte=today) & (Q(end__isnull=True) | Q(end__gte=today))
    visible = Assignment.objects.filter(current, access.unit_filter("position__unit__"))
    people = (
        Person.objects.filter(government=government)
        .select_related("employer")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=visible.select_related("position__role", "position__unit"),
                to_attr="current_assignments",
            )
        )
    )
    found = person_filter(queryset=people, params=params, today=today, unit=unit)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "government": government,
        "access": access,
        "params": params,
        "units": units,
        "vendors": Vendor.objects.filter(government=government),
        "columns": sort_columns(
            request, COLUMNS, sort_column=params.sort_column, descending=params.descending
        ),
        "page": page,
        "query": query.urlencode(),
        "nav": NAV,
    }
    return render(request, "web/org/people.html", context)


@require_safe
def person_detail(request: HttpRequest, gov: str, code: str) -> HttpResponse:
    government = _government(gov)
    access = _people_access(request, government)
    person = _person(government, code)
    assignments = (
        person.assignments.filter(access.unit_filter("position__unit__"))
        .select_related("position__role", "position__unit")
        .order_by("-start")
    )
    hidden = person.assignments.exclude(access.unit_filter("position__unit__")).aggregate(
        n=Count("pk")
    )["n"]
    context = {
        "government": government,
        "access": access,
        "person": person,
        "assignments": assignments,
        "hidden": hidden,
        "today": timezone.localdate(),
        "nav": NAV,
    }
    return render(request, "web/org/person.html", context)


def _form_page(request: HttpRequest, context: dict[str, object]) -> HttpResponse:
    form = context["form"]
    describe_errors(form)  # type: ignore[arg-type]
    status = 400 if form.is_bound else 200  # type: ignore[attr-defined]
    return render(request, "web/org/person_form.html", {"nav": NAV, **context}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def person_new(request: HttpRequest, gov: str) -> HttpResponse:
    government = _government(gov)
    _editor(request, government)
    form = PersonForm(request.POST or None, government=government)
    if request.method == "POST" and form.is_valid():
        try:
            person = person_create(
                government=government,
                fields=form.person_fields(),
                code=form.cleaned_data["code"] or None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Person saved."))
            return redirect(_person_url(person))
    return _form_page(request, {"government": government, "form": form, "person": None})


@require_http_methods(["GET", "HEAD", "POST"])
def person_edit(request: HttpRequest, gov: str, code: str) -> HttpResponse:
    government = _government(gov)
    access = _editor(request, government)
    person = _person(government, code)
    _require_person_scope(access, person)
    form = PersonForm(
        request.POST or None, initial=PersonForm.initial_for(person), government=government
    )
    if request.method == "POST" and form.is_valid():
        try:
            person_update(
                person=person,
                fields=form.person_fields(),
                code=form.cleaned_data["code"] or person.code,
                expected_version=form.cleaned_data["version"],
            )
        except StaleVersion as stale:
            stale_version_error(form, stale)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Person saved."))
            return redirect(_person_url(person))
    return _form_page(request, {"government": government, "form": form, "person": person})


@require_http_methods(["GET", "HEAD", "POST"])
def person_delete_confirm(request: HttpRequest, gov: str, code: str) -> HttpResponse:
    government = _government(gov)
    access = _editor(request, government)
    person = _person(government, code)
    _require_person_scope(access, person)
    errors: list[str] = []
    if request.method == "POST":
        version = request.POST.get("version", "")
        try:
            person_delete(
                person=person, expected_version=int(version) if version.isdigit() else None
            )
        except StaleVersion as stale:
            errors = [str(stale)]
            person.refresh_from_db()
        except ValidationError as error:
            errors = error.message_dict.get(NON_FIELD_ERRORS, error.messages)
        else:
            messages.success(request, _("Person deleted."))
            return redirect(reverse("web:org-people", args=[government.code]))
    context = {"government": government, "person": person, "errors": errors, "nav": NAV}
    return render(request, "web/org/person_delete.html", context, status=400 if errors else 200)
