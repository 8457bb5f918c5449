"""The unit tree and the digital services of a generated organisation, sized by a budget.

A branch (a ministry, or the national digital agency) gets about one unit per nine positions:
directorates and agencies under its top unit, divisions under large directorates, and teams
under all of them, so the tree is three to five levels deep.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from digiteam.organisation.generator import lists

AVERAGE_UNIT_SIZE = 9
TEAM_TYPES = ("service", "platform", "data", "support")
TEAM_WEIGHTS = {"directorate": (55, 15, 12, 18), "agency": (65, 0, 15, 20)}
AREAS = ("digital_public_services", "mission_it", "shared_services", "infrastructure", None)
AREA_WEIGHTS = {"ministry": (60, 15, 10, 8, 7), "platform": (10, 5, 50, 30, 5)}


@dataclass(eq=False)
class UnitPlan:
    id: str
    kind: str
    name: str
    name_fr: str
    mix: str  # which role mix staffs it (see roles.MIXES)
    parent: UnitPlan | None
    weight: float  # its share of the branch's positions beyond the heads
    size: int = 1  # positions, the head included
    head: str | None = None  # the head position's id, once staffed

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id}
        if self.parent is not None:
            data["parent"] = self.parent.id
        data.update(kind=self.kind, name=self.name)
        if self.name_fr:
            data["name_fr"] = self.name_fr
        return data


@dataclass
class Plan:
    rng: random.Random
    units: list[UnitPlan] = field(default_factory=list)
    services: list[dict[str, Any]] = field(default_factory=list)


def split(total: int, weights: list[float]) -> list[int]:
    """``total`` split in proportion to ``weights``, exactly (largest remainders)."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    shares = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: shares[i] - raw[i])
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


def branch_add(plan: Plan, top: UnitPlan, budget: int, topic: lists.Portfolio | None) -> None:
    """Add ``top`` and the units below it, size them to ``budget`` positions, add services."""
    start = len(plan.units)
    plan.units.append(top)
    below = budget // AVERAGE_UNIT_SIZE - 1
    if below > 0:
        _units_below(plan, top, below, topic)
    branch = plan.units[start:]
    extra = split(budget - len(branch), [unit.weight for unit in branch])
    for unit, count in zip(branch, extra, strict=True):
        unit.size = 1 + count
    _services_add(plan, top, branch, topic)


def _units_below(plan: Plan, top: UnitPlan, count: int, topic: lists.Portfolio | None) -> None:
    rng = plan.rng
    agencies = min(rng.randint(0, 4), count // 4) if topic else 0
    directorates = min(max(1, round(count / 6)), 6, count - agencies)
    parents = [_directorate(plan, top, k) for k in range(directorates)]
    parents += [_agency(plan, top, k, topic) for k in range(agencies) if topic]
    counts = [0] * len(parents)
    for _ in range(count - agencies - directorates):
        counts[rng.randrange(len(parents))] += 1
    for parent, teams in zip(parents, counts, strict=True):
        _teams_add(plan, parent, teams)


def _directorate(plan: Plan, top: UnitPlan, k: int) -> UnitPlan:
    name, name_fr = lists.DIRECTORATES[k % len(lists.DIRECTORATES)]
    unit = UnitPlan(f"{top.id}-d{k + 1}", "department", name, name_fr, "directorate", top, 0.6)
    plan.units.append(unit)
    return unit


def _agency(plan: Plan, top: UnitPlan, k: int, topic: lists.Portfolio) -> UnitPlan:
    name, name_fr = lists.AGENCY_PATTERNS[k % len(lists.AGENCY_PATTERNS)]
    unit = UnitPlan(
        f"{top.id}-a{k + 1}",
        "agency",
        name.format(topic.topic),
        name_fr.format(topic.topic_fr),
        "agency",
        top,
        0.8,
    )
    plan.units.append(unit)
    return unit


def _teams_add(plan: Plan, parent: UnitPlan, teams: int) -> None:
    """Teams under ``parent``; a directorate with four or more also gets divisions."""
    rng = plan.rng
    divisions: list[UnitPlan] = []
    if parent.kind == "department" and teams >= 4:
        wanted = teams // 6 if teams >= 6 else int(rng.random() < 0.5)
        for k in range(wanted):
            name = f"{lists.DIVISION[0]} {k + 1}, {parent.name}"
            name_fr = f"{lists.DIVISION[1]} {k + 1}, {parent.name_fr}"
            division = UnitPlan(
                f"{parent.id}-v{k + 1}", "department", name, name_fr, "division", parent, 0.4
            )
            divisions.append(division)
            plan.units.append(division)
        teams -= wanted
    weights = TEAM_WEIGHTS["agency" if parent.kind == "agency" else "directorate"]
    for k in range(teams):
        home = rng.choice(divisions) if divisions and rng.random() < 0.6 else parent
        kind = rng.choices(TEAM_TYPES, weights)[0]
        name, name_fr = lists.TEAM_NAMES.get(kind, ("Service team", "Équipe de service"))
        weight = rng.uniform(0.6, 1.8)
        plan.units.append(
            UnitPlan(f"{parent.id}-t{k + 1}", "team", name, name_fr, kind, home, weight)
        )


def _services_add(
    plan: Plan, top: UnitPlan, branch: list[UnitPlan], topic: lists.Portfolio | None
) -> None:
    """One service per service team (two for one team in five), named after the portfolio."""
    rng = plan.rng
    nouns = topic.nouns if topic else lists.PLATFORM_NOUNS
    area_weights = AREA_WEIGHTS["ministry" if topic else "platform"]
    count = 0
    for team in branch:
        if team.mix != "service":
            continue
        for i in range(2 if rng.random() < 0.2 else 1):
            name = _service_name(nouns, count)
            if i == 0:
                team.name, team.name_fr = f"{name} team", ""
            count += 1
            service: dict[str, Any] = {
                "id": f"{top.id}-s{count}",
                "name": name,
                "owner": _owner(team).id,
                "team": team.id,
                "personal_data": rng.random() < 0.3,
            }
            area = rng.choices(AREAS, area_weights)[0]
            if area is not None:
                service["area"] = area
            plan.services.append(service)


def _service_name(nouns: tuple[str, ...], k: int) -> str:
    patterns = lists.SERVICE_PATTERNS
    pattern = patterns[(k // len(nouns)) % len(patterns)]
    name = pattern.format(nouns[k % len(nouns)])
    name = name[0].upper() + name[1:]
    cycle = k // (len(nouns) * len(patterns))
    return f"{name} ({cycle + 1})" if cycle else name


def _owner(team: UnitPlan) -> UnitPlan:
    """The agency or ministry above a team (the top of its branch if neither)."""
    unit = team
    while unit.parent is not None and unit.kind not in ("agency", "ministry"):
        unit = unit.parent
    return unit
