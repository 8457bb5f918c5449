"""A report as text, JSON, JUnit XML and Markdown: what a reader, a program or a CI tool sees."""

from __future__ import annotations

import datetime
import json
import xml.etree.ElementTree as ET

import pytest

from digiteam.checks.engine import Finding, Government, Report, RuleResult, Subject, Waiver
from digiteam.checks.engine.report import WaivedFinding
from digiteam.checks.formats import (
    by_principle,
    failing,
    report_json,
    report_junit,
    report_markdown,
    report_text,
)

DAY = datetime.date(2026, 11, 25)
FIX_101 = "Create a digital services director position at government level."
FIX_302 = "Give the ministry a web operations engineer | shared by its teams."


def _finding(rule: str, severity: str, subject: Subject, message: str, fix: str) -> Finding:
    return Finding(rule, severity, subject, message, fix)  # type: ignore[arg-type]


def _report() -> Report:
    """Two rules with open findings, one with a waived finding, one clean; an expired waiver."""
    tax = Subject("unit", "tax-team", "Tax team")
    web = Subject("unit", "web-team", "Web team")
    gov = Subject("government", "testland", "Republic of Testland")
    waiver = Waiver(
        rule="DIG302",
        subject="unit:web-team",
        justification="Hosting moves in house in December.",
        expires=datetime.date(2026, 12, 31),
    )
    expired = Waiver(rule="DIG101", subject="government:testland", justification="x", expires=DAY)
    return Report(
        government=Government("testland", "Republic of Testland"),
        checked_on=DAY,
        findings=(
            _finding("DIG101", "error", gov, "No digital services director.", FIX_101),
            _finding("DIG302", "warning", tax, "No web operations engineer.", FIX_302),
        ),
        waived=(
            WaivedFinding(
                _finding("DIG302", "warning", web, "No web operations engineer.", FIX_302), waiver
            ),
        ),
        rules=(
            RuleResult("DIG101", "Digital services director", "leadership", "error", 1, 1, 0),
            RuleResult("DIG201", "Service owned by a department", "ownership", "error", 4, 0, 0),
            RuleResult("DIG302", "Support", "service-teams", "warning", 3, 1, 1),
        ),
        expired_waivers=(expired,),
    )


def test_text_groups_findings_by_principle_then_scores_counts_and_waivers() -> None:
    text = report_text(_report())
    assert text == (
        "Checks of Republic of Testland (testland) on 2026-11-25\n"
        "Overall score 75.0 (6 of 8 checks passed); open findings: 1 error, 1 warning, 0 infos;"
        " 1 waived.\n"
        "\n"
        "Appoint qualified digital leadership [leadership]\n"
        "  ERROR DIG101 government:testland (Republic of Testland): No digital services director.\n"
        f"    fix (DIG101): {FIX_101}\n"
        "\n"
        "Bring ownership and control back to departments [ownership]\n"
        "  no open findings\n"
        "\n"
        "Build service teams [service-teams]\n"
        "  WARNING DIG302 unit:tax-team (Tax team): No web operations engineer.\n"
        f"    fix (DIG302): {FIX_302}\n"
        "\n"
        "Simplify governance [governance]\n  no open findings\n\n"
        "Focus on user needs [user-needs]\n  no open findings\n\n"
        "Government, not vendors, in control [in-control]\n  no open findings\n\n"
        "Staff the functions of the reference composition [composition]\n  no open findings\n\n"
        "Scores (100 x passed checks / checks):\n"
        "  leadership       0.0  (0 of 1 checks passed)\n"
        "  ownership      100.0  (4 of 4 checks passed)\n"
        "  service-teams   66.7  (2 of 3 checks passed)\n"
        "  governance         -  (nothing to check)\n"
        "  user-needs         -  (nothing to check)\n"
        "  in-control         -  (nothing to check)\n"
        "  composition        -  (nothing to check)\n"
        "  overall         75.0  (6 of 8 checks passed)\n"
        "\n"
        "Counts: 1 error, 1 warning, 0 infos; 1 waived.\n"
        "\n"
        "Waived findings (not counted as failures):\n"
        "  WARNING DIG302 unit:web-team (Web team): No web operations engineer.\n"
        "    waived until 2026-12-31: Hosting moves in house in December.\n"
        "\n"
        "Expired waivers (they hide nothing):\n"
        "  DIG101 government:testland, until 2026-11-25\n"
    )


def test_json_is_the_report_as_a_dict_with_sorted_keys() -> None:
    report = _report()
    text = report_json(report)
    assert json.loads(text) == json.loads(json.dumps(report.to_dict()))
    assert text == json.dumps(report.to_dict(), indent=2, sort_keys=True) + "\n"


def test_junit_has_a_suite_per_principle_failures_for_findings_and_skips_for_waivers() -> None:
    root = ET.fromstring(report_junit(_report()))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("5", "2", "1")
    suites = {s.get("name", "").split(":")[0]: s for s in root.findall("testsuite")}
    assert list(suites) == [
        "leadership",
        "ownership",
        "service-teams",
        "governance",
        "user-needs",
        "in-control",
        "composition",
    ]
    teams = suites["service-teams"]
    cases = [(c.get("name"), [e.tag for e in c]) for c in teams.findall("testcase")]
    assert cases == [
        ("unit:tax-team", ["failure"]),
        ("unit:web-team", ["skipped"]),
        ("Support: 1 check passed", []),
    ]
    failure = teams.find("testcase/failure")
    assert failure is not None and failure.get("type") == "warning"
    assert failure.get("message") == "No web operations engineer."
    assert f"fix: {FIX_302}" in (failure.text or "")
    assert suites["ownership"].findall("testcase")[0].get("name") == (
        "Service owned by a department: 4 checks passed"
    )
    assert suites["governance"].get("tests") == "0"


def test_markdown_has_a_score_table_and_a_findings_table_per_principle() -> None:
    text = report_markdown(_report())
    assert text.startswith("# Checks: Republic of Testland\n")
    assert "| Build service teams | 66.7 | 3 | 2 | 0 | 1 | 0 |" in text
    assert "| **Overall** | 75.0 | 8 | 6 | 1 | 1 | 0 |" in text
    assert "| Simplify governance | no checks | 0 | 0 | 0 | 0 | 0 |" in text
    assert "| warning | DIG302 | `unit:tax-team` Tax team | No web operations engineer. |" in text
    assert "- **DIG302** Support: Give the ministry a web operations engineer \\| shared" in text
    waived = text.split("## Waived findings", 1)[1]
    assert "| DIG302 | `unit:web-team` | No web operations engineer. | Hosting moves in house" in (
        waived
    )


@pytest.mark.parametrize(
    ("level", "rules"),
    [("error", ["DIG101"]), ("warning", ["DIG101", "DIG302"]), ("never", [])],
)
def test_the_fail_level_picks_open_findings_at_or_above_it(level: str, rules: list[str]) -> None:
    assert [f.rule for f in failing(_report(), level)] == rules  # type: ignore[arg-type]


def test_by_principle_keeps_every_principle_and_only_the_findings_asked_for() -> None:
    report = _report()
    groups = by_principle(report, [f for f in report.findings if f.rule == "DIG302"])
    assert [len(g.findings) for g in groups] == [0, 0, 1, 0, 0, 0, 0]
    teams = groups[2]
    assert teams.counts == {"error": 0, "warning": 1, "info": 0}
    assert teams.rules[0].fix == FIX_302
