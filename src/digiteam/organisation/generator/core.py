"""generate_org: a whole government, from the root to the people, in one pass."""

from __future__ import annotations

import random
from typing import Any

from digiteam.organisation.generator import lists
from digiteam.organisation.generator.roles import GOVERNMENT_LEADERS
from digiteam.organisation.generator.staff import (
    Staffing,
    free_sourcing_cum,
    locked_count,
    unit_roles,
)
from digiteam.organisation.generator.units import Plan, UnitPlan, branch_add, split
from digiteam.organisation.schema import FORMAT

GOVERNMENT_SHARE = 0.03  # of all positions, in the national digital agency


def generate_org(*, ministries: int, positions: int, seed: int) -> dict[str, Any]:
    """An invented government with ``ministries`` ministries and exactly ``positions`` positions.

    Uses only ``random.Random(seed)``: the same arguments always give equal data.
    """
    minimum = len(GOVERNMENT_LEADERS) + ministries
    if ministries < 1 or positions < minimum:
        raise ValueError(
            f"{ministries} ministries need at least {minimum} positions "
            "(one CIO each plus the government's leaders)"
        )
    rng = random.Random(seed)
    plan = Plan(rng)
    _structure_add(plan, ministries, positions)
    roles = [unit_roles(unit, rng) for unit in plan.units]
    staffing = Staffing(rng, free_sourcing_cum(positions, locked_count(roles)))
    units = []
    for unit, its_roles in zip(plan.units, roles, strict=True):
        data = unit.as_dict()
        data["positions"] = staffing.unit_staff(unit, its_roles)
        units.append(data)
    return {
        "format": FORMAT,
        "government": _government(seed),
        "templates": [],
        "vendors": [{"id": code, "name": name} for code, name in lists.VENDORS],
        "units": units,
        "services": plan.services,
        "people": staffing.people,
    }


def _government(seed: int) -> dict[str, Any]:
    return {
        "code": f"generated-{abs(seed)}",
        "name": "Government of Examplia (generated)",
        "name_fr": "Gouvernement d'Examplia (généré)",
        "languages": ["en", "fr", "ar"],
        "currency": "USD",
        "illustrative": True,
    }


def _structure_add(plan: Plan, ministries: int, positions: int) -> None:
    """The root and its leaders, the national digital agency, then each ministry's branch."""
    leaders = len(GOVERNMENT_LEADERS)
    central = min(max(leaders, round(positions * GOVERNMENT_SHARE)), positions - ministries)
    root = UnitPlan(
        "government",
        "government",
        "Government of Examplia",
        "Gouvernement d'Examplia",
        "government",
        None,
        1.0,
        size=leaders,
    )
    plan.units.append(root)
    if central > leaders:
        name, name_fr = lists.DIGITAL_AGENCY
        agency = UnitPlan(
            "national-digital-agency", "agency", name, name_fr, "digital-agency", root, 1.0
        )
        branch_add(plan, agency, central - leaders, None)
    rng = plan.rng
    # the first portfolios (finance, health, education, interior) are the largest
    weights = [rng.uniform(0.5, 1.5) * (1.5 if i < 4 else 1.0) for i in range(ministries)]
    budgets = split(positions - central - ministries, weights)
    for i, budget in enumerate(budgets):
        portfolio = lists.PORTFOLIOS[i % len(lists.PORTFOLIOS)]
        branch_add(
            plan, _ministry(root, portfolio, i // len(lists.PORTFOLIOS)), budget + 1, portfolio
        )


def _ministry(root: UnitPlan, portfolio: lists.Portfolio, cycle: int) -> UnitPlan:
    """A ministry for a portfolio; portfolios used again are numbered: "Ministry of Health (2)"."""
    suffix = f" ({cycle + 1})" if cycle else ""
    return UnitPlan(
        f"ministry-{portfolio.slug}" + (f"-{cycle + 1}" if cycle else ""),
        "ministry",
        portfolio.name + suffix,
        portfolio.name_fr + suffix,
        "ministry",
        root,
        1.0,
    )
