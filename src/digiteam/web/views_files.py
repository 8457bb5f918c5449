"""The import/export page: download a government's files; check and replace its organisation."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from digiteam.accounts.guards import PageAccess, require_view
from digiteam.accounts.permissions import can_edit_government
from digiteam.compositions.models import Template
from digiteam.core.located import FileInvalid
from digiteam.gitbook import write_composition, write_taxonomy
from digiteam.interchange.gitbook_export import composition_document, taxonomy_document
from digiteam.organisation.models import (
    Assignment,
    DigitalService,
    Government,
    Person,
    Position,
    Unit,
    Vendor,
)
from digiteam.organisation.orgfile import Format, org_dump, org_export, org_import
from digiteam.organisation.orgfile.read import org_read
from digiteam.organisation.orgfile.validate import org_problems
from digiteam.organisation.schema import OrgFile
from digiteam.organisation.selectors import org_references
from digiteam.organisation.selectors_web import government_get
from digiteam.web.forms_files import OrgConfirmForm, OrgUploadForm, payload_sign
from digiteam.web.views_org import NAV

TAXONOMY_FILE = "taxonomy.md"
CSV_COLUMNS = (
    "code", "unit code", "unit name", "role slug", "role title", "working title", "sourcing",
    "vendor", "FTE", "grade", "annual cost", "currency", "status", "vacant since", "reports to",
)  # fmt: skip


def _government(request: HttpRequest, gov: str) -> tuple[Government, PageAccess]:
    try:
        government = government_get(code=gov)
    except Government.DoesNotExist:
        raise Http404 from None
    return government, require_view(request.user, government)  # the files span all of it


def _attachment(content: str | bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def government_files(request: HttpRequest, gov: str) -> HttpResponse:
    government, access = _government(request, gov)
    may_import = can_edit_government(user=request.user, government=government)
    context = {"government": government, "access": access, "may_import": may_import, "nav": NAV}
    if request.method != "POST":
        return render(request, "web/org/files.html", {**context, "form": OrgUploadForm()})
    if not may_import:
        raise PermissionDenied
    if "payload" in request.POST:
        return _confirm(request, government, context)
    form = OrgUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "web/org/files.html", {**context, "form": form}, status=400)
    try:
        org = _check(government, text=form.text, filename=form.filename)
    except FileInvalid as exc:
        report = {**context, "filename": form.filename, "problems": exc.problems}
        return render(request, "web/org/files_report.html", report, status=400)
    payload = payload_sign(government=government.code, filename=form.filename, text=form.text)
    summary = {
        **context,
        "filename": form.filename,
        "counts": _counts(government, org),
        "confirm": OrgConfirmForm(initial={"payload": payload}),
    }
    return render(request, "web/org/files_report.html", summary)


def _confirm(
    request: HttpRequest, government: Government, context: dict[str, object]
) -> HttpResponse:
    form = OrgConfirmForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "web/org/files.html",
            {**context, "form": OrgUploadForm(), "confirm_errors": form.errors["payload"]},
            status=400,
        )
    data = form.cleaned_data["payload"]
    if data["government"] != government.code:
        raise PermissionDenied
    try:
        org = _check(government, text=data["text"], filename=data["filename"])
        org_import(text=data["text"], filename=data["filename"], replace=True)
    except FileInvalid as exc:  # the references changed since the file was checked
        report = {**context, "filename": data["filename"], "problems": exc.problems}
        return render(request, "web/org/files_report.html", report, status=400)
    messages.success(
        request,
        gettext(
            "Organisation of %(government)s replaced from %(file)s: "
            "%(units)d units, %(positions)d positions."
        )
        % {
            "government": government.label,
            "file": data["filename"],
            "units": len(org.units),
            "positions": sum(len(u.positions) for u in org.units),
        },
    )
    return redirect("web:org-files", gov=government.code)


def _check(government: Government, *, text: str, filename: str) -> OrgFile:
    """Every problem of the file, as ``org_import`` would find them; nothing is written."""
    org, located = org_read(text=text, filename=filename)
    if org.government.code != government.code:
        message = gettext(
            "this file is for government '%(file)s', not '%(page)s': import it from its own page"
        ) % {"file": org.government.code, "page": government.code}
        raise FileInvalid([located.problem(("government", "code"), message)])
    slot_templates = {p.slot.split("/")[0] for u in org.units for p in u.positions if p.slot}
    refs = org_references(templates={*org.templates, *slot_templates})
    problems = org_problems(org=org, located=located, refs=refs)
    if problems:
        raise FileInvalid(sorted(problems, key=lambda p: p.line or 0))
    return org


@dataclass(frozen=True)
class Count:
    label: str
    before: int
    after: int


def _counts(government: Government, org: OrgFile) -> list[Count]:
    """What the government has now, and what it would have after the import."""
    gov = government
    return [
        Count(gettext("Units"), Unit.objects.filter(government=gov).count(), len(org.units)),
        Count(
            gettext("Positions"),
            Position.objects.filter(government=gov).count(),
            sum(len(u.positions) for u in org.units),
        ),
        Count(
            gettext("Digital services"),
            DigitalService.objects.filter(government=gov).count(),
            len(org.services),
        ),
        Count(gettext("Vendors"), Vendor.objects.filter(government=gov).count(), len(org.vendors)),
        Count(gettext("People"), Person.objects.filter(government=gov).count(), len(org.people)),
        Count(
            gettext("Assignments"),
            Assignment.objects.filter(person__government=gov).count(),
            sum(len(p.assignments) for p in org.people),
        ),
    ]


def _org_file(request: HttpRequest, gov: str, fmt: Format) -> HttpResponse:
    government, access = _government(request, gov)
    people = request.GET.get("people") == "1"
    if people and not access.see_people:
        raise PermissionDenied
    text = org_dump(org_export(government=government, people=people), fmt)
    suffix = "" if people else "-without-people"
    content_type = "application/json" if fmt == "json" else "application/yaml"
    filename = f"{government.code}{suffix}.{fmt}"
    return _attachment(text, filename=filename, content_type=f"{content_type}; charset=utf-8")


@require_safe
def org_yaml(request: HttpRequest, gov: str) -> HttpResponse:
    return _org_file(request, gov, "yaml")


@require_safe
def org_json(request: HttpRequest, gov: str) -> HttpResponse:
    return _org_file(request, gov, "json")


@require_safe
def positions_csv(request: HttpRequest, gov: str) -> HttpResponse:
    government, _access = _government(request, gov)
    positions = (
        Position.objects.filter(government=government)
        .select_related("unit", "role", "vendor", "reports_to")
        .order_by("unit__path", "code")
    )
    out = io.StringIO()
    out.write("\ufeff")  # a BOM: spreadsheet programs then read the file as UTF-8
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for p in positions:
        writer.writerow(
            _cell(value)
            for value in [
                p.code, p.unit.code, p.unit.name, p.role.slug, p.role.title, p.title, p.sourcing,
                p.vendor.name if p.vendor else "", p.fte, p.grade,
                "" if p.annual_cost is None else p.annual_cost, government.currency, p.status,
                p.vacant_since.isoformat() if p.vacant_since else "",
                p.reports_to.code if p.reports_to else "",
            ]
        )  # fmt: skip
    return _attachment(
        out.getvalue(),
        filename=f"{government.code}-positions.csv",
        content_type="text/csv; charset=utf-8",
    )


def _cell(value: object) -> object:
    """Text a spreadsheet would run as a formula is written with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value
    return value


@require_safe
def gitbook_zip(request: HttpRequest, gov: str) -> HttpResponse:
    """The taxonomy and every template as GitBook Markdown pages, in one zip."""
    _government(request, gov)
    buffer = io.BytesIO()
    taxonomy, entries = taxonomy_document(path=TAXONOMY_FILE)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(TAXONOMY_FILE, write_taxonomy(taxonomy))
        for template in Template.objects.order_by("slug"):
            doc = composition_document(
                template=template, entries=entries, taxonomy_filename=TAXONOMY_FILE
            )
            text = write_composition(doc, taxonomy_filename=TAXONOMY_FILE, taxonomy=taxonomy)
            archive.writestr(f"{template.slug}.md", text)
    return _attachment(buffer.getvalue(), filename="gitbook.zip", content_type="application/zip")
