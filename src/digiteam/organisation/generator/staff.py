"""Positions and people of a generated organisation.

Heads report to the head of the parent unit, everyone else to the head of their own unit, so
reporting lines form a tree. Sourcing shares are met over all positions although heads and
decision roles are always internal: the other positions are drawn with the shares scaled up.
"""

from __future__ import annotations

import datetime
import functools
import random
import unicodedata
from itertools import accumulate
from typing import Any

from digiteam.organisation.generator import lists
from digiteam.organisation.generator.roles import (
    BASE_COST,
    COST_FACTOR,
    GRADES,
    INTERNAL_ONLY,
    MIXES,
    RIGHTS,
    SENIORITY,
)
from digiteam.organisation.generator.units import UnitPlan

AS_OF = datetime.date(2026, 1, 1)  # every generated date is before this one
SOURCING = ("internal", "contract", "consultant", "secondment")
SOURCING_SHARES = (0.65, 0.20, 0.10, 0.05)
STATUSES = ("filled", "vacant", "approved", "planned")
STATUS_CUM = tuple(accumulate((70, 15, 10, 5)))
VENDOR_CUM = tuple(accumulate(1 / (rank + 1) for rank in range(len(lists.VENDORS))))
NAME_CUM = tuple(accumulate(group[0] for group in lists.NAME_GROUPS))


def unit_roles(unit: UnitPlan, rng: random.Random) -> list[str]:
    """The roles of a unit's positions, its head first."""
    mix = MIXES[unit.mix]
    roles = [mix.head, *mix.core[: unit.size - 1]]
    extra = unit.size - len(roles)
    if extra > 0:
        roles += rng.choices(mix.roles, cum_weights=mix.cum_weights, k=extra)
    return roles


def free_sourcing_cum(total: int, internal_only: int) -> tuple[float, ...]:
    """Cumulative sourcing weights for positions not bound to be internal."""
    scale = min(total / max(total - internal_only, 1), 1 / (1 - SOURCING_SHARES[0]))
    others = [share * scale for share in SOURCING_SHARES[1:]]
    return tuple(accumulate([1 - sum(others), *others]))


def locked_count(roles: list[list[str]]) -> int:
    """How many positions must be internal: heads and decision roles."""
    return sum(1 + sum(role in INTERNAL_ONLY for role in its[1:]) for its in roles)


class Staffing:
    """Makes positions unit by unit (parents first) and a person for each filled one."""

    def __init__(self, rng: random.Random, sourcing_cum: tuple[float, ...]) -> None:
        self.rng = rng
        self.sourcing_cum = sourcing_cum
        self.people: list[dict[str, Any]] = []
        self.leaders: dict[str, str] = {}  # government-level role -> position id
        self.count = 0

    def unit_staff(self, unit: UnitPlan, roles: list[str]) -> list[dict[str, Any]]:
        """The unit's positions; its head is the first and is recorded on the unit."""
        positions = []
        for index, role in enumerate(roles):
            position = self._position(unit, role, head=index == 0)
            if index == 0:
                unit.head = position["id"]
            if unit.kind == "government":
                self.leaders[role] = position["id"]
            positions.append(position)
        return positions

    def _position(self, unit: UnitPlan, role: str, *, head: bool) -> dict[str, Any]:
        rng = self.rng
        self.count += 1
        position: dict[str, Any] = {"id": f"pos-{self.count:06d}", "role": role}
        sourcing = "internal"
        if not head and role not in INTERNAL_ONLY:
            sourcing = rng.choices(SOURCING, cum_weights=self.sourcing_cum)[0]
        position["sourcing"] = sourcing
        if sourcing in ("contract", "consultant"):
            position["vendor"] = rng.choices(lists.VENDORS, cum_weights=VENDOR_CUM)[0][0]
        fte = 0.5 if sourcing == "secondment" and rng.random() < 0.5 else 1.0
        if fte != 1:
            position["fte"] = fte
        level = SENIORITY.get(role, 2)
        position["grade"] = rng.choice(GRADES[level])
        cost = BASE_COST[level] * COST_FACTOR[sourcing] * fte * rng.uniform(0.85, 1.15)
        position["cost"] = int(round(cost, -2))
        status = rng.choices(STATUSES, cum_weights=STATUS_CUM)[0]
        position["status"] = status
        if status == "vacant":
            position["vacant_since"] = _days_before(rng.randrange(14, 900))
        boss = (unit.parent.head if unit.parent else None) if head else unit.head
        if boss:
            position["reports_to"] = boss
        self._lines_add(position, unit, role, head=head)
        if status == "filled":
            self._person_add(position, fte)
        return position

    def _lines_add(
        self, position: dict[str, Any], unit: UnitPlan, role: str, *, head: bool
    ) -> None:
        """Decision rights, and a few dotted lines to government-level leaders."""
        if role in RIGHTS:
            position["rights"] = list(RIGHTS[role])
        dotted = None
        if head and unit.kind == "ministry" and self.rng.random() < 0.5:
            dotted = self.leaders.get("chief-information-officer")
        elif role == "digital-security-manager":
            dotted = self.leaders.get("chief-information-security-officer")
        elif role == "service-manager" and self.rng.random() < 0.5:
            dotted = self.leaders.get("digital-services-director")
        if dotted and dotted != position.get("reports_to"):
            position["dotted_to"] = [dotted]

    def _person_add(self, position: dict[str, Any], fte: float) -> None:
        rng = self.rng
        _, firsts, lasts = rng.choices(lists.NAME_GROUPS, cum_weights=NAME_CUM)[0]
        first, last = rng.choice(firsts), rng.choice(lasts)
        number = len(self.people) + 1
        vendor = position.get("vendor")
        domain = f"{vendor}.example" if vendor else "example.org"
        assignment: dict[str, Any] = {
            "position": position["id"],
            "start": _days_before(rng.randrange(30, 4000)),
        }
        if fte != 1:
            assignment["fte"] = fte
        person: dict[str, Any] = {
            "id": f"person-{number:06d}",
            "name": f"{first} {last}",
            "email": f"{_ascii(first)}.{_ascii(last)}.{number}@{domain}",
        }
        if vendor:
            person["employer"] = vendor
        person["assignments"] = [assignment]
        self.people.append(person)


def _days_before(days: int) -> datetime.date:
    return AS_OF - datetime.timedelta(days=days)


@functools.cache
def _ascii(name: str) -> str:
    """A name as an e-mail part: "Aïcha" -> "aicha", "Ali Sandi" -> "alisandi"."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())
