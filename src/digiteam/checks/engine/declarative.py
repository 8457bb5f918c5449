"""Declarative rules: "in these units or services, these roles, at least/at most N".

A requirement counts the positions of some roles (optionally only those of a given sourcing, or
holding a given decision right) in a scope, and compares the count with ``at_least`` and
``at_most``. Scopes:

- ``government``: once, at government level (units that are neither a ministry nor inside one);
- ``organisation``: once, anywhere in the organisation;
- ``{unit_kind: K}`` / ``{unit_tag: T}``: each such unit, counting the unit and every unit below;
- ``services`` / ``personal_data_services``: each digital service (or each that processes
  personal data), counting its team, its owning unit and every unit above them.

Positions count whatever their status. The shipped requirements are in
``checks/rules/requirements.yaml``; a government adds its own in its check configuration.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import partial
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from digiteam.checks.engine.findings import (
    Check,
    Severity,
    Subject,
    either,
    failed,
    government_subject,
    passed,
    roles_phrase,
    service_subject,
    unit_subject,
)
from digiteam.checks.engine.registry import CODE_PATTERN, Context, PrincipleName, Rule
from digiteam.checks.engine.snapshot import Organisation, Position
from digiteam.core.located import parse, validate
from digiteam.core.schema import Slug, Strict

ScopeName = Literal["government", "organisation", "services", "personal_data_services"]
Sourcing = Literal["internal", "contract", "consultant", "secondment"]
Right = Literal["spend_control", "product_decisions", "technical_decisions"]
RIGHT_WORDS = {
    "spend_control": "spend control",
    "product_decisions": "product decisions",
    "technical_decisions": "technical decisions",
}
WHERE = {
    "government": "at government level",
    "organisation": "anywhere in the organisation",
    "unit": "in this unit or below it",
    "services": "in the service's team, its owning unit or a unit above them",
}


class UnitScope(Strict):
    unit_kind: Slug | None = None
    unit_tag: str | None = None

    @model_validator(mode="after")
    def _one(self) -> UnitScope:
        if (self.unit_kind is None) == (self.unit_tag is None):
            raise ValueError("a unit scope names either 'unit_kind' or 'unit_tag'")
        return self


class Requirement(Strict):
    code: str = Field(pattern=CODE_PATTERN)
    name: str = Field(min_length=1)
    severity: Severity = "warning"
    principle: PrincipleName
    scope: ScopeName | UnitScope
    roles: list[Slug] = Field(min_length=1)
    at_least: int | None = Field(default=None, ge=0)
    at_most: int | None = Field(default=None, ge=0)
    sourcing: list[Sourcing] = Field(default=[], description="count only these; empty: any")
    right: Right | None = Field(default=None, description="count only holders of this right")
    rationale: str = Field(min_length=1)
    fix: str = Field(min_length=1)
    example: str = Field(min_length=1)
    source: str = Field(min_length=1)

    @model_validator(mode="after")
    def _bounds(self) -> Requirement:
        if self.at_least is None and self.at_most is None:
            raise ValueError("a requirement needs 'at_least', 'at_most' or both")
        if self.at_least is not None and self.at_most is not None and self.at_least > self.at_most:
            raise ValueError("'at_least' cannot exceed 'at_most'")
        return self

    def qualifies(self, position: Position) -> bool:
        if self.sourcing and position.sourcing not in self.sourcing:
            return False
        return self.right is None or self.right in position.rights


class RequirementsFile(BaseModel):
    requirements: list[Requirement]


def requirements_read(text: str, filename: str) -> list[Requirement]:
    """Parse and validate a requirements file; raises ``FileInvalid`` with located problems."""
    data, located = parse(text, filename)
    return validate(RequirementsFile, data, located).requirements


def requirement_rule(requirement: Requirement, origin: str) -> Rule:
    return Rule(
        code=requirement.code,
        name=requirement.name,
        severity=requirement.severity,
        principle=requirement.principle,
        rationale=requirement.rationale,
        fix=requirement.fix,
        example=requirement.example,
        source=requirement.source,
        check=partial(requirement_check, requirement),
        description=requirement_text(requirement),
        origin=origin,
    )


# --- evaluation ------------------------------------------------------------------------------


def requirement_check(req: Requirement, org: Organisation, ctx: Context) -> list[Check]:
    """One check per subject of the scope: the count of qualifying positions against bounds."""
    matching = [p for role in dict.fromkeys(req.roles) for p in org.positions_of(role)]
    good = [p for p in matching if req.qualifies(p)]
    judge = partial(_judge, req, org)
    if req.scope == "government":
        central = [p for p in matching if org.is_central(p.unit)]
        count = sum(1 for p in central if req.qualifies(p))
        return [judge(government_subject(org), "government", count, len(central))]
    if req.scope == "organisation":
        return [judge(government_subject(org), "organisation", len(good), len(matching))]
    if isinstance(req.scope, UnitScope):
        kind, tag = req.scope.unit_kind, req.scope.unit_tag
        units = org.units_of_kind(kind) if kind else org.units_tagged(tag or "")
        good_below, all_below = _count_below(org, good), _count_below(org, matching)
        return [
            judge(unit_subject(u), "unit", good_below[u.code], all_below[u.code]) for u in units
        ]
    services = [s for s in org.services if req.scope == "services" or s.personal_data]
    good_at, all_at = Counter(p.unit for p in good), Counter(p.unit for p in matching)
    checks = []
    for s in services:
        reach = set(org.reach(s.owner)) | (set(org.reach(s.team)) if s.team else set())
        found, total = sum(good_at[u] for u in reach), sum(all_at[u] for u in reach)
        checks.append(judge(service_subject(s), "services", found, total))
    return checks


def _count_below(org: Organisation, positions: Iterable[Position]) -> Counter[str]:
    """For each unit, the positions in it or below it."""
    counts: Counter[str] = Counter()
    for p in positions:
        counts.update(org.reach(p.unit))
    return counts


def _judge(
    req: Requirement, org: Organisation, subject: Subject, where: str, found: int, total: int
) -> Check:
    what = roles_phrase(org, req.roles) + _qualifier(req)
    if req.at_least is not None and found < req.at_least:
        message = f"Needs at least {req.at_least} {what} {WHERE[where]}; found {found}"
        if total > found:
            lacking = " or ".join(
                w for w, on in (("decision right", req.right), ("sourcing", req.sourcing)) if on
            )
            message += (
                f", and {total - found} {_positions(total - found)} without the {lacking} required"
            )
        return failed(subject, message + ".")
    if req.at_most is not None and found > req.at_most:
        return failed(
            subject, f"Allows at most {req.at_most} {what} {WHERE[where]}; found {found}."
        )
    return passed(subject)


def _positions(n: int) -> str:
    return "position" if n == 1 else "positions"


def _qualifier(req: Requirement) -> str:
    words = ""
    if req.right:
        words += f" holding {RIGHT_WORDS[req.right]}"
    if req.sourcing:
        words += f" ({either(list(req.sourcing))} staff)"
    return words


# --- documentation ---------------------------------------------------------------------------


def requirement_text(req: Requirement) -> str:
    """What a requirement checks, in words, for the rules reference."""
    bounds = []
    if req.at_least is not None:
        bounds.append(f"at least {req.at_least}")
    if req.at_most is not None:
        bounds.append(f"at most {req.at_most}")
    roles = either([f"`{r}`" for r in req.roles])
    return f"{_scope_text(req)}: {' and '.join(bounds)} {roles}{_qualifier(req)}."


def _scope_text(req: Requirement) -> str:
    scope = req.scope
    below = "counting positions in the unit and every unit below it"
    reach = "counting positions in its team, its owning unit and every unit above them"
    if isinstance(scope, UnitScope):
        if scope.unit_kind:
            return f"In each unit of kind `{scope.unit_kind}`, {below}"
        return f"In each unit tagged `{scope.unit_tag}`, {below}"
    texts: dict[str, str] = {
        "government": "At government level (in units that are neither a ministry nor inside one)",
        "organisation": "Anywhere in the organisation",
        "services": f"For each digital service, {reach}",
        "personal_data_services": f"For each digital service processing personal data, {reach}",
    }
    return texts[scope]
