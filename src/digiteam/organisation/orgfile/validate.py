"""Checks across an organisation file: ids, references, trees, dates and FTE.

The schema (organisation/schema.py) checks each value on its own; these checks need the whole
file, and the roles and templates of the database (``OrgReferences``). Every check is linear
in the size of the file: ids are looked up in dicts, trees are walked once.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from decimal import Decimal
from typing import Any

from digiteam.core.located import Loc, Located, Problem, did_you_mean, path_str
from digiteam.organisation.choices import UnitKind
from digiteam.organisation.orgfile.graph import cycles
from digiteam.organisation.schema import AssignmentIn, OrgFile, PositionIn
from digiteam.organisation.selectors import OrgReferences

BUILT_IN_KINDS = tuple(UnitKind.values)
HINT_LIMIT = 5000  # beyond this many ids, "did you mean" would cost more than it helps
Span = tuple[datetime.date, datetime.date | None, Decimal, Loc]


def org_problems(*, org: OrgFile, located: Located, refs: OrgReferences) -> list[Problem]:
    """Every cross-reference problem of a file the schema accepted, in file order."""
    checks = _Checks(org, located, refs)
    checks.check_templates()
    checks.check_units()
    checks.check_positions()
    checks.check_services()
    checks.check_people()
    checks.check_settings()
    return sorted(checks.problems, key=lambda p: p.line or 0)


def _entries(key: str, items: Sequence[Any]) -> list[tuple[Loc, str]]:
    return [((key, i), item.id) for i, item in enumerate(items)]


def _hint(code: str, known: Collection[str]) -> str:
    return did_you_mean(code, known) if len(known) <= HINT_LIMIT else ""


class _Checks:
    def __init__(self, org: OrgFile, located: Located, refs: OrgReferences):
        self.org, self.located, self.refs = org, located, refs
        self.problems: list[Problem] = []
        self.vendors = self._ids("vendor", _entries("vendors", org.vendors))
        self.units = self._ids("unit", _entries("units", org.units))
        self.positions = self._ids("position", [(loc, p.id) for loc, p in self._each_position()])
        self.services = self._ids("service", _entries("services", org.services))
        self.people = self._ids("person", _entries("people", org.people))

    def check_settings(self) -> None:
        """Check settings name rules and parameters that exist."""
        if self.org.checks is None:
            return
        from digiteam.checks.engine.config import config_problems
        from digiteam.checks.rules import default_registry

        for message in config_problems(self.org.checks, default_registry()):
            self.add(("checks",), message)

    def add(self, loc: Loc, message: str) -> None:
        self.problems.append(self.located.problem(loc, message))

    def _ids(self, kind: str, entries: list[tuple[Loc, str]]) -> dict[str, Loc]:
        """Where each id is first defined; a second definition is a problem."""
        first: dict[str, Loc] = {}
        for loc, code in entries:
            if code in first:
                self.add(
                    (*loc, "id"), f"{kind} id '{code}' is already used by {path_str(first[code])}"
                )
            else:
                first[code] = loc
        return first

    def ref(self, loc: Loc, kind: str, code: str, known: Collection[str]) -> bool:
        if code in known:
            return True
        self.add(loc, f"unknown {kind} '{code}'{_hint(code, known)}")
        return False

    def _each_position(self) -> Iterator[tuple[Loc, PositionIn]]:
        for i, unit in enumerate(self.org.units):
            for j, position in enumerate(unit.positions):
                yield ("units", i, "positions", j), position

    def check_templates(self) -> None:
        seen: set[str] = set()
        for i, slug in enumerate(self.org.templates):
            if slug in seen:
                self.add(("templates", i), f"template '{slug}' is listed twice")
            self.ref(("templates", i), "template", slug, self.refs.templates)
            seen.add(slug)

    def check_units(self) -> None:
        kinds = {*BUILT_IN_KINDS, *self.org.government.unit_kinds}
        roots: list[tuple[int, str]] = []
        for i, unit in enumerate(self.org.units):
            if unit.kind not in kinds:
                self.add(("units", i, "kind"), _kind_message(unit.kind))
            if unit.parent is None:
                roots.append((i, unit.id))
            else:
                self.ref(("units", i, "parent"), "unit", unit.parent, self.units)
        if not roots:
            self.add(("units",), "no root unit: the unit at the top of the tree has no 'parent'")
        for i, code in roots[1:]:
            self.add(
                ("units", i),
                f"'{code}' has no parent, nor has '{roots[0][1]}': only the root unit has none",
            )
        parents = {u.id: u.parent for i, u in enumerate(self.org.units) if self.units[u.id][1] == i}
        for cycle in cycles(parents):
            where = (*self.units[cycle[0]], "parent")
            if len(cycle) == 1:
                self.add(where, f"'{cycle[0]}' is its own parent")
            else:
                self.add(where, f"units form a cycle: {' -> '.join([*cycle, cycle[0]])}")

    def check_positions(self) -> None:
        managers: dict[str, str | None] = {}
        for loc, p in self._each_position():
            if p.role in self.refs.groups:
                self.add((*loc, "role"), f"'{p.role}' is a group of roles, not a position's role")
            else:
                self.ref((*loc, "role"), "role", p.role, self.refs.roles)
            if p.vendor is not None:
                self.ref((*loc, "vendor"), "vendor", p.vendor, self.vendors)
                if p.sourcing == "internal":
                    self.add((*loc, "vendor"), INTERNAL_VENDOR)
            if p.reports_to is not None:
                self.ref((*loc, "reports_to"), "position", p.reports_to, self.positions)
            self._dotted(loc, p)
            if p.slot is not None:
                self._slot((*loc, "slot"), p.slot)
            if self.positions[p.id] == loc:
                managers[p.id] = p.reports_to
        for cycle in cycles(managers):
            where = (*self.positions[cycle[0]], "reports_to")
            if len(cycle) == 1:
                self.add(where, f"'{cycle[0]}' reports to itself")
            else:
                self.add(where, f"reporting lines form a cycle: {' -> '.join([*cycle, cycle[0]])}")

    def _dotted(self, loc: Loc, p: PositionIn) -> None:
        seen: set[str] = set()
        for k, code in enumerate(p.dotted_to):
            where = (*loc, "dotted_to", k)
            if code == p.id:
                self.add(where, f"'{code}' has a dotted line to itself")
            elif code in seen:
                self.add(where, f"'{code}' is listed twice")
            else:
                self.ref(where, "position", code, self.positions)
            seen.add(code)

    def _slot(self, loc: Loc, slot: str) -> None:
        if slot in self.refs.slots:
            return
        template, function, role = slot.split("/")  # the schema checked the shape
        functions = {f.split("/")[1] for f in self.refs.functions if f.startswith(f"{template}/")}
        roles = {
            s.split("/")[2] for s in self.refs.slots if s.startswith(f"{template}/{function}/")
        }
        if template not in self.refs.templates:
            hint = _hint(template, self.refs.templates)
            self.add(loc, f"unknown template '{template}' in slot '{slot}'{hint}")
        elif function not in functions:
            hint = _hint(function, functions)
            self.add(loc, f"template '{template}' has no function '{function}'{hint}")
        elif role not in roles:
            hint = _hint(role, roles)
            self.add(loc, f"function '{template}/{function}' has no slot for role '{role}'{hint}")

    def check_services(self) -> None:
        for i, s in enumerate(self.org.services):
            self.ref(("services", i, "owner"), "unit", s.owner, self.units)
            if s.team is not None:
                self.ref(("services", i, "team"), "unit", s.team, self.units)

    def check_people(self) -> None:
        spans: dict[str, list[Span]] = defaultdict(list)
        for i, person in enumerate(self.org.people):
            if person.employer is not None:
                self.ref(("people", i, "employer"), "vendor", person.employer, self.vendors)
            for j, a in enumerate(person.assignments):
                loc = ("people", i, "assignments", j)
                known = self.ref((*loc, "position"), "position", a.position, self.positions)
                if a.end is not None and a.end < a.start:
                    self.add(
                        (*loc, "end"), f"the assignment ends ({a.end}) before it starts ({a.start})"
                    )
                elif known:
                    spans[a.position].append(_span(a, loc))
        ftes = {p.id: p.fte for loc, p in self._each_position() if self.positions[p.id] == loc}
        for code, held in spans.items():
            over = _first_excess(held, ftes[code])
            if over is not None:
                where, day, total = over
                self.add(
                    (*where, "fte"),
                    f"assignments to '{code}' add up to {_amount(total)} FTE from {day}, "
                    f"more than the position's {_amount(ftes[code])} FTE",
                )


INTERNAL_VENDOR = (
    "an internal position has no vendor: remove 'vendor' or set 'sourcing' "
    "to contract, consultant or secondment"
)


def _kind_message(kind: str) -> str:
    return (
        f"unknown unit kind '{kind}'{did_you_mean(kind, BUILT_IN_KINDS)}: use "
        f"{', '.join(BUILT_IN_KINDS)}, or declare it in government.unit_kinds"
    )


def _span(a: AssignmentIn, loc: Loc) -> Span:
    return a.start, a.end, a.fte, loc


def _first_excess(spans: list[Span], limit: Decimal) -> tuple[Loc, datetime.date, Decimal] | None:
    """Where assignments held at the same time first add up to more than ``limit``."""
    events: list[tuple[datetime.date, int, Decimal, Loc]] = []
    for start, end, fte, loc in spans:
        events.append((start, 1, fte, loc))
        if end is not None and end < datetime.date.max:  # an assignment holds its last day
            events.append((end + datetime.timedelta(days=1), 0, -fte, loc))
    total = Decimal(0)
    for day, _, change, loc in sorted(events, key=lambda e: e[:2]):  # ends before starts
        total += change
        if total > limit:
            return loc, day, total
    return None


def _amount(value: Decimal) -> str:
    return f"{value.normalize():f}"
