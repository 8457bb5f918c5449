"""The checks page of a government: its report, filtered by unit subtree and severity.

One run of the checks (``government_checked``: a fixed number of queries), then pure work on
the snapshot: which unit each finding is about, which ministries the filter offers, and which
page each subject links to.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from digiteam.checks.engine import Finding, Organisation, Report, WaivedFinding
from digiteam.checks.engine.findings import SEVERITIES
from digiteam.checks.engine.registry import PRINCIPLES, Principle, Rule
from digiteam.checks.engine.snapshot import MINISTRY
from digiteam.checks.formats import PrincipleGroup, by_principle
from digiteam.checks.rules import default_registry
from digiteam.checks.services import government_checked
from digiteam.organisation.models import Government, Unit

LinkKind = Literal["government", "unit", "position"]


@dataclass(frozen=True)
class UnitChoice:
    code: str
    name: str


@dataclass(frozen=True)
class ChecksPage:
    report: Report
    groups: list[PrincipleGroup]  # principles with open findings that pass the filters
    waived: list[WaivedFinding]  # waived findings that pass the filters
    shown: int  # open findings that pass the filters
    units: list[UnitChoice]  # the units the filter offers: the ministries (and ``unit``)
    unit: str  # the unit filter ("" for the whole government)
    severity: str  # the severity filter ("" for every severity)
    links: dict[str, tuple[LinkKind, str]]  # subject key -> the page about it

    @property
    def filtered(self) -> bool:
        return bool(self.unit or self.severity)

    @property
    def severities(self) -> tuple[str, ...]:
        return SEVERITIES

    @property
    def all_groups(self) -> list[PrincipleGroup]:
        """Every principle, with all its open findings (for the scores)."""
        return by_principle(self.report)


def checks_page(
    *,
    government: Government,
    unit: str = "",
    severity: str = "",
    today: datetime.date | None = None,
) -> ChecksPage:
    """The page's data; a unit or severity the government does not have means no filter."""
    checked = government_checked(government=government, today=today)
    org, report = checked.snapshot, checked.report
    unit = unit if any(u.code == unit for u in org.units) else ""
    severity = severity if severity in SEVERITIES else ""
    within = set(org.subtree(unit)) if unit else None
    units_of = _subject_units(org)

    def shown(f: Finding) -> bool:
        if severity and f.severity != severity:
            return False
        return within is None or bool(units_of.get(f.subject.key, set()) & within)

    findings = [f for f in report.findings if shown(f)]
    return ChecksPage(
        report=report,
        groups=[g for g in by_principle(report, findings) if g.rules],
        waived=[w for w in report.waived if shown(w.finding)],
        shown=len(findings),
        units=_unit_choices(government, org, unit),
        unit=unit,
        severity=severity,
        links=_links(org, report),
    )


def _subject_units(org: Organisation) -> dict[str, set[str]]:
    """The units each subject is about: a unit itself, a position's unit, a service's owner
    and team; none for the government as a whole or a template function."""
    units: dict[str, set[str]] = {f"unit:{u.code}": {u.code} for u in org.units}
    units |= {f"position:{p.code}": {p.unit} for p in org.positions}
    units |= {f"service:{s.code}": {u for u in (s.owner, s.team) if u} for s in org.services}
    return units


def _unit_choices(government: Government, org: Organisation, selected: str) -> list[UnitChoice]:
    """The ministries, and the selected unit, by their name in the active language."""
    codes = [u.code for u in org.units if u.kind == MINISTRY or u.code == selected]
    rows = Unit.objects.filter(government=government, code__in=codes)
    return sorted((UnitChoice(u.code, u.label) for u in rows), key=lambda c: c.name.casefold())


def _links(org: Organisation, report: Report) -> dict[str, tuple[LinkKind, str]]:
    """Units and positions have a page; a service links to its owning unit's page."""
    owners = {s.code: s.owner for s in org.services}
    links: dict[str, tuple[LinkKind, str]] = {}
    for f in [*report.findings, *(w.finding for w in report.waived)]:
        kind, code = f.subject.kind, f.subject.code
        if kind == "government":
            links[f.subject.key] = ("government", code)
        elif kind in ("unit", "position"):
            links[f.subject.key] = ("unit" if kind == "unit" else "position", code)
        elif kind == "service" and code in owners:
            links[f.subject.key] = ("unit", owners[code])
    return links


def rules_by_principle() -> list[tuple[Principle, list[Rule]]]:
    """The shipped rules, by principle then code."""
    registry = default_registry()
    return [(p, [r for r in registry if r.principle == p.slug]) for p in PRINCIPLES]
