"""Every rule has a fixture it fires on and one it does not fire on; no fixture is orphaned."""

from __future__ import annotations

import pytest

from digiteam.checks.engine import run_checks
from digiteam.checks.rules import default_registry
from digiteam.reference import Reference
from tests.checks.conftest import FIXTURES, config, fixture_org

CODES = default_registry().codes


@pytest.mark.parametrize("outcome", ["fail", "pass"])
@pytest.mark.parametrize("code", CODES)
def test_rule_on_its_fixture(code: str, outcome: str, reference: Reference) -> None:
    report = run_checks(fixture_org(f"{code}-{outcome}", reference), config())
    fired = [f for f in report.findings if f.rule == code]
    result = next(r for r in report.rules if r.code == code)
    if outcome == "fail":
        assert fired, f"{code} does not fire on {code}-fail.yaml"
    else:
        assert not fired, f"{code} fires on {code}-pass.yaml: {fired[0].message}"
        assert result.checks, f"{code} checks nothing in {code}-pass.yaml"


def test_every_fixture_belongs_to_a_rule() -> None:
    expected = {f"{code}-{outcome}.yaml" for code in CODES for outcome in ("fail", "pass")}
    assert {p.name for p in FIXTURES.glob("*.yaml")} == expected
