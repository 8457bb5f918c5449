"""Checks: a government's findings and scores, and the checks of an organisation file.

The report is the one ``digiteam check --format json`` prints. Checks are computed when asked
for, from what is stored now: nothing is kept, so reading them is a GET. An organisation file is
checked with its own ``checks:`` section and saves nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from digiteam.api.common import ACTION, READ, answers, government_for
from digiteam.api.orgfiles import OrgFileIn, problems_out
from digiteam.api.problems import Problem
from digiteam.checks.services import checks_for_government, checks_for_orgfile
from digiteam.core.located import FileInvalid

router = Router(tags=["checks"])
files = Router(tags=["checks"])


class ChecksQuery(Schema):
    today: datetime.date | None = Field(
        None, description="Check as on this day (default: today, or the settings' day)."
    )


class FileChecksIn(OrgFileIn):
    today: datetime.date | None = None


def _invalid(error: FileInvalid) -> Problem:
    return Problem(
        422,
        _("The checks could not run: correct the problems listed."),
        errors=[(p["path"], p["message"]) for p in problems_out(error.problems)],
    )


@router.get(
    "/{gov}/checks",
    response=answers({200: dict[str, Any]}, (*READ, 403)),
    summary="Check a government",
    url_name="checks",
)
def government_checks(request: HttpRequest, gov: str, query: Query[ChecksQuery]) -> Any:
    """Every rule's findings and the scores, over the whole government (as the checks page and
    ``digiteam check --format json``); 422 if the government's check settings are invalid."""
    government, access = government_for(request, gov)
    if not access.whole_government:
        raise Problem(403, _("The checks need a view of the whole government."))
    try:
        return checks_for_government(government=government, today=query.today).to_dict()
    except FileInvalid as error:
        raise _invalid(error) from None


@files.post(
    "/org-file",
    response=answers({200: dict[str, Any]}, ACTION),
    summary="Check an organisation file",
    url_name="checks-org-file",
)
def file_checks(request: HttpRequest, payload: FileChecksIn) -> Any:
    """The checks of an organisation file and its ``checks:`` section; nothing is saved. 422
    lists every located problem of a file that cannot be checked."""
    try:
        report = checks_for_orgfile(
            text=payload.text, filename=payload.filename, today=payload.today
        )
    except FileInvalid as error:
        raise _invalid(error) from None
    return report.to_dict()
