"""How many positions each quantity rule asks for, unit by unit. Pure Python.

Where the positions go: ``fixed`` and ``per_government`` at the scope's top unit,
``per_ministry`` / ``per_agency`` in each unit of that kind in scope, ``per_service`` in each
service's delivery team (its owner unit when it has none), ``ratio`` in each unit that holds
positions of the other role. A rule yields ceil(count * n) in a unit, then ``minimum`` and
``maximum`` bound that number.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from digiteam.organisation.sizing.snapshot import RuleSnap, SizingError, Snapshot

AT_TOP = frozenset({"fixed", "per_government"})
BY_KIND = {"per_ministry": "ministry", "per_agency": "agency"}


@dataclass(frozen=True)
class Placement:
    """The units each kind of rule places positions in, for one scope."""

    top_id: int
    by_kind: Mapping[str, tuple[int, ...]]  # unit kind -> ids of the units in scope, tree order
    services: Mapping[int, int]  # unit id -> number of services delivered from it

    @classmethod
    def of(cls, snapshot: Snapshot) -> Placement:
        scope = sorted(
            (u for u in snapshot.units.values() if snapshot.in_scope(u.id)), key=lambda u: u.path
        )
        by_kind = {kind: tuple(u.id for u in scope if u.kind == kind) for kind in BY_KIND.values()}
        services: Counter[int] = Counter()
        for service in snapshot.services:
            if service.owner_id in snapshot.units and snapshot.in_scope(service.owner_id):
                team = service.team_id if service.team_id in snapshot.units else None
                services[team or service.owner_id] += 1
        return cls(top_id=snapshot.top_id, by_kind=by_kind, services=dict(services))

    @property
    def unit_ids(self) -> set[int]:
        """Units that a rule other than a ratio may place positions in."""
        ids = {self.top_id, *self.services}
        for units in self.by_kind.values():
            ids.update(units)
        return ids


def bounded(rule: RuleSnap, amount: Decimal) -> int:
    n = math.ceil(amount)
    if rule.minimum is not None:
        n = max(n, rule.minimum)
    if rule.maximum is not None:
        n = min(n, rule.maximum)
    return n


def rule_counts(rule: RuleSnap, placement: Placement) -> dict[int, int]:
    """Positions a rule other than a ratio asks for, by unit id."""
    if rule.kind == "optional":
        return {}
    if rule.kind in AT_TOP:
        return {placement.top_id: bounded(rule, rule.count)}
    if rule.kind in BY_KIND:
        return {u: bounded(rule, rule.count) for u in placement.by_kind[BY_KIND[rule.kind]]}
    if rule.kind == "per_service":
        return {u: bounded(rule, rule.count * n) for u, n in placement.services.items()}
    raise SizingError(f"unknown kind of quantity rule '{rule.kind}'")


def ratio_counts(rule: RuleSnap, holders: Mapping[int, int]) -> dict[int, int]:
    """``count`` for every ``per`` positions of the other role, in each unit holding some."""
    if not rule.per or rule.per <= 0 or not rule.of_role:
        raise SizingError("a ratio rule needs another role and a positive 'per'")
    return {u: bounded(rule, rule.count * k / rule.per) for u, k in holders.items() if k > 0}
