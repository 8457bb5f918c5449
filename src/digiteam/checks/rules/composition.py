"""Composition: the functions of the applied templates are actually staffed.

Capacity building, performance and monitoring, and the data protection officer are declared in
``requirements.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator

from digiteam.checks.engine.findings import Check, Subject, failed, passed
from digiteam.checks.engine.registry import Context, Rule
from digiteam.checks.engine.snapshot import Organisation
from digiteam.checks.rules.common import COMPOSITION


def template_functions_staffed(org: Organisation, ctx: Context) -> Iterator[Check]:
    """Every function (with at least one slot) of every template applied to the organisation
    has at least one filled position sized from one of its slots."""
    for template in org.templates:
        for function in template.functions:
            if not function.slots:
                continue
            subject = Subject("function", function.key, f"{template.name}: {function.name}")
            positions = org.positions_in_function(function.key)
            if any(p.status == "filled" for p in positions):
                yield passed(subject)
            elif len(positions) == 1:
                yield failed(subject, f"Its only position, {positions[0].code}, is not filled.")
            elif positions:
                yield failed(subject, f"None of its {len(positions)} positions is filled.")
            else:
                yield failed(subject, "No position is sized from this function.")


FUNCTIONS_STAFFED = Rule(
    code="DIG701",
    name="Every function of an applied template staffed",
    severity="warning",
    principle="composition",
    check=template_functions_staffed,
    rationale=(
        "Applying a template says the government needs each of its functions. A function with "
        "no one in post yet is a plan, not a capability: help desk, procurement or data "
        "protection work either does not happen or is done by whoever is nearest."
    ),
    fix=(
        "Fill at least one position of the function, starting with the one the others depend "
        "on; if the government decided it does not need the function, record that decision "
        "with a waiver."
    ),
    example=(
        "The 'digital-leadership' template is applied and its 'security-and-data-protection' "
        "function has a planned CISO and a vacant data protection officer: it fails with 'None "
        "of its 2 positions is filled'. Filling either position makes it pass."
    ),
    source=COMPOSITION,
)

RULES = (FUNCTIONS_STAFFED,)
