"""Organisation files: export a government as YAML or JSON; validate a file; apply it.

The export is the same text as ``digiteam org export`` and the files page. ``validate`` lists
every located problem of a file and saves nothing; ``apply`` replaces the government's
organisation with the file's, all or nothing, as one change set of the audit trail. Both need
what the files page needs: an administrator, or an editor of the whole government. An
administrator may also apply a file for a government that does not exist yet: it is created.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from digiteam.accounts.permissions import is_administrator
from digiteam.api.auth import caller
from digiteam.api.common import ACTION, READ, answers, government_for, require_people
from digiteam.api.problems import Problem
from digiteam.core.located import FileInvalid
from digiteam.core.located import Problem as FileProblem
from digiteam.organisation.models import Government
from digiteam.organisation.orgfile import org_dump, org_export, org_import
from digiteam.organisation.orgfile.read import org_read
from digiteam.organisation.orgfile.validate import org_problems
from digiteam.organisation.schema import OrgFile
from digiteam.organisation.selectors import org_references

router = Router(tags=["organisation files"])


class ExportQuery(Schema):
    format: Literal["yaml", "json"] = Field("yaml", description="yaml or json.")
    people: bool = Field(
        False, description="With people and their assignments (needs personal data)."
    )


class OrgFileIn(Schema):
    text: str = Field(description="The whole organisation file, YAML or JSON.")
    filename: str = Field(
        "org.yaml", description='Its name; ".json" is read as JSON, anything else as YAML.'
    )


class FileProblemOut(Schema):
    file: str
    line: int | None = Field(description="The line in the file, when it can be told.")
    path: str = Field(description='Where in the file\'s structure, e.g. "units[2].code".')
    message: str


class ValidationOut(Schema):
    valid: bool
    government: str | None = Field(description="The government the file describes.")
    units: int
    positions: int
    problems: list[FileProblemOut]


class AppliedOut(Schema):
    government: str
    replaced: bool = Field(description="False: the government was created.")
    counts: dict[str, int]


def problems_out(problems: list[FileProblem]) -> list[dict[str, Any]]:
    return [
        {"file": p.file, "line": p.line, "path": p.path, "message": p.message} for p in problems
    ]


def file_checked(*, code: str, text: str, filename: str) -> OrgFile:
    """Every problem of the file, as the files page and ``org_import`` find them; no writes."""
    org, located = org_read(text=text, filename=filename)
    if org.government.code != code:
        message = _("this file is for government '%(file)s', not '%(page)s'") % {
            "file": org.government.code,
            "page": code,
        }
        raise FileInvalid([located.problem(("government", "code"), message)])
    slot_templates = {p.slot.split("/")[0] for u in org.units for p in u.positions if p.slot}
    refs = org_references(templates={*org.templates, *slot_templates})
    problems = org_problems(org=org, located=located, refs=refs)
    if problems:
        raise FileInvalid(sorted(problems, key=lambda p: p.line or 0))
    return org


def _importer(request: HttpRequest, gov: str) -> Government | None:
    """The government, if the caller may replace it (None: it does not exist, for an admin)."""
    administrator = is_administrator(user=caller(request).user)
    if administrator and not Government.objects.filter(code=gov).exists():
        return None
    government, access = government_for(request, gov)
    if not (access.can_edit and access.whole_government):
        raise Problem(403, _("Only administrators and editors of the whole government may import."))
    return government


def _located(problem: FileProblem) -> str:
    if problem.line is None:
        return problem.message
    return _("line %(line)d: %(message)s") % {"line": problem.line, "message": problem.message}


@router.get(
    "/{gov}/org-file",
    response=answers({200: None}, (*READ, 403)),
    summary="Export the organisation file",
    url_name="org-file",
    openapi_extra={
        "responses": {
            200: {
                "description": "The organisation file",
                "content": {"application/yaml": {}, "application/json": {}},
            }
        }
    },
)
def export(request: HttpRequest, gov: str, query: Query[ExportQuery]) -> HttpResponse:
    """The government's organisation file, as ``digiteam org export`` writes it; without people
    unless ``people=true`` (which needs the permission to see personal data)."""
    government, access = government_for(request, gov)
    if not access.whole_government:
        raise Problem(403, _("The organisation file needs a view of the whole government."))
    if query.people:
        require_people(access)
    text = org_dump(org_export(government=government, people=query.people), query.format)
    media = "application/json" if query.format == "json" else "application/yaml"
    response = HttpResponse(text, content_type=f"{media}; charset=utf-8")
    suffix = "" if query.people else "-without-people"
    filename = f"{government.code}{suffix}.{query.format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@router.post(
    "/{gov}/org-file/validate",
    response=answers({200: ValidationOut}, ACTION),
    summary="Validate an organisation file",
    url_name="org-file-validate",
)
def validate(request: HttpRequest, gov: str, payload: OrgFileIn) -> dict[str, Any]:
    """Every located problem an import of this file would meet; nothing is saved."""
    _importer(request, gov)
    try:
        org = file_checked(code=gov, text=payload.text, filename=payload.filename)
    except FileInvalid as error:
        found = problems_out(error.problems)
        return {"valid": False, "government": gov, "units": 0, "positions": 0, "problems": found}
    return {
        "valid": True,
        "government": org.government.code,
        "units": len(org.units),
        "positions": sum(len(u.positions) for u in org.units),
        "problems": [],
    }


@router.post(
    "/{gov}/org-file/apply",
    response=answers({200: AppliedOut}, ACTION),
    summary="Apply an organisation file",
    url_name="org-file-apply",
)
def apply(request: HttpRequest, gov: str, payload: OrgFileIn) -> dict[str, Any]:
    """Replace the government's organisation with the file's, all or nothing, as one change
    set; 422 with every located problem, and nothing changed, if the file has any."""
    _importer(request, gov)
    try:
        file_checked(code=gov, text=payload.text, filename=payload.filename)
        summary = org_import(text=payload.text, filename=payload.filename, replace=True)
    except FileInvalid as error:
        raise Problem(
            422,
            _("The file has problems; nothing was changed."),
            errors=[(p.path, _located(p)) for p in error.problems],
        ) from None
    return {
        "government": summary.government,
        "replaced": summary.replaced,
        "counts": summary.counts,
    }
