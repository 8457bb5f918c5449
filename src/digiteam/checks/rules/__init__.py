"""The shipped rules: one module per principle, plus the declarative ``requirements.yaml``.

``default_registry()`` builds the registry from the explicit lists below; importing this
package registers nothing anywhere.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from digiteam.checks.engine.declarative import requirement_rule, requirements_read
from digiteam.checks.engine.registry import Registry, Rule
from digiteam.checks.rules import (
    composition,
    governance,
    in_control,
    leadership,
    ownership,
    service_teams,
    user_needs,
)

REQUIREMENTS = Path(__file__).resolve().parent / "requirements.yaml"

PYTHON_RULES: tuple[Rule, ...] = (
    *leadership.RULES,
    *ownership.RULES,
    *service_teams.RULES,
    *governance.RULES,
    *user_needs.RULES,
    *in_control.RULES,
    *composition.RULES,
)


def declarative_rules() -> list[Rule]:
    text = REQUIREMENTS.read_text(encoding="utf-8")
    return [
        requirement_rule(r, REQUIREMENTS.name) for r in requirements_read(text, REQUIREMENTS.name)
    ]


@cache
def default_registry() -> Registry:
    """Every shipped rule, Python and declarative, by code."""
    return Registry([*PYTHON_RULES, *declarative_rules()])
