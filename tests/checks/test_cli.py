"""`digiteam check`: the demo's deliberate weaknesses and nothing else, the same report from a
file and from the database, exit codes for CI, and every problem of a bad input located."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from digiteam.organisation.demo import DEMO_FILE, demo_load
from digiteam.organisation.models import Government
from digiteam.organisation.orgfile import org_dump, org_export
from tests.factories import make_government, make_unit

pytestmark = pytest.mark.django_db
TODAY = "2026-11-25"

# Each "# WEAKNESS:" of src/digiteam/data/demo/djibouti.yaml and the open findings it gives.
WEAKNESSES = {
    "the digital services director has no spend control": {
        ("DIG101", "government:djibouti"),
    },
    "no chief technology officer": {("DIG102", "government:djibouti")},
    "the government CISO has been vacant since September 2025": {
        ("DIG106", "position:gov-ciso"),
    },
    "no data protection officer anywhere, although all six services process personal data": {
        ("DIG704", "service:birth-certificate"),
        ("DIG704", "service:civil-service-payroll"),
        ("DIG704", "service:construction-permit"),
        ("DIG704", "service:online-tax-declaration"),
        ("DIG704", "service:school-certificate"),
        ("DIG704", "service:social-cash-transfer"),
    },
    "the online tax declaration has no product owner and no service manager": {
        ("DIG301", "unit:mefi-tax"),
        ("DIG401", "service:online-tax-declaration"),
    },
    "the civil registration team has no content designer and no user researcher": {
        ("DIG501", "unit:mi-civil-status"),
    },
    "the Ministry of Justice has no CIO": {("DIG105", "unit:mj")},
    "the payroll team depends on one vendor for 64% of its FTE": {
        ("DIG602", "unit:mb-payroll"),
        ("DIG603", "unit:mb-payroll"),
    },
    "the payroll product owner, who holds product decisions, is a contract position": {
        ("DIG601", "position:payroll-po"),
        ("DIG401", "service:civil-service-payroll"),
    },
    "the online tax declaration has no governance area": {
        ("DIG402", "service:online-tax-declaration"),
    },
}


def check(*args: str) -> tuple[int, str, str]:
    """Run the command: its exit code, its standard output and its error message."""
    out = StringIO()
    try:
        call_command("check", *args, stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), str(exc)
    return 0, out.getvalue(), ""


def check_json(*args: str) -> dict[str, Any]:
    return json.loads(check(*args, "--format", "json", "--fail-on", "never")[1])


@pytest.fixture
def demo(shipped_reference: object) -> Government:
    government = demo_load()
    assert government is not None
    return government


def _open_findings(report: dict[str, Any]) -> set[tuple[str, str]]:
    found = {
        (f["rule"], f"{f['subject']['kind']}:{f['subject']['code']}") for f in report["findings"]
    }
    assert len(found) == len(report["findings"]), "one finding per rule and subject"
    return found


def test_the_demo_shows_each_deliberate_weakness_and_nothing_else(demo: Government) -> None:
    code, text, error = check("--government", "djibouti", "--today", TODAY, "--format", "json")
    assert (code, error) == (1, "14 open finding(s) at or above the fail level (error)")
    report = json.loads(text)
    expected = set().union(*WEAKNESSES.values())
    assert _open_findings(report) == expected
    assert report["waived"] == [] and report["checked_on"] == TODAY


def test_the_same_organisation_gives_the_same_json_from_a_file_and_the_database(
    demo: Government, tmp_path: Path
) -> None:
    exported = tmp_path / "djibouti.yaml"
    exported.write_text(org_dump(org_export(government=demo), "yaml"), encoding="utf-8")
    from_db = check("--government", "djibouti", "--today", TODAY, "--format", "json")
    from_file = check("--org", str(exported), "--today", TODAY, "--format", "json")
    shipped = check("--org", str(DEMO_FILE), "--today", TODAY, "--format", "json")
    assert from_db == from_file == shipped
    assert from_db[0] == 1


def test_a_file_is_checked_without_the_database(
    django_assert_num_queries: Any, shipped_reference: object
) -> None:
    with django_assert_num_queries(0):
        code, text, _ = check("--org", str(DEMO_FILE), "--today", TODAY, "--fail-on", "never")
    assert code == 0
    assert text.startswith(
        "Checks of Government of Djibouti (illustrative) (djibouti) on 2026-11-25\n"
    )


def test_text_groups_by_principle_gives_fixes_scores_and_counts(demo: Government) -> None:
    code, text, _ = check("--government", "djibouti", "--today", TODAY)
    assert code == 1
    assert "\nBuild service teams [service-teams]\n  ERROR DIG301 unit:mefi-tax" in text
    assert "    fix (DIG301): Add the missing positions to the team" in text
    assert (
        "\nBring ownership and control back to departments [ownership]\n  no open findings\n"
        in (text)
    )
    assert "\n  overall         89.3  (150 of 168 checks passed)\n" in text
    assert text.endswith("\nCounts: 14 errors, 4 warnings, 0 infos; 0 waived.\n")


def test_exit_code_follows_the_fail_level(demo: Government) -> None:
    base = ("--government", "djibouti", "--today", TODAY, "--format", "json")
    assert check(*base)[0] == 1
    assert check(*base, "--fail-on", "never")[0] == 0
    errors = {f["rule"] for f in check_json(*base[:4])["findings"] if f["severity"] == "error"}
    demo.check_config = {"rules": {code: {"enabled": False} for code in sorted(errors)}}
    demo.save()
    assert check(*base)[0] == 0, "only warnings are left"
    assert check(*base, "--fail-on", "warning")[0] == 1


def test_the_governments_settings_and_waivers_apply(demo: Government) -> None:
    demo.check_config = {
        "rules": {"DIG402": {"severity": "info"}},
        "waivers": [
            {
                "rule": "DIG603",
                "subject": "unit:mb-payroll",
                "justification": "A second vendor starts in January.",
                "expires": "2027-01-31",
            }
        ],
    }
    demo.save()
    report = check_json("--government", "djibouti", "--today", TODAY)
    assert {f["severity"] for f in report["findings"] if f["rule"] == "DIG402"} == {"info"}
    assert [(w["rule"], w["justification"]) for w in report["waived"]] == [
        ("DIG603", "A second vendor starts in January.")
    ]
    text = check("--government", "djibouti", "--today", TODAY, "--fail-on", "never")[1]
    assert "Waived findings (not counted as failures):\n  WARNING DIG603 unit:mb-payroll" in text


def test_the_files_checks_section_is_used_and_today_overrides_it(tmp_path: Path) -> None:
    text = DEMO_FILE.read_text(encoding="utf-8")
    path = tmp_path / "org.yaml"
    path.write_text(
        text + "\nchecks:\n  today: 2025-01-01\n  rules:\n    DIG704: {enabled: false}\n",
        encoding="utf-8",
    )
    report = check_json("--org", str(path))
    assert report["checked_on"] == "2025-01-01"
    assert "DIG704" not in {f["rule"] for f in report["findings"]}
    assert check_json("--org", str(path), "--today", TODAY)["checked_on"] == TODAY


def test_output_goes_to_a_file_with_a_summary_on_screen(demo: Government, tmp_path: Path) -> None:
    target = tmp_path / "report.xml"
    code, text, _ = check(
        "--government", "djibouti", "--today", TODAY, "--format", "junit", "-o", str(target)
    )
    assert code == 1
    assert text.startswith(f"Wrote {target}: 14 errors, 4 warnings, 0 infos; 0 waived;")
    assert target.read_text(encoding="utf-8").startswith('<?xml version="1.0"')


def test_an_unknown_government_suggests_the_nearest(demo: Government) -> None:
    assert check("--government", "djibuti") == (
        2,
        "",
        "unknown government 'djibuti' (did you mean 'djibouti'?)",
    )


def test_every_problem_of_an_invalid_file_is_printed_located(
    tmp_path: Path, shipped_reference: object
) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(
        "format: digiteam-org/1\n"
        "government: {code: testland, name: Testland}\n"
        "units:\n"
        "  - {id: root, kind: government, name: Root}\n"
        "  - {id: health, kind: ministry, name: Health, parent: nowhere}\n"
        "  - {id: tax, kind: ministry, name: Tax, parent: root,"
        " positions: [{id: p1, role: no-such-role}]}\n",
        encoding="utf-8",
    )
    code, _, error = check("--org", str(path))
    assert code == 2
    assert error.splitlines() == [
        "nothing was checked:",
        f"{path}:5 units[1].parent: unknown unit 'nowhere'",
        f"{path}:6 units[2].positions[0].role: unknown role 'no-such-role'",
    ]
    assert not Government.objects.exists()


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    assert check("--org", str(tmp_path / "missing.yaml"))[0] == 2
    (tmp_path / "bad.yaml").write_text("units: [", encoding="utf-8")
    code, _, error = check("--org", str(tmp_path / "bad.yaml"))
    assert code == 2 and f"{tmp_path / 'bad.yaml'}:2: not valid YAML" in error


def test_invalid_settings_exit_2_with_each_problem() -> None:
    gov = make_government(code="testland")
    make_unit(government=gov, kind="government", code="root")
    gov.check_config = {"rules": {"DIG999": {}, "DIG101": {"severity": "fatal"}}}
    gov.save()
    code, _, error = check("--government", "testland")
    assert code == 2
    assert "check settings of 'testland' rules.DIG101.severity: expected one of" in error
    gov.check_config = {"rules": {"DIG999": {}}, "waivers": []}
    gov.save()
    code, _, error = check("--government", "testland")
    assert (code, error.splitlines()[-1]) == (
        2,
        "check settings of 'testland' rules.DIG999: unknown rule DIG999",
    )


def test_an_unknown_rule_in_the_files_checks_section_is_located(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(
        "format: digiteam-org/1\n"
        "government: {code: testland, name: Testland}\n"
        "units:\n"
        "  - {id: root, kind: government, name: Root}\n"
        "checks:\n"
        "  rules:\n"
        "    DIG999: {enabled: false}\n",
        encoding="utf-8",
    )
    code, _, error = check("--org", str(path))
    problem = error.splitlines()[-1]
    assert code == 2
    assert problem.startswith(f"{path}:") and problem.endswith("unknown rule DIG999")
