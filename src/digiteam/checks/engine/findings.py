"""What a rule says about each subject it looked at, and the findings the report lists.

A rule returns one :class:`Check` per subject it examined: passed, or failed with a message
that gives the figures that matter. The engine turns failed checks into :class:`Finding` records
(adding the rule's code, the severity in force and the fix) and counts all of them for the scores.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from digiteam.checks.engine.snapshot import Organisation, Position, Service, Unit

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SubjectKind = Literal["government", "unit", "service", "position", "function"]


@dataclass(frozen=True, slots=True)
class Subject:
    """What a check is about: a kind, a code unique within that kind, and a readable label."""

    kind: SubjectKind
    code: str
    label: str

    @property
    def key(self) -> str:
        """``kind:code``, the form waivers use."""
        return f"{self.kind}:{self.code}"

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "code": self.code, "label": self.label}


@dataclass(frozen=True, slots=True)
class Check:
    """One subject a rule looked at; an empty ``problem`` means it passed."""

    subject: Subject
    problem: str = ""

    @property
    def passed(self) -> bool:
        return not self.problem


def passed(subject: Subject) -> Check:
    return Check(subject)


def failed(subject: Subject, problem: str) -> Check:
    if not problem:
        raise ValueError("a failed check needs a message")
    return Check(subject, problem)


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    subject: Subject
    message: str
    fix: str

    @property
    def sort_key(self) -> tuple[int, str, str, str, str]:
        return (
            SEVERITIES.index(self.severity),
            self.rule,
            self.subject.kind,
            self.subject.code,
            self.message,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "subject": self.subject.to_dict(),
            "message": self.message,
            "fix": self.fix,
        }


def findings_sorted(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Errors first, then warnings and infos; within a severity by rule code, then subject."""
    return tuple(sorted(findings, key=lambda f: f.sort_key))


# --- subjects --------------------------------------------------------------------------------


def government_subject(org: Organisation) -> Subject:
    return Subject("government", org.government.code, org.government.name)


def unit_subject(unit: Unit) -> Subject:
    return Subject("unit", unit.code, unit.name)


def service_subject(service: Service) -> Subject:
    return Subject("service", service.code, service.name)


def position_subject(org: Organisation, position: Position) -> Subject:
    title = position.title or org.role_title(position.role)
    return Subject("position", position.code, f"{title}, {org.unit(position.unit).name}")


# --- wording ---------------------------------------------------------------------------------


def either(words: Sequence[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def roles_phrase(org: Organisation, roles: Sequence[str]) -> str:
    return either([org.role_title(r) for r in roles])


def codes(positions: Iterable[Position]) -> str:
    return ", ".join(p.code for p in positions)


def number(value: Decimal | int | float) -> str:
    """A figure without trailing zeros: 1.00 -> '1', 0.50 -> '0.5'."""
    text = f"{Decimal(value).quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(part: Decimal, whole: Decimal) -> str:
    return f"{round(100 * part / whole)}%"
