"""History pages: what changed, who changed it, when and through what; and the exports.

A government's "Changes" page (and its CSV and JSON exports) spans the whole government, so it
needs a membership over all of it. An object's history needs what its page needs: a scope over
its unit (a position's or a unit's), or the whole government for everything else and for an
object whose unit is gone. Values of people (names, e-mails) are hidden from whoever may not see
personal data; the names of the accounts that made the changes are shown to everyone who may see
the history (see docs/audit.md).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable, Iterator
from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import models
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from digiteam.accounts.guards import PageAccess, require_view
from digiteam.accounts.permissions import access_get
from digiteam.audit.choices import Via
from digiteam.audit.selectors import (
    Described,
    Filters,
    change_sets,
    changes,
    describe,
    object_changes,
    recorded_object_id,
)
from digiteam.organisation.models import (
    Assignment,
    DigitalService,
    Government,
    Person,
    Position,
    Unit,
    Vendor,
)
from digiteam.organisation.selectors_web import government_get

NAV = "org"
SETS_PER_PAGE = 20
CHANGES_SHOWN = 10  # per change set on the list; its own page shows them all
CHANGES_PER_PAGE = 100
EXPORT_CHUNK = 2000
# The objects that have a history page, by the name their URL gives them.
HISTORY_MODELS: dict[str, type[models.Model]] = {
    "unit": Unit,
    "position": Position,
    "person": Person,
    "service": DigitalService,
    "vendor": Vendor,
}
# The kinds of object the changes page filters by.
KINDS: tuple[type[models.Model], ...] = (Unit, Position, Person, Assignment, DigitalService, Vendor)
CSV_COLUMNS = (
    "when (UTC)", "change set", "user", "token", "through", "summary", "action", "object type",
    "object id", "object", "field", "before", "after",
)  # fmt: skip


def _government(gov: str) -> Government:
    try:
        return government_get(code=gov)
    except Government.DoesNotExist:
        raise Http404 from None


class FiltersForm(forms.Form):
    user = forms.CharField(label=_("User"), required=False, max_length=150)
    via = forms.ChoiceField(
        label=_("Through"), required=False, choices=[("", _("Any")), *Via.choices]
    )
    kind = forms.ChoiceField(label=_("Type of object"), required=False)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    set = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [("", _("Any"))] + [
            (m._meta.model_name, str(m._meta.verbose_name).capitalize()) for m in KINDS
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date is before the start date."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data if self.is_valid() else {}
        kind = data.get("kind")
        return Filters(
            user=data.get("user", "").strip(),
            via=data.get("via", ""),
            kind=ContentType.objects.get(app_label="organisation", model=kind) if kind else None,
            start=data.get("start"),
            end=data.get("end"),
            change_set=data.get("set"),
        )


@require_safe
def government_changes(request: HttpRequest, gov: str) -> HttpResponse:
    government = _government(gov)
    access = require_view(request.user, government)
    form = FiltersForm(request.GET or None)
    filters = form.filters()
    sets = change_sets(government_code=government.code, filters=filters)
    context: dict[str, Any] = {
        "government": government,
        "access": access,
        "form": form,
        "query": _query(request),
        "nav": NAV,
    }
    if filters.change_set:  # one change set, all its changes
        change_set = sets.first()
        if change_set is None:
            raise Http404
        rows = changes(government_code=government.code, filters=filters).order_by("id")
        set_page = Paginator(rows, CHANGES_PER_PAGE).get_page(request.GET.get("page"))
        context |= {
            "change_set": change_set,
            "page": set_page,
            "described": describe(set_page.object_list, see_people=access.see_people),
        }
        return render(request, "web/history_set.html", context)
    page = Paginator(sets, SETS_PER_PAGE).get_page(request.GET.get("page"))
    context |= {"page": page, "entries": _entries(page.object_list, filters, access)}
    return render(request, "web/history_changes.html", context)


def _query(request: HttpRequest) -> str:
    """The filters of the page, for links to its other pages and to its exports."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _entries(sets: Any, filters: Filters, access: PageAccess) -> list[dict[str, Any]]:
    """Each change set of the page with its first changes (one query per set, one per kind)."""
    entries = []
    for change_set in sets:
        rows = change_set.changes.select_related("content_type").order_by("id")
        if filters.kind is not None:
            rows = rows.filter(content_type=filters.kind)
        count = rows.count()
        entries.append(
            {
                "set": change_set,
                "count": count,
                "more": max(0, count - CHANGES_SHOWN),
                "changes": list(rows[:CHANGES_SHOWN]),
            }
        )
    described = describe([c for e in entries for c in e["changes"]], see_people=access.see_people)
    by_id = {d.change.pk: d for d in described}
    for entry in entries:
        entry["described"] = [by_id[c.pk] for c in entry["changes"]]
    return entries


@require_safe
def object_history(request: HttpRequest, gov: str, model: str, code: str) -> HttpResponse:
    government = _government(gov)
    if model not in HISTORY_MODELS:
        raise Http404
    kind = ContentType.objects.get_for_model(HISTORY_MODELS[model])
    live = HISTORY_MODELS[model]._default_manager.filter(government=government, code=code).first()
    object_id = (
        live.pk
        if live is not None
        else recorded_object_id(kind=kind, code=code, government_id=government.pk)
    )
    if object_id is None:
        raise Http404
    rows = object_changes(kind=kind, object_id=object_id)
    access = require_view(request.user, _unit_of(live, rows.first(), government))
    page = Paginator(rows, CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    described = describe(page.object_list, see_people=access.see_people)
    context = {
        "government": government,
        "access": access,
        "model": model,
        "code": code,
        "live": live,
        "name": described[0].name if described else code,
        "page": page,
        "described": described,
        "whole_government": _whole_government(request, government),
        "nav": NAV,
    }
    return render(request, "web/history.html", context)


def _whole_government(request: HttpRequest, government: Government) -> bool:
    """Whether the user may open the government's changes page (to link to it)."""
    access = access_get(user=request.user, government_id=government.pk)
    return access is not None and access.whole_government


def _unit_of(live: Any, latest: Any, government: Government) -> Government | Unit:
    """What a viewer needs a scope over to see this object's history."""
    if isinstance(live, Unit):
        return live
    if isinstance(live, Position):
        return live.unit
    if live is None and latest is not None:  # gone: its unit, if that is still there
        values = latest.before or latest.after or {}
        unit_id = values.get("unit_id") or values.get("parent_id")
        unit = Unit.objects.filter(government=government, pk=unit_id).first() if unit_id else None
        if unit is not None:
            return unit
    return government


# --- exports ---------------------------------------------------------------------------------


def _export_rows(government: Government, request: HttpRequest) -> tuple[Filters, PageAccess]:
    """The export's filters; filters that do not read (a bad date) export nothing: 400."""
    access = require_view(request.user, government)
    form = FiltersForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        errors = "; ".join(f"{name}: {' '.join(map(str, e))}" for name, e in form.errors.items())
        raise BadFilters(errors)
    return form.filters(), access


class BadFilters(Exception):
    pass


def _described(government: Government, filters: Filters, see_people: bool) -> Iterator[Described]:
    rows = changes(government_code=government.code, filters=filters)
    chunk: list[Any] = []
    for change in rows.iterator(chunk_size=EXPORT_CHUNK):
        chunk.append(change)
        if len(chunk) >= EXPORT_CHUNK:
            yield from describe(chunk, see_people=see_people)
            chunk = []
    if chunk:
        yield from describe(chunk, see_people=see_people)


def _who(change_set: Any) -> str:
    return change_set.username or str(_("the system"))


def _cell(value: object) -> object:
    """Text a spreadsheet would run as a formula is written with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value
    return value


def _csv_lines(government: Government, filters: Filters, see_people: bool) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.writer(out)
    out.write("\ufeff")  # a BOM: spreadsheet programs then read the file as UTF-8
    writer.writerow(CSV_COLUMNS)
    for d in _described(government, filters, see_people):
        s = d.change.change_set
        head = [
            s.at.astimezone(datetime.UTC).isoformat(timespec="seconds"), str(s.pk), _who(s),
            s.token, s.get_via_display(), s.summary, d.change.get_action_display(), d.kind,
            d.change.object_id, d.name,
        ]  # fmt: skip
        tails = [[v.field, v.before, v.after] for v in d.values] or [["", "", ""]]
        for tail in tails:
            writer.writerow(_cell(v) for v in [*head, *tail])
        yield out.getvalue()
        out.seek(0)
        out.truncate()


def _json_parts(government: Government, filters: Filters, see_people: bool) -> Iterator[str]:
    yield '{"government": ' + json.dumps(government.code) + ', "changes": ['
    first = True
    for d in _described(government, filters, see_people):
        s = d.change.change_set
        item = {
            "at": s.at.isoformat(),
            "change_set": str(s.pk),
            "user": s.username,
            "token": s.token,
            "via": s.via,
            "summary": s.summary,
            "action": d.change.action,
            "type": d.change.content_type.model,
            "object_id": d.change.object_id,
            "object": d.name,
            "values": [{"field": v.field, "before": v.before, "after": v.after} for v in d.values],
        }
        yield ("" if first else ", ") + json.dumps(item, ensure_ascii=False)
        first = False
    yield "]}\n"


def _stream(parts: Iterator[str], *, filename: str, content_type: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(parts, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def changes_csv(request: HttpRequest, gov: str) -> HttpResponse | StreamingHttpResponse:
    return _export(request, gov, _csv_lines, "csv", "text/csv; charset=utf-8")


@require_safe
def changes_json(request: HttpRequest, gov: str) -> HttpResponse | StreamingHttpResponse:
    return _export(request, gov, _json_parts, "json", "application/json")


def _export(
    request: HttpRequest,
    gov: str,
    parts: Callable[[Government, Filters, bool], Iterator[str]],
    extension: str,
    content_type: str,
) -> HttpResponse | StreamingHttpResponse:
    """The government's changes the filters select, as a download; bad filters: a 400."""
    government = _government(gov)
    try:
        filters, access = _export_rows(government, request)
    except BadFilters as refused:
        return HttpResponseBadRequest(str(refused), content_type="text/plain; charset=utf-8")
    return _stream(
        parts(government, filters, access.see_people),
        filename=f"{government.code}-changes.{extension}",
        content_type=content_type,
    )
