"""What sizing proposes: positions to add and retire, those kept, and the conflicts.

Pure Python. A plan is a flat tuple of lines; grouping by unit or by function and the FTE and
cost totals are computed from it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any


class Action(StrEnum):
    ADD = "add"  # a new planned position
    RETIRE = "retire"  # a sized position left as sized that is no longer needed: deleted
    KEEP = "keep"  # a sized position that still counts toward the requirement
    ADOPT = "adopt"  # a position not sized by this template that counts toward it, unchanged
    CONFLICT = "conflict"  # a position sizing would have to touch but must not: left alone


@dataclass(frozen=True)
class PlanLine:
    action: Action
    unit_id: int
    unit: str  # unit code
    unit_name: str
    unit_path: str
    slot_id: int
    slot_order: tuple[int, ...]
    function: str
    function_name: str
    role_id: int
    role: str
    role_name: str
    code: str  # the position's code (new or existing)
    sourcing: str
    fte: Decimal
    annual_cost: Decimal | None
    status: str
    position_id: int | None = None  # None for a position to add
    sized_as: str = ""  # fingerprint to store on a position to add
    edited: bool = False  # kept, but changed by hand since sizing
    reason: str = ""  # why a conflict, or where an adopted position comes from

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": str(self.action),
            "unit": self.unit,
            "function": self.function,
            "role": self.role,
            "code": self.code,
            "sourcing": self.sourcing,
            "fte": str(self.fte),
            "annual_cost": None if self.annual_cost is None else str(self.annual_cost),
            "status": self.status,
            "edited": self.edited,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Totals:
    add: int
    add_fte: Decimal
    add_cost: Decimal  # known costs only
    add_uncosted: int  # positions to add without a cost
    retire: int
    retire_fte: Decimal
    retire_cost: Decimal
    retire_uncosted: int

    @property
    def net_fte(self) -> Decimal:
        return self.add_fte - self.retire_fte

    @property
    def net_cost(self) -> Decimal:
        return self.add_cost - self.retire_cost

    @classmethod
    def of(cls, lines: Iterable[PlanLine]) -> Totals:
        lines = list(lines)
        add = [line for line in lines if line.action is Action.ADD]
        retire = [line for line in lines if line.action is Action.RETIRE]
        return cls(
            add=len(add),
            add_fte=sum((line.fte for line in add), Decimal(0)),
            add_cost=sum((line.annual_cost or Decimal(0) for line in add), Decimal(0)),
            add_uncosted=sum(1 for line in add if line.annual_cost is None),
            retire=len(retire),
            retire_fte=sum((line.fte for line in retire), Decimal(0)),
            retire_cost=sum((line.annual_cost or Decimal(0) for line in retire), Decimal(0)),
            retire_uncosted=sum(1 for line in retire if line.annual_cost is None),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "add": self.add,
            "add_fte": str(self.add_fte),
            "add_cost": str(self.add_cost),
            "add_uncosted": self.add_uncosted,
            "retire": self.retire,
            "retire_fte": str(self.retire_fte),
            "retire_cost": str(self.retire_cost),
            "retire_uncosted": self.retire_uncosted,
            "net_fte": str(self.net_fte),
            "net_cost": str(self.net_cost),
        }


@dataclass(frozen=True)
class Group:
    """The lines of one unit or one function."""

    key: str
    name: str
    lines: tuple[PlanLine, ...]

    @property
    def totals(self) -> Totals:
        return Totals.of(self.lines)

    def of(self, action: Action) -> list[PlanLine]:
        return [line for line in self.lines if line.action is action]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.key,
            "name": self.name,
            "totals": self.totals.to_dict(),
            "lines": [line.to_dict() for line in self.lines],
        }


@dataclass(frozen=True)
class Plan:
    government: str
    currency: str
    template: str
    scope: str  # code of the scope's top unit
    under: str | None  # None: the whole government
    lines: tuple[PlanLine, ...]
    applied: bool = False
    basis: str = ""  # the snapshot's basis: ``sizing_apply`` reuses the plan while it holds

    def of(self, action: Action) -> list[PlanLine]:
        return [line for line in self.lines if line.action is action]

    @property
    def to_add(self) -> list[PlanLine]:
        return self.of(Action.ADD)

    @property
    def to_retire(self) -> list[PlanLine]:
        return self.of(Action.RETIRE)

    @property
    def unchanged(self) -> list[PlanLine]:
        return [line for line in self.lines if line.action in (Action.KEEP, Action.ADOPT)]

    @property
    def conflicts(self) -> list[PlanLine]:
        return self.of(Action.CONFLICT)

    @property
    def has_changes(self) -> bool:
        return any(line.action in (Action.ADD, Action.RETIRE) for line in self.lines)

    @property
    def totals(self) -> Totals:
        return Totals.of(self.lines)

    def by_unit(self) -> list[Group]:
        """Groups in tree order (lines are already sorted by unit path)."""
        return _group(self.lines, lambda line: (line.unit, line.unit_name))

    def by_function(self) -> list[Group]:
        """Groups in the template's order of functions."""
        ordered = sorted(self.lines, key=lambda line: line.slot_order)
        return _group(ordered, lambda line: (line.function, line.function_name))

    def to_dict(self) -> dict[str, Any]:
        return {
            "government": self.government,
            "currency": self.currency,
            "template": self.template,
            "scope": self.scope,
            "under": self.under,
            "applied": self.applied,
            "totals": self.totals.to_dict(),
            "conflicts": len(self.conflicts),
            "units": [group.to_dict() for group in self.by_unit()],
            "functions": [
                {"code": g.key, "name": g.name, "totals": g.totals.to_dict()}
                for g in self.by_function()
            ],
        }


def _group(lines: Iterable[PlanLine], key: Callable[[PlanLine], tuple[str, str]]) -> list[Group]:
    groups: dict[str, tuple[str, list[PlanLine]]] = {}
    for line in lines:
        code, name = key(line)
        groups.setdefault(code, (name, []))[1].append(line)
    return [Group(code, name, tuple(items)) for code, (name, items) in groups.items()]
