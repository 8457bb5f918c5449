"""The result of a run: findings, waived findings, what each rule checked, and the scores.

How scores are computed is ``SCORING`` below; the rules reference (docs/rules.md) quotes it.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from digiteam.checks.engine.config import Waiver
from digiteam.checks.engine.findings import SEVERITIES, Finding, Severity
from digiteam.checks.engine.registry import PRINCIPLES, Principle, PrincipleName
from digiteam.checks.engine.snapshot import Government

SCORING = """\
Every rule looks at a number of subjects (the government, units, services, positions or
template functions, as its description says) and each subject it looks at is one **check**. A
check **passes** unless it produced an open finding; a finding hidden by an active waiver
counts as passed (the report lists it under "waived"). Then:

- a rule's result is its checks, passed and failed;
- a **principle's score** is 100 x (passed checks) / (checks) over its enabled rules, rounded to
  one decimal;
- the **overall score** is the same ratio over every enabled rule.

Severity does not weigh in; a rule that found nothing to check adds nothing; a principle with no
checks has no score. Example: DIG301 checks 4 service teams and 1 fails, DIG302 checks the same
4 teams and 2 fail; the service-teams score is 100 x (3 + 2) / (4 + 4) = 62.5."""


@dataclass(frozen=True)
class WaivedFinding:
    finding: Finding
    waiver: Waiver

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.finding.to_dict(),
            "justification": self.waiver.justification,
            "expires": self.waiver.expires.isoformat(),
        }


@dataclass(frozen=True)
class RuleResult:
    code: str
    name: str
    principle: PrincipleName
    severity: Severity  # in force for this run
    checks: int
    failed: int  # open findings
    waived: int

    @property
    def passed(self) -> int:
        return self.checks - self.failed

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "principle": self.principle,
            "severity": self.severity,
            "checks": self.checks,
            "passed": self.passed,
            "failed": self.failed,
            "waived": self.waived,
        }


@dataclass(frozen=True)
class Score:
    checks: int
    passed: int

    @property
    def value(self) -> float | None:
        """100 x passed / checks, one decimal; None when nothing was checked."""
        return round(100 * self.passed / self.checks, 1) if self.checks else None

    def to_dict(self) -> dict[str, Any]:
        return {"checks": self.checks, "passed": self.passed, "score": self.value}


@dataclass(frozen=True)
class Report:
    government: Government
    checked_on: datetime.date
    findings: tuple[Finding, ...]  # open findings, in their stable order
    waived: tuple[WaivedFinding, ...]
    rules: tuple[RuleResult, ...]  # enabled rules, by code
    expired_waivers: tuple[Waiver, ...] = ()
    unused_waivers: tuple[Waiver, ...] = ()  # active, but matched no finding

    @property
    def score(self) -> Score:
        return _score(self.rules)

    @property
    def principles(self) -> list[tuple[Principle, Score]]:
        return [(p, _score(r for r in self.rules if r.principle == p.slug)) for p in PRINCIPLES]

    @property
    def counts(self) -> dict[str, int]:
        """Open findings by severity."""
        counts = Counter(f.severity for f in self.findings)
        return {s: counts[s] for s in SEVERITIES}

    @property
    def ok(self) -> bool:
        """No open error (what a CI job would fail on)."""
        return not self.counts["error"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "government": {"code": self.government.code, "name": self.government.name},
            "checked_on": self.checked_on.isoformat(),
            "counts": {**self.counts, "waived": len(self.waived)},
            "score": self.score.to_dict(),
            "principles": [
                {"principle": p.slug, "title": p.title, **s.to_dict()} for p, s in self.principles
            ],
            "rules": [r.to_dict() for r in self.rules],
            "findings": [f.to_dict() for f in self.findings],
            "waived": [w.to_dict() for w in self.waived],
            "expired_waivers": [w.to_dict() for w in self.expired_waivers],
            "unused_waivers": [w.to_dict() for w in self.unused_waivers],
        }


def _score(results: Any) -> Score:
    checks = passed = 0
    for r in results:
        checks += r.checks
        passed += r.passed
    return Score(checks, passed)
