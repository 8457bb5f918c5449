"""Running the checks: configuration, waivers, scores, order and the JSON report."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator

import pytest

from digiteam.checks.engine import (
    Check,
    ConfigError,
    Context,
    Government,
    Organisation,
    Position,
    Registry,
    Rule,
    Subject,
    Unit,
    config_read,
    failed,
    passed,
    run_checks,
)
from digiteam.core.located import FileInvalid
from digiteam.reference import Reference
from tests.checks.conftest import TODAY, config, fixture_org

WAIVER = {
    "rule": "DIG602",
    "subject": "unit:tax-team",
    "justification": "Contractors hand over to new hires in December.",
}


def test_a_rule_switched_off_neither_runs_nor_counts(reference: Reference) -> None:
    org = fixture_org("DIG602-fail", reference)
    report = run_checks(org, config(rules={"DIG602": {"enabled": False}}))
    assert "DIG602" not in [r.code for r in report.rules]
    assert "DIG602" not in [f.rule for f in report.findings]


def test_a_government_can_change_a_severity(reference: Reference) -> None:
    org = fixture_org("DIG402-fail", reference)
    report = run_checks(org, config(rules={"DIG402": {"severity": "error"}}))
    assert [f.severity for f in report.findings if f.rule == "DIG402"] == ["error"]
    assert next(r for r in report.rules if r.code == "DIG402").severity == "error"


def test_a_government_can_change_a_threshold(reference: Reference) -> None:
    org = fixture_org("DIG602-fail", reference)  # 67% contract staff
    assert "DIG602" in [f.rule for f in run_checks(org, config()).findings]
    relaxed = run_checks(org, config(rules={"DIG602": {"params": {"max_share": 70}}}))
    assert "DIG602" not in [f.rule for f in relaxed.findings]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"rules": {"DIG999": {"enabled": False}}}, "unknown rule DIG999"),
        ({"rules": {"DIG602": {"params": {"limit": 3}}}}, "unknown parameter 'limit'"),
        ({"rules": {"DIG602": {"params": {"max_share": "half"}}}}, "expected a value like 50"),
        ({"waivers": [{**WAIVER, "rule": "DIG999", "expires": TODAY}]}, "unknown rule DIG999"),
    ],
)
def test_a_configuration_naming_what_does_not_exist_is_refused(
    fields: dict[str, object], message: str, reference: Reference
) -> None:
    with pytest.raises(ConfigError, match=message):
        run_checks(fixture_org("DIG602-fail", reference), config(**fields))


def test_a_government_adds_its_own_declarative_rule(reference: Reference) -> None:
    own = {
        "code": "TL001",
        "name": "No consultants in the tax team",
        "principle": "in-control",
        "scope": {"unit_kind": "team"},
        "roles": ["software-developer"],
        "sourcing": ["consultant", "contract"],
        "at_most": 1,
        **{k: "Our words." for k in ("rationale", "fix", "example")},
        "source": "National digital policy, section 3",
    }
    report = run_checks(fixture_org("DIG602-fail", reference), config(requirements=[own]))
    assert [(f.rule, f.subject.key) for f in report.findings if f.rule == "TL001"] == [
        ("TL001", "unit:tax-team")
    ]
    clash = {**own, "code": "DIG101"}
    with pytest.raises(ConfigError, match="DIG101 is already a rule's"):
        run_checks(fixture_org("DIG602-fail", reference), config(requirements=[clash]))


def test_an_active_waiver_moves_its_finding_aside_and_counts_it_as_passed(
    reference: Reference,
) -> None:
    org = fixture_org("DIG602-fail", reference)
    waiver = {**WAIVER, "expires": datetime.date(2025, 12, 31)}
    report = run_checks(org, config(waivers=[waiver]))
    assert "DIG602" not in [f.rule for f in report.findings]
    assert [(w.finding.rule, w.waiver.justification) for w in report.waived] == [
        ("DIG602", WAIVER["justification"])
    ]
    result = next(r for r in report.rules if r.code == "DIG602")
    assert (result.checks, result.passed, result.failed, result.waived) == (1, 1, 0, 1)
    assert report.to_dict()["waived"][0]["expires"] == "2025-12-31"


def test_an_expired_waiver_hides_nothing_and_is_reported(reference: Reference) -> None:
    org = fixture_org("DIG602-fail", reference)
    waiver = {**WAIVER, "expires": datetime.date(2025, 6, 29)}  # the day before TODAY
    report = run_checks(org, config(waivers=[waiver]))
    assert "DIG602" in [f.rule for f in report.findings]
    assert not report.waived
    assert [w.subject for w in report.expired_waivers] == ["unit:tax-team"]


def test_a_waiver_that_matches_nothing_is_reported_as_unused(reference: Reference) -> None:
    org = fixture_org("DIG602-pass", reference)
    report = run_checks(org, config(waivers=[{**WAIVER, "expires": datetime.date(2026, 1, 1)}]))
    assert [w.rule for w in report.unused_waivers] == ["DIG602"]


# --- scores -------------------------------------------------------------------------------


def _rule(code: str, principle: str, results: list[bool]) -> Rule:
    def check(org: Organisation, ctx: Context) -> Iterator[Check]:
        """Passes or fails as told."""
        for i, ok in enumerate(results):
            subject = Subject("unit", f"u{i}", f"Unit {i}")
            yield passed(subject) if ok else failed(subject, "Told to fail.")

    words = {k: "Our own words." for k in ("name", "rationale", "fix", "example", "source")}
    return Rule(code=code, severity="warning", principle=principle, check=check, **words)  # type: ignore[arg-type]


def test_scores_are_passed_checks_over_checks() -> None:
    registry = Registry(
        [
            _rule("TST301", "service-teams", [True, True, True, False]),  # 3 of 4
            _rule("TST302", "service-teams", [True, False, True, False]),  # 2 of 4
            _rule("TST601", "in-control", [True]),
            _rule("TST602", "in-control", []),  # nothing to check
        ]
    )
    org = Organisation.build(government=Government("t", "T"), units=[Unit("u", "U", "government")])
    report = run_checks(org, config(), registry=registry)
    scores = {p.slug: s for p, s in report.principles}
    assert (scores["service-teams"].checks, scores["service-teams"].passed) == (8, 5)
    assert scores["service-teams"].value == 62.5  # 100 x (3 + 2) / (4 + 4), as docs/rules.md says
    assert scores["in-control"].value == 100.0
    assert scores["leadership"].value is None
    assert (report.score.checks, report.score.passed, report.score.value) == (9, 6, 66.7)
    assert report.counts == {"error": 0, "warning": 3, "info": 0}


# --- order and JSON -----------------------------------------------------------------------


def test_findings_come_in_a_stable_order(reference: Reference) -> None:
    report = run_checks(fixture_org("DIG704-fail", reference), config())
    keys = [(f.severity, f.rule, f.subject.kind, f.subject.code) for f in report.findings]
    severities = [k[0] for k in keys]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert keys == sorted(keys, key=lambda k: (["error", "warning", "info"].index(k[0]), *k[1:]))


def test_the_report_is_plain_json_and_does_not_depend_on_input_order(
    reference: Reference,
) -> None:
    org = fixture_org("DIG401-fail", reference)
    shuffled = Organisation.build(
        government=org.government,
        units=reversed(org.units),
        positions=reversed(org.positions),
        services=reversed(org.services),
        roles=org.roles,
    )
    first = json.dumps(run_checks(org, config()).to_dict())
    assert json.dumps(run_checks(shuffled, config()).to_dict()) == first
    data = json.loads(first)
    assert data["checked_on"] == "2025-06-30"
    assert set(data) >= {"score", "principles", "rules", "findings", "waived", "counts"}


def test_the_check_date_defaults_to_today() -> None:
    org = Organisation.build(
        government=Government("t", "T"),
        units=[Unit("u", "U", "government")],
        positions=[Position("p", "u", "chief-technology-officer")],
    )
    assert run_checks(org).checked_on == datetime.date.today()


def test_a_configuration_file_is_validated_with_lines() -> None:
    text = "today: 2025-06-30\nrules:\n  DIG602:\n    severity: loud\n"
    with pytest.raises(FileInvalid) as caught:
        config_read(text, "checks.yaml")
    assert [p.line for p in caught.value.problems] == [4]
    good = config_read("rules:\n  DIG602: {params: {max_share: 30}}\n")
    assert good.rules["DIG602"].params == {"max_share": 30}
