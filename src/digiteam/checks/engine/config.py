"""How a government tunes the checks: a YAML (or JSON) file, validated whole.

```yaml
today: 2025-06-30            # the check date (default: the day the checks run)
rules:
  DIG603: {enabled: false}   # switch a rule off
  DIG402: {severity: error}  # change its severity
  DIG602: {params: {max_share: 30}}
requirements: [...]          # the government's own declarative rules (see declarative.py)
waivers:
  - rule: DIG602
    subject: unit:tax-portal-team
    justification: Contractors finish the migration by December; internal hires start then.
    expires: 2025-12-31
```
"""

from __future__ import annotations

import datetime

from pydantic import Field

from digiteam.checks.engine.declarative import Requirement
from digiteam.checks.engine.findings import Severity
from digiteam.checks.engine.registry import Registry
from digiteam.core.located import parse, validate
from digiteam.core.schema import Strict

SUBJECT_PATTERN = r"^(government|unit|service|position|function):\S+$"


class RuleSettings(Strict):
    enabled: bool = True
    severity: Severity | None = None
    params: dict[str, int | float | str | list[str]] = {}


class Waiver(Strict):
    """An accepted finding: the rule, the subject (``kind:code``), why, and until when."""

    rule: str
    subject: str = Field(pattern=SUBJECT_PATTERN, description="kind:code, e.g. unit:tax-team")
    justification: str = Field(min_length=1)
    expires: datetime.date

    def active(self, day: datetime.date) -> bool:
        return day <= self.expires

    def to_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "subject": self.subject,
            "justification": self.justification,
            "expires": self.expires.isoformat(),
        }


class CheckConfig(Strict):
    today: datetime.date | None = None
    rules: dict[str, RuleSettings] = {}
    requirements: list[Requirement] = []
    waivers: list[Waiver] = []


class ConfigError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def config_read(text: str, filename: str = "checks.yaml") -> CheckConfig:
    """Parse and validate a configuration; raises ``FileInvalid`` with located problems."""
    data, located = parse(text, filename)
    return validate(CheckConfig, data or {}, located)


def config_problems(config: CheckConfig, registry: Registry) -> list[str]:
    """References to rules or parameters that do not exist, and parameters of the wrong type."""
    problems = []
    for code, settings in config.rules.items():
        if code not in registry:
            problems.append(f"rules: unknown rule {code}")
            continue
        defaults = registry.get(code).defaults
        for name, value in settings.params.items():
            if name not in defaults:
                known = ", ".join(defaults) or "none"
                problems.append(f"rules.{code}: unknown parameter '{name}' (known: {known})")
            elif not _same_type(defaults[name], value):
                problems.append(
                    f"rules.{code}.params.{name}: expected a value like {defaults[name]!r}"
                )
    for i, waiver in enumerate(config.waivers):
        if waiver.rule not in registry:
            problems.append(f"waivers[{i}]: unknown rule {waiver.rule}")
    return problems


def _same_type(default: object, value: object) -> bool:
    if isinstance(default, int | float):
        return isinstance(value, int | float) and not isinstance(value, bool)
    if isinstance(default, tuple):
        return isinstance(value, list)
    return isinstance(value, type(default))
