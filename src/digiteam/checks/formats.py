"""A report as text, JSON, JUnit XML or Markdown; pure functions, no Django.

``report_text`` is for a terminal, ``report_json`` for programs (stable: keys sorted),
``report_junit`` for CI tools (one test suite per principle), ``report_markdown`` for a pull
request. ``by_principle`` groups the open findings the way every format (and the web page)
shows them: by principle, then by rule.
"""

from __future__ import annotations

import json
import textwrap
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from digiteam.checks.engine.findings import SEVERITIES, Finding
from digiteam.checks.engine.registry import Principle
from digiteam.checks.engine.report import Report, RuleResult, Score, WaivedFinding

FailOn = Literal["error", "warning", "never"]
FAIL_ON: tuple[FailOn, ...] = ("error", "warning", "never")
FORMATS = ("text", "json", "junit", "markdown")
WIDTH = 100


@dataclass(frozen=True)
class RuleGroup:
    result: RuleResult
    findings: tuple[Finding, ...]

    @property
    def fix(self) -> str:
        return " ".join(self.findings[0].fix.split()) if self.findings else ""


@dataclass(frozen=True)
class PrincipleGroup:
    principle: Principle
    score: Score
    rules: tuple[RuleGroup, ...]  # rules with open findings, by code

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.rules for f in r.findings]

    @property
    def counts(self) -> dict[str, int]:
        """Open findings by severity."""
        counts = Counter(f.severity for f in self.findings)
        return {s: counts[s] for s in SEVERITIES}


def by_principle(report: Report, findings: Sequence[Finding] | None = None) -> list[PrincipleGroup]:
    """Every principle with its score and its open findings (``findings``: a subset of them)."""
    shown = report.findings if findings is None else findings
    groups = []
    for principle, score in report.principles:
        rules = []
        for result in report.rules:
            if result.principle == principle.slug:
                own = tuple(f for f in shown if f.rule == result.code)
                if own:
                    rules.append(RuleGroup(result, own))
        groups.append(PrincipleGroup(principle, score, tuple(rules)))
    return groups


def failing(report: Report, fail_on: FailOn) -> list[Finding]:
    """Open findings at or above the fail level (none for ``never``)."""
    if fail_on == "never":
        return []
    levels = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
    return [f for f in report.findings if f.severity in levels]


def score_text(score: Score) -> str:
    return "no checks" if score.value is None else f"{score.value:.1f}"


def counts_text(report: Report) -> str:
    counts = report.counts
    parts = [f"{counts[s]} {s}{'' if counts[s] == 1 else 's'}" for s in SEVERITIES]
    return f"{', '.join(parts)}; {len(report.waived)} waived"


def _subject(f: Finding) -> str:
    return f"{f.subject.key} ({f.subject.label})"


# --- text ------------------------------------------------------------------------------------


def report_text(report: Report) -> str:
    gov, score = report.government, report.score
    out = [
        f"Checks of {gov.name} ({gov.code}) on {report.checked_on.isoformat()}",
        f"Overall score {score_text(score)} ({score.passed} of {score.checks} checks passed); "
        f"open findings: {counts_text(report)}.",
        "",
    ]
    for group in by_principle(report):
        out.append(f"{group.principle.title} [{group.principle.slug}]")
        if not group.rules:
            out.append("  no open findings")
        for rule in group.rules:
            out += [
                f"  {f.severity.upper()} {f.rule} {_subject(f)}: {f.message}" for f in rule.findings
            ]
            out += _wrapped(f"fix ({rule.result.code}): {rule.fix}", "    ")
        out.append("")
    out += ["Scores (100 x passed checks / checks):", *_score_lines(report), ""]
    out.append(f"Counts: {counts_text(report)}.")
    out += _waived_text(report)
    return "\n".join(out) + "\n"


def _wrapped(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")


def _score_lines(report: Report) -> list[str]:
    rows = [(p.slug, s) for p, s in report.principles] + [("overall", report.score)]
    width = max(len(name) for name, _ in rows)
    return [
        f"  {name.ljust(width)}  {score_text(s).rjust(5)}  ({s.passed} of {s.checks} checks passed)"
        if s.checks
        else f"  {name.ljust(width)}      -  (nothing to check)"
        for name, s in rows
    ]


def _waived_text(report: Report) -> list[str]:
    out: list[str] = []
    if report.waived:
        out += ["", "Waived findings (not counted as failures):"]
        for w in report.waived:
            f = w.finding
            out.append(f"  {f.severity.upper()} {f.rule} {_subject(f)}: {f.message}")
            out += _wrapped(f"waived until {w.waiver.expires}: {w.waiver.justification}", "    ")
    for title, waivers in (
        ("Expired waivers (they hide nothing):", report.expired_waivers),
        ("Waivers that matched no finding:", report.unused_waivers),
    ):
        if waivers:
            out += ["", title]
            out += [f"  {w.rule} {w.subject}, until {w.expires}" for w in waivers]
    return out


# --- JSON ------------------------------------------------------------------------------------


def report_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# --- JUnit XML -------------------------------------------------------------------------------


def report_junit(report: Report) -> str:
    """One test suite per principle; in it, per rule, a failed test case per open finding, a
    skipped one per waived finding, and one for the checks that passed."""
    root = ET.Element("testsuites", name=f"digiteam checks: {report.government.code}")
    totals: Counter[str] = Counter()
    for principle, _ in report.principles:
        suite = ET.SubElement(root, "testsuite", name=f"{principle.slug}: {principle.title}")
        counts: Counter[str] = Counter()
        for result in report.rules:
            if result.principle == principle.slug:
                counts += _rule_cases(suite, report, result, principle.slug)
        _count_attributes(suite, counts)
        totals += counts
    _count_attributes(root, totals)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _rule_cases(
    suite: ET.Element, report: Report, result: RuleResult, principle: str
) -> Counter[str]:
    classname = f"digiteam.checks.{principle}.{result.code}"
    counts: Counter[str] = Counter()
    for f in report.findings:
        if f.rule == result.code:
            case = ET.SubElement(suite, "testcase", classname=classname, name=f.subject.key)
            failure = ET.SubElement(case, "failure", type=f.severity, message=f.message)
            failure.text = f"{f.severity.upper()} {f.rule} {_subject(f)}: {f.message}\nfix: {f.fix}"
            counts.update(tests=1, failures=1)
    for w in report.waived:
        if w.finding.rule == result.code:
            case = ET.SubElement(suite, "testcase", classname=classname, name=w.finding.subject.key)
            message = f"waived until {w.waiver.expires}: {w.waiver.justification}"
            ET.SubElement(case, "skipped", message=message)
            counts.update(tests=1, skipped=1)
    passed = result.checks - result.failed - result.waived
    if passed:
        name = f"{result.name}: {passed} check{'s' if passed > 1 else ''} passed"
        ET.SubElement(suite, "testcase", classname=classname, name=name)
        counts.update(tests=1)
    return counts


def _count_attributes(element: ET.Element, counts: Counter[str]) -> None:
    for key in ("tests", "failures", "errors", "skipped"):
        element.set(key, str(counts[key]))


# --- Markdown --------------------------------------------------------------------------------


def report_markdown(report: Report) -> str:
    gov, score = report.government, report.score
    out = [
        f"# Checks: {_cell(gov.name)}",
        "",
        f"Checked on {report.checked_on.isoformat()}: overall score **{score_text(score)}** "
        f"({score.passed} of {score.checks} checks passed); open findings: "
        f"{counts_text(report)}.",
        "",
        "## Scores",
        "",
        "| Principle | Score | Checks | Passed | Errors | Warnings | Infos |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    groups = by_principle(report)
    for g in groups:
        out.append(_score_row(g.principle.title, g.score, g.counts))
    out += [_score_row("**Overall**", score, report.counts), "", "## Findings", ""]
    for g in groups:
        out += _principle_markdown(g)
    out += _waived_markdown(report.waived)
    return "\n".join(out).rstrip() + "\n"


def _score_row(name: str, score: Score, counts: dict[str, int]) -> str:
    numbers = [score_text(score), score.checks, score.passed, *(counts[s] for s in SEVERITIES)]
    return f"| {name} | " + " | ".join(str(n) for n in numbers) + " |"


def _principle_markdown(group: PrincipleGroup) -> list[str]:
    out = [f"### {group.principle.title}", ""]
    if not group.rules:
        return [*out, "No open findings.", ""]
    out += ["| Severity | Rule | Subject | Finding |", "| --- | --- | --- | --- |"]
    out += [
        f"| {f.severity} | {f.rule} | `{f.subject.key}` {_cell(f.subject.label)} "
        f"| {_cell(f.message)} |"
        for f in group.findings
    ]
    out += ["", "How to fix:", ""]
    out += [f"- **{r.result.code}** {_cell(r.result.name)}: {_cell(r.fix)}" for r in group.rules]
    return [*out, ""]


def _waived_markdown(waived: Sequence[WaivedFinding]) -> list[str]:
    if not waived:
        return []
    out = ["## Waived findings", "", "| Rule | Subject | Finding | Justification | Expires |"]
    out.append("| --- | --- | --- | --- | --- |")
    for w in waived:
        f = w.finding
        out.append(
            f"| {f.rule} | `{f.subject.key}` | {_cell(f.message)} | "
            f"{_cell(w.waiver.justification)} | {w.waiver.expires.isoformat()} |"
        )
    return [*out, ""]


def _cell(text: str) -> str:
    """Text that stays inside a Markdown table cell."""
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


RENDERERS = {
    "text": report_text,
    "json": report_json,
    "junit": report_junit,
    "markdown": report_markdown,
}
