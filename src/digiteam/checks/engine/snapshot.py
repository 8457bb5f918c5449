"""The organisation as the rules see it: frozen dataclasses, indexed once, no database.

Adapters (``checks.adapters_file``, ``checks.adapters_db``) build an :class:`Organisation` with
``Organisation.build``, which puts every collection in a canonical order and gives each unit its
ancestors; the same organisation therefore gives an equal snapshot whatever it was read from.
Rules only read it, through the indexes below, so that each rule stays linear in its input.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

K = TypeVar("K")
T = TypeVar("T")

MINISTRY = "ministry"
TEAM = "team"


@dataclass(frozen=True, slots=True)
class Government:
    code: str
    name: str
    currency: str = "USD"


@dataclass(frozen=True, slots=True)
class Unit:
    code: str
    name: str
    kind: str
    parent: str | None = None
    tags: tuple[str, ...] = ()
    ancestors: tuple[str, ...] = ()  # codes from the root down to the parent

    @property
    def depth(self) -> int:
        return len(self.ancestors)


@dataclass(frozen=True, slots=True)
class Position:
    code: str
    unit: str
    role: str
    sourcing: str = "internal"
    vendor: str | None = None
    fte: Decimal = Decimal(1)
    cost: Decimal | None = None
    status: str = "planned"
    vacant_since: datetime.date | None = None
    reports_to: str | None = None
    rights: frozenset[str] = frozenset()
    slot: str | None = None  # "template/function/role" it was sized from
    title: str = ""

    @property
    def function(self) -> str | None:
        """The "template/function" key of its slot, if any."""
        return self.slot.rsplit("/", 1)[0] if self.slot else None


@dataclass(frozen=True, slots=True)
class Service:
    code: str
    name: str
    owner: str
    team: str | None = None
    personal_data: bool = False
    area: str | None = None


@dataclass(frozen=True, slots=True)
class Assignment:
    person: str
    position: str
    start: datetime.date
    end: datetime.date | None = None
    fte: Decimal = Decimal(1)
    employer: str | None = None  # a vendor code; None: the government

    def current(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Vendor:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Slot:
    role: str
    sourcing: tuple[str, ...] = ("internal",)


@dataclass(frozen=True, slots=True)
class Function:
    template: str
    slug: str
    name: str
    slots: tuple[Slot, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.template}/{self.slug}"

    @property
    def internal_only(self) -> bool:
        """Every slot of the function allows internal staff only."""
        return bool(self.slots) and all(s.sourcing == ("internal",) for s in self.slots)


@dataclass(frozen=True, slots=True)
class Template:
    slug: str
    name: str
    functions: tuple[Function, ...] = ()


@dataclass(frozen=True, slots=True)
class Role:
    slug: str
    title: str


class SnapshotError(ValueError):
    """The organisation cannot be snapshotted (a dangling reference or a cycle)."""


@dataclass(frozen=True)
class Organisation:
    """One government's organisation, with indexes computed once when it is created."""

    government: Government
    units: tuple[Unit, ...]
    positions: tuple[Position, ...] = ()
    services: tuple[Service, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    vendors: tuple[Vendor, ...] = ()
    templates: tuple[Template, ...] = ()
    roles: tuple[Role, ...] = ()
    _index: _Index = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", _Index.of(self))

    @classmethod
    def build(
        cls,
        *,
        government: Government,
        units: Iterable[Unit],
        positions: Iterable[Position] = (),
        services: Iterable[Service] = (),
        assignments: Iterable[Assignment] = (),
        vendors: Iterable[Vendor] = (),
        templates: Iterable[Template] = (),
        roles: Iterable[Role] = (),
    ) -> Organisation:
        """Units get their ancestors; every collection is put in a canonical order."""
        return cls(
            government=government,
            units=with_ancestors(units),
            positions=tuple(sorted(positions, key=lambda p: p.code)),
            services=tuple(sorted(services, key=lambda s: s.code)),
            assignments=tuple(sorted(assignments, key=lambda a: (a.person, a.position, a.start))),
            vendors=tuple(sorted(vendors, key=lambda v: v.code)),
            templates=tuple(sorted(templates, key=lambda t: t.slug)),
            roles=tuple(sorted(roles, key=lambda r: r.slug)),
        )

    # --- units ---------------------------------------------------------------------------

    def unit(self, code: str) -> Unit:
        return self._index.units[code]

    def units_of_kind(self, kind: str) -> tuple[Unit, ...]:
        return self._index.units_by_kind.get(kind, ())

    def units_tagged(self, tag: str) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if tag in u.tags)

    def subtree(self, code: str) -> list[str]:
        """The unit and every unit below it, in tree order."""
        out, stack = [], [code]
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(u.code for u in reversed(self._index.children.get(current, ())))
        return out

    def reach(self, code: str) -> tuple[str, ...]:
        """The unit and every unit above it, root first."""
        return (*self.unit(code).ancestors, code)

    def ministry_of(self, code: str) -> str | None:
        """The ministry the unit is, or is inside; None at government level."""
        return next((u for u in self.reach(code) if self.unit(u).kind == MINISTRY), None)

    def is_central(self, code: str) -> bool:
        """Government level: the unit is neither a ministry nor inside one."""
        return code in self._index.central

    @property
    def service_teams(self) -> tuple[Unit, ...]:
        """The units named as a service's delivery team, in tree order."""
        return self._index.service_teams

    @property
    def teams(self) -> tuple[Unit, ...]:
        """Service teams and units of kind "team", in tree order."""
        return self._index.teams

    # --- positions -----------------------------------------------------------------------

    def positions_at(self, code: str) -> tuple[Position, ...]:
        """Positions in this unit only."""
        return self._index.positions_by_unit.get(code, ())

    def positions_within(self, code: str) -> list[Position]:
        """Positions in this unit and every unit below it."""
        return [p for unit in self.subtree(code) for p in self.positions_at(unit)]

    def positions_of(self, role: str) -> tuple[Position, ...]:
        return self._index.positions_by_role.get(role, ())

    def positions_in_function(self, key: str) -> tuple[Position, ...]:
        """Positions sized from a slot of the function "template/function"."""
        return self._index.positions_by_function.get(key, ())

    def assignments_of(self, position: str) -> tuple[Assignment, ...]:
        return self._index.assignments_by_position.get(position, ())

    # --- reference -----------------------------------------------------------------------

    def role_title(self, slug: str) -> str:
        return self._index.role_titles.get(slug, slug)

    def vendor_name(self, code: str) -> str:
        return self._index.vendor_names.get(code, code)

    @property
    def functions(self) -> tuple[Function, ...]:
        """Every function of every applied template."""
        return tuple(f for t in self.templates for f in t.functions)


def with_ancestors(units: Iterable[Unit]) -> tuple[Unit, ...]:
    """Units with their ancestors filled in from their parents, in tree order (by code)."""
    by_code = {u.code: u for u in units}
    known: dict[str, tuple[str, ...]] = {}
    for start in by_code:
        chain: list[str] = []
        code: str | None = start
        while code is not None and code not in known:
            if code in chain:
                raise SnapshotError(f"unit '{code}' is its own ancestor")
            if code not in by_code:
                raise SnapshotError(f"unit '{chain[-1]}' has an unknown parent '{code}'")
            chain.append(code)
            code = by_code[code].parent
        above = known[code] + (code,) if code is not None else ()
        for link in reversed(chain):
            known[link] = above
            above = (*above, link)
    done = [_replace_ancestors(u, known[u.code]) for u in by_code.values()]
    return tuple(sorted(done, key=lambda u: (*u.ancestors, u.code)))


def _replace_ancestors(unit: Unit, ancestors: tuple[str, ...]) -> Unit:
    if unit.ancestors == ancestors:
        return unit
    return Unit(unit.code, unit.name, unit.kind, unit.parent, unit.tags, ancestors)


@dataclass(frozen=True)
class _Index:
    units: Mapping[str, Unit]
    children: Mapping[str, tuple[Unit, ...]]
    units_by_kind: Mapping[str, tuple[Unit, ...]]
    central: frozenset[str]
    service_teams: tuple[Unit, ...]
    teams: tuple[Unit, ...]
    positions_by_unit: Mapping[str, tuple[Position, ...]]
    positions_by_role: Mapping[str, tuple[Position, ...]]
    positions_by_function: Mapping[str, tuple[Position, ...]]
    assignments_by_position: Mapping[str, tuple[Assignment, ...]]
    role_titles: Mapping[str, str]
    vendor_names: Mapping[str, str]

    @classmethod
    def of(cls, org: Organisation) -> _Index:
        units = {u.code: u for u in org.units}
        for p in org.positions:
            if p.unit not in units:
                raise SnapshotError(f"position '{p.code}' is in an unknown unit '{p.unit}'")
        for s in org.services:
            for code in (s.owner, s.team):
                if code is not None and code not in units:
                    raise SnapshotError(f"service '{s.code}' names an unknown unit '{code}'")
        team_codes = {s.team for s in org.services if s.team}
        return cls(
            units=units,
            children=_group(org.units, lambda u: u.parent),
            units_by_kind=_group(org.units, lambda u: u.kind),
            central=frozenset(
                u.code
                for u in org.units
                if u.kind != MINISTRY and all(units[a].kind != MINISTRY for a in u.ancestors)
            ),
            service_teams=tuple(u for u in org.units if u.code in team_codes),
            teams=tuple(u for u in org.units if u.code in team_codes or u.kind == TEAM),
            positions_by_unit=_group(org.positions, lambda p: p.unit),
            positions_by_role=_group(org.positions, lambda p: p.role),
            positions_by_function=_group(org.positions, lambda p: p.function),
            assignments_by_position=_group(org.assignments, lambda a: a.position),
            role_titles={r.slug: r.title for r in org.roles},
            vendor_names={v.code: v.name for v in org.vendors},
        )


def _group(items: Iterable[T], key: Callable[[T], K | None]) -> dict[K, tuple[T, ...]]:
    """Items grouped by ``key`` (None keys dropped), each group a tuple, order kept."""
    groups: dict[K, list[T]] = defaultdict(list)
    for item in items:
        k = key(item)
        if k is not None:
            groups[k].append(item)
    return {k: tuple(v) for k, v in groups.items()}
