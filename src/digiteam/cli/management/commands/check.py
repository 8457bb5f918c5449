from __future__ import annotations

import argparse
import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from digiteam.checks.engine import Report
from digiteam.checks.formats import FAIL_ON, FORMATS, RENDERERS, counts_text, failing, score_text
from digiteam.checks.services import checks_for_government, checks_for_orgfile
from digiteam.cli.base import Command as BaseCommand
from digiteam.cli.progress import Progress
from digiteam.core.located import FileInvalid, did_you_mean, read_text
from digiteam.organisation.selectors import government_codes, government_find


class Command(BaseCommand):
    help = (
        "Check an organisation against the principles and the reference composition: an "
        "organisation file (no database needed; its 'checks:' section is used) or a government "
        "of the database (with its check settings). Exit 0 when no open finding reaches the "
        "--fail-on level, 1 when one does, 2 for bad input: an unreadable or invalid file "
        "(every problem printed as FILE:LINE path: message), an unknown government or invalid "
        "check settings. Rules, scores and settings: docs/checks.md and docs/rules.md."
    )

    def add_arguments(self, parser: Any) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument(
            "--org", type=Path, metavar="FILE", help="an organisation file (.yaml or .json)"
        )
        source.add_argument("--government", metavar="CODE", help="a government's code")
        parser.add_argument(
            "--format", choices=FORMATS, default="text", help="report format (text)"
        )
        parser.add_argument(
            "--fail-on",
            choices=FAIL_ON,
            default="error",
            help="exit 1 when an open finding is at least this severe (error)",
        )
        parser.add_argument(
            "--today",
            type=_date,
            metavar="YYYY-MM-DD",
            help="check as on this day (default: the settings' 'today', else the current date)",
        )
        parser.add_argument(
            "-o", "--output", type=Path, metavar="FILE", help="write the report to FILE"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with Progress(self.stderr, "check") as progress:
            report = self._report(options["org"], options["government"], options["today"], progress)
            progress.stage("writing the report")
            text = RENDERERS[options["format"]](report)
        output: Path | None = options["output"]
        if output is None:
            self.stdout.write(text, ending="")
        else:
            output.write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {output}: {_summary(report)}.")
        failed = failing(report, options["fail_on"])
        if failed:
            level = options["fail_on"]
            raise CommandError(
                f"{len(failed)} open finding(s) at or above the fail level ({level})", returncode=1
            )

    def _report(
        self, org: Path | None, code: str | None, today: datetime.date | None, progress: Progress
    ) -> Report:
        try:
            if org is not None:
                progress.stage(f"reading {org}")
                text = read_text(org)
                progress.stage("checking")
                return checks_for_orgfile(text=text, filename=str(org), today=today)
            government = government_find(code=code or "")
            if government is None:
                hint = did_you_mean(code or "", government_codes())
                raise CommandError(f"unknown government '{code}'{hint}", returncode=2)
            progress.stage(f"reading and checking '{government.code}'")
            return checks_for_government(government=government, today=today)
        except FileInvalid as exc:
            raise CommandError(f"nothing was checked:\n{exc}", returncode=2) from None


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {value!r}") from None


def _summary(report: Report) -> str:
    return f"{counts_text(report)}; overall score {score_text(report.score)}"
