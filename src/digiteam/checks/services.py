"""Run the checks on a government in the database or on an organisation file.

The Django side of the checks: ``checks_for_government`` reads the government's settings
(``Government.check_config``) and its organisation in a fixed number of queries;
``checks_for_orgfile`` reads an organisation file, and the ``checks:`` section it may carry,
without touching the database. Every bad input (an invalid file, invalid settings) raises
``FileInvalid`` listing every problem found, located where it can be.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from digiteam.checks.adapters_db import snapshot_from_db
from digiteam.checks.adapters_file import snapshot_from_orgfile
from digiteam.checks.engine import (
    CheckConfig,
    ConfigError,
    Organisation,
    Report,
    SnapshotError,
    config_read,
    run_checks,
)
from digiteam.core.located import FileInvalid, Loc, Problem, path_str
from digiteam.organisation.models import Government
from digiteam.organisation.orgfile.read import org_read
from digiteam.organisation.orgfile.validate import org_problems
from digiteam.organisation.selectors import OrgReferences
from digiteam.reference import Reference, reference_read

SETTINGS = "check settings"
PATH = re.compile(r"[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*|\[\d+\])*")
UNKNOWN_RULE = re.compile(r"unknown rule (\S+)")
PATH_PART = re.compile(r"([A-Za-z_][\w-]*)|\[(\d+)\]")


@dataclass(frozen=True)
class Checked:
    """A report and the snapshot it was computed from (pages need the units)."""

    snapshot: Organisation
    report: Report


def checks_for_government(*, government: Government, today: datetime.date | None = None) -> Report:
    """Check a government of the database with its own settings; ``today`` overrides theirs."""
    return government_checked(government=government, today=today).report


def government_checked(*, government: Government, today: datetime.date | None = None) -> Checked:
    """Like ``checks_for_government``, keeping the snapshot."""
    where = f"{SETTINGS} of '{government.code}'"
    config = _settings_read(government.check_config or {}, where)
    snapshot = snapshot_from_db(government)
    checked = _run(snapshot, config, today, lambda m: _unlocated(where, *_where("", m)))
    return Checked(snapshot, checked)


def checks_for_orgfile(*, text: str, filename: str, today: datetime.date | None = None) -> Report:
    """Check an organisation file (YAML or JSON) with its ``checks:`` section, if any.

    The file is checked whole first, as an import would check it (shape, references, trees,
    dates, FTE) against the shipped reference data; nothing is read from or written to the
    database.
    """
    org, located = org_read(text=text, filename=filename)
    reference = reference_read()
    problems = org_problems(org=org, located=located, refs=_references(reference))
    if problems:
        raise FileInvalid(problems)
    try:
        snapshot = snapshot_from_orgfile(org, reference)
    except SnapshotError as exc:  # the checks above should have caught it
        raise FileInvalid([Problem(filename, None, "", str(exc))]) from None
    config = org.checks or CheckConfig()
    return _run(snapshot, config, today, lambda m: located.problem(*_where("checks", m)))


def _run(
    snapshot: Organisation,
    config: CheckConfig,
    today: datetime.date | None,
    problem: Callable[[str], Problem],
) -> Report:
    if today is not None:
        config = config.model_copy(update={"today": today})
    try:
        return run_checks(snapshot, config)
    except ConfigError as exc:
        raise FileInvalid([problem(p) for p in exc.problems]) from None


def _where(root: str, message: str) -> tuple[Loc, str]:
    """A configuration problem ("rules.DIG602.params.x: unknown ...") as a path and a message."""
    path, sep, text = message.partition(": ")
    if not sep or not PATH.fullmatch(path):
        return ((root,) if root else ()), message
    loc: Loc = tuple(int(i) if i else name for name, i in PATH_PART.findall(path))
    if loc == ("rules",) and (unknown := UNKNOWN_RULE.match(text)):
        loc = ("rules", unknown[1])  # the line of the unknown code itself
    return ((root, *loc) if root else loc), text


def _unlocated(where: str, loc: Loc, message: str) -> Problem:
    return Problem(where, None, path_str(loc), message)


def _settings_read(data: dict[str, Any], where: str) -> CheckConfig:
    """Validate the settings stored as JSON; problems name the settings, not a line."""
    try:
        return config_read(json.dumps(data, indent=2, default=str), where)
    except FileInvalid as exc:
        raise FileInvalid([Problem(where, None, p.path, p.message) for p in exc.problems]) from None


def _references(reference: Reference) -> OrgReferences:
    """What an organisation file may name, from the shipped reference data (no database)."""
    refs = OrgReferences()
    for i, role in enumerate(reference.taxonomy.roles, start=1):
        if role.group:
            refs.groups.add(role.slug)
        else:
            refs.roles[role.slug] = i
    slot_id = 0
    for i, template in enumerate(reference.templates, start=1):
        refs.templates[template.slug] = i
        for function in template.functions:
            refs.functions.add(f"{template.slug}/{function.slug}")
            for slot in function.slots:
                slot_id += 1
                refs.slots[f"{template.slug}/{function.slug}/{slot.role}"] = slot_id
    return refs
