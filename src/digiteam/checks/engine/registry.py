"""Rules and the registry that holds them.

A rule is a record: a stable code (``DIG301``), a readable name, a default severity kept apart
from the code (a government may change it), the principle it serves, our own words on why it
matters, how to fix it and an example, the section of the reference documents it comes from,
its parameters with their defaults, and the pure function that checks it. A registry is built
explicitly from a list of rules; nothing registers itself on import.
"""

from __future__ import annotations

import datetime
import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from digiteam.checks.engine.findings import SEVERITIES, Check, Severity
from digiteam.checks.engine.snapshot import Organisation

PrincipleName = Literal[
    "leadership",
    "ownership",
    "service-teams",
    "governance",
    "user-needs",
    "in-control",
    "composition",
]
CODE_PATTERN = r"^[A-Z]{2,8}[0-9]{3}$"
PRINCIPLES_DOC = "organize-government-for-digital-services.md"
COMPOSITION_DOC = "digital-team-composition.md"
REFERENCE_DOCS = (PRINCIPLES_DOC, COMPOSITION_DOC, "govstack-user-profiles-taxonomy.md")
SOURCE_PATTERN = re.compile(
    r"^(" + "|".join(re.escape(d) for d in REFERENCE_DOCS) + r")(#[a-z0-9]+(-[a-z0-9]+)*)?$"
)
ParamValue = int | float | str | tuple[str, ...]


@dataclass(frozen=True)
class Principle:
    slug: PrincipleName
    title: str
    source: str


PRINCIPLES: tuple[Principle, ...] = (
    Principle(
        "leadership",
        "Appoint qualified digital leadership",
        f"{PRINCIPLES_DOC}#1-appoint-qualified-digital-leadership",
    ),
    Principle(
        "ownership",
        "Bring ownership and control back to departments",
        f"{PRINCIPLES_DOC}#2-bring-ownership-and-control-back-to-departments",
    ),
    Principle("service-teams", "Build service teams", f"{PRINCIPLES_DOC}#3-build-service-teams"),
    Principle("governance", "Simplify governance", f"{PRINCIPLES_DOC}#4-simplify-governance"),
    Principle("user-needs", "Focus on user needs", f"{PRINCIPLES_DOC}#5-focus-on-user-needs"),
    Principle(
        "in-control",
        "Government, not vendors, in control",
        f"{PRINCIPLES_DOC}#3-build-service-teams",
    ),
    Principle(
        "composition",
        "Staff the functions of the reference composition",
        f"{COMPOSITION_DOC}#sample-digital-team-composition",
    ),
)
PRINCIPLE_SLUGS = tuple(p.slug for p in PRINCIPLES)


@dataclass(frozen=True)
class Param:
    """A threshold or list a government may override; ``default`` applies otherwise."""

    name: str
    default: ParamValue
    description: str


@dataclass(frozen=True)
class Context:
    """What a rule may know besides the organisation: the check date and its parameters."""

    today: datetime.date
    params: Mapping[str, Any]


CheckFunction = Callable[[Organisation, Context], Iterable[Check]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    principle: PrincipleName
    rationale: str  # why it matters
    fix: str  # how to fix a finding
    example: str  # a situation that fails, and what makes it pass
    source: str  # shipped rules: "<reference document>.md#<section anchor>"
    check: CheckFunction
    params: tuple[Param, ...] = ()
    description: str = ""  # what it checks; the check function's docstring when empty
    origin: str = "python"  # or the declarative file it was read from

    @property
    def what(self) -> str:
        """What the rule checks, in one paragraph."""
        return " ".join((self.description or inspect.getdoc(self.check) or "").split())

    @property
    def defaults(self) -> dict[str, ParamValue]:
        return {p.name: p.default for p in self.params}


def rule_problems(rule: Rule) -> list[str]:
    """What is wrong with a rule record; empty when it is complete."""
    problems = []
    if not re.match(CODE_PATTERN, rule.code):
        problems.append(f"code '{rule.code}' is not letters then three digits, e.g. DIG101")
    for name in ("name", "rationale", "fix", "example", "what", "source"):
        if not str(getattr(rule, name)).strip():
            problems.append(f"{rule.code}: '{name}' is empty")
    if rule.severity not in SEVERITIES:
        problems.append(f"{rule.code}: unknown severity '{rule.severity}'")
    if rule.principle not in PRINCIPLE_SLUGS:
        problems.append(f"{rule.code}: unknown principle '{rule.principle}'")
    return problems


def is_reference_source(source: str) -> bool:
    """``source`` points at a section of one of the reference documents."""
    return bool(SOURCE_PATTERN.match(source))


class RegistryError(ValueError):
    pass


class Registry:
    """An ordered, read-only set of rules with unique codes."""

    def __init__(self, rules: Iterable[Rule]):
        ordered = sorted(rules, key=lambda r: r.code)
        problems = [p for r in ordered for p in rule_problems(r)]
        seen: set[str] = set()
        for r in ordered:
            if r.code in seen:
                problems.append(f"two rules share the code {r.code}")
            seen.add(r.code)
        if problems:
            raise RegistryError("; ".join(problems))
        self._rules = {r.code: r for r in ordered}

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, code: object) -> bool:
        return code in self._rules

    def get(self, code: str) -> Rule:
        return self._rules[code]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self._rules)

    def extended(self, rules: Iterable[Rule]) -> Registry:
        """A new registry with ``rules`` added (their codes must be new)."""
        return Registry([*self, *rules])
