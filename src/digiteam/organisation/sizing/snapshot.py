"""What sizing reads: plain frozen dataclasses, built from the database by ``adapters``.

Pure Python: the planner and its tests use these without an ORM.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from digiteam.organisation.sizing.fingerprint import fingerprint

# Statuses of a position that sizing may retire when left as sized.
RETIRABLE_STATUSES = frozenset({"planned", "approved"})
STATUSES = ("planned", "approved", "filled", "vacant")


class SizingError(ValueError):
    """The template cannot be sized over this organisation (the message says why)."""


@dataclass(frozen=True)
class UnitSnap:
    id: int
    code: str
    name: str
    kind: str
    path: str
    parent_id: int | None = None


@dataclass(frozen=True)
class ServiceSnap:
    code: str
    owner_id: int
    team_id: int | None = None


@dataclass(frozen=True)
class RuleSnap:
    kind: str
    count: Decimal = Decimal(1)
    per: Decimal | None = None
    of_role: str | None = None
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class SlotSnap:
    id: int
    role_id: int
    role: str
    role_name: str
    function: str
    function_name: str
    order: tuple[int, ...]  # sorts the slots in the template's order
    sourcing: tuple[str, ...] = ("internal",)
    rules: tuple[RuleSnap, ...] = ()

    @property
    def ratio_roles(self) -> frozenset[str]:
        return frozenset(r.of_role for r in self.rules if r.kind == "ratio" and r.of_role)


@dataclass(frozen=True)
class PositionSnap:
    id: int
    code: str
    unit_id: int
    unit_code: str
    role: str
    slot_id: int | None = None
    slot_template: str | None = None  # slug of the template that sized it, if any
    status: str = "planned"
    sourcing: str = "internal"
    fte: Decimal = Decimal(1)
    grade: str = ""
    annual_cost: Decimal | None = None
    title: str = ""
    sized_as: str = ""
    has_assignments: bool = False
    has_reports: bool = False  # other positions report to it (solid or dotted line)

    def sized_fields(self, **override: object) -> dict[str, object]:
        fields: dict[str, object] = {
            "unit": self.unit_code,
            "role": self.role,
            "sourcing": self.sourcing,
            "fte": self.fte,
            "grade": self.grade,
            "annual_cost": self.annual_cost,
            "status": self.status,
            "title": self.title,
        }
        return {**fields, **override}

    @cached_property  # the planner asks several times; a fingerprint costs a hash
    def edited(self) -> bool:
        """Changed since sizing (or never fingerprinted), its status included."""
        return self.sized_as != fingerprint(self.sized_fields())

    @cached_property
    def edited_by_hand(self) -> bool:
        """Changed since sizing in more than its status (approving or filling is not editing)."""
        return self.edited and all(
            self.sized_as != fingerprint(self.sized_fields(status=s)) for s in STATUSES
        )


@dataclass(frozen=True)
class Snapshot:
    """One government, one template, one scope: everything the planner needs."""

    government: str
    currency: str
    template: str
    units: dict[int, UnitSnap]  # every unit of the government
    top_id: int  # the scope's top unit: the government root or the --under unit
    under: str | None = None  # the --under unit's code, None for the whole government
    slots: tuple[SlotSnap, ...] = ()
    services: tuple[ServiceSnap, ...] = ()
    positions: tuple[PositionSnap, ...] = ()  # the government's positions of the roles involved
    taken_codes: frozenset[str] = field(default_factory=frozenset)  # every position code
    basis: str = ""  # digest of what was read: the same basis plans the same (see adapters)

    @property
    def top(self) -> UnitSnap:
        return self.units[self.top_id]

    def in_scope(self, unit_id: int) -> bool:
        return self.units[unit_id].path.startswith(self.top.path)
