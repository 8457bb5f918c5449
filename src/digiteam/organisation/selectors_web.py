"""Reads for the organisation pages, each in a fixed number of queries whatever the size.

Counts over a subtree never query per unit: one query groups the positions by unit path (and
sourcing), and ``_roll_up`` adds each group to every ancestor named in its path.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypedDict, cast

from django.db.models import (
    Aggregate,
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from digiteam.core.translation import translated
from digiteam.organisation.choices import DecisionRight, PositionSourcing, PositionStatus
from digiteam.organisation.models import (
    Assignment,
    DigitalService,
    Government,
    Position,
    Unit,
)
from digiteam.organisation.tree import subtree_filter

TREE_OPEN_DEPTH = 1  # the tree page lists units down to this depth; deeper ones load on demand
SEARCH_LIMIT = 50
UNIT_CHOICES_MAX = 300  # a unit filter lists every unit up to this many, else the way down
CENT = Decimal("0.01")


@dataclass
class Tally:
    """Positions in a subtree: how many, how many vacant, their FTE and known annual cost."""

    positions: int = 0
    vacant: int = 0
    fte: Decimal = Decimal(0)
    cost: Decimal = Decimal(0)
    uncosted: int = 0

    def add(self, other: Tally) -> None:
        self.positions += other.positions
        self.vacant += other.vacant
        self.fte += other.fte
        self.cost += other.cost
        self.uncosted += other.uncosted


class TallyRow(TypedDict):
    unit__path: str
    sourcing: str
    positions: int
    vacant: int
    fte: Decimal | None
    cost: Decimal | None
    uncosted: int


@dataclass
class TreeNode:
    unit: Unit
    has_children: bool
    tally: Tally
    children: list[TreeNode] = field(default_factory=list)


@dataclass(frozen=True)
class GovernmentRow:
    government: Government
    units: int
    positions: int


@dataclass(frozen=True)
class UnitMatch:
    unit: Unit
    ancestors: list[Unit]


@dataclass(frozen=True)
class UnitSearch:
    matches: list[UnitMatch]
    truncated: bool


@dataclass(frozen=True)
class SourcingLine:
    sourcing: str
    label: str
    tally: Tally


@dataclass(frozen=True)
class UnitPage:
    unit: Unit
    ancestors: list[Unit]
    children: list[TreeNode]
    services_owned: list[DigitalService]
    services_delivered: list[DigitalService]
    positions: list[Position]
    total: Tally
    by_sourcing: list[SourcingLine]


@dataclass(frozen=True)
class PositionPage:
    position: Position
    ancestors: list[Unit]
    reports: list[Position]
    dotted_to: list[Position]
    dotted_from: list[Position]
    assignments: list[Assignment]
    rights: list[DecisionRight]


# --- helpers ---------------------------------------------------------------------------------


def _ancestor_paths(path: str) -> list[str]:
    """The paths of a unit and its ancestors, root first: "/1/7/" -> ["/1/", "/1/7/"]."""
    ids = path.strip("/").split("/")
    return ["/" + "/".join(ids[: i + 1]) + "/" for i in range(len(ids))]


def _ancestor_ids(path: str) -> list[int]:
    """The ids of a unit's ancestors, root first, the unit itself left out."""
    return [int(i) for i in path.strip("/").split("/")[:-1]]


def _by_label(units: Iterable[Unit]) -> list[Unit]:
    return sorted(units, key=lambda u: u.label.casefold())


def _with_child_flag(units: QuerySet[Unit]) -> list[Unit]:
    """Units (a queryset) sorted by name in the active language, each with ``has_children``."""
    flagged = units.annotate(has_children=Exists(Unit.objects.filter(parent=OuterRef("pk"))))
    return _by_label(flagged)


def tally_rows(*, government_id: int, within: str | None = None) -> list[TallyRow]:
    """One query: position counts, vacancies, FTE and cost grouped by unit path and sourcing."""
    positions = Position.objects.filter(government_id=government_id)
    if within is not None:
        # by the subtree's unit ids alone: with the government's id beside them the planner
        # read every position of the government (docs/performance.md, 1,000,000 positions)
        units = Unit.objects.filter(government_id=government_id, **subtree_filter(within))
        positions = Position.objects.filter(unit_id__in=units.values("pk"))
    rows = positions.values("unit__path", "sourcing").annotate(**tally_aggregates()).order_by()
    return cast(list[TallyRow], list(rows))


def tally_aggregates() -> dict[str, Aggregate]:
    """What ``row_tally`` reads from a grouped row of positions."""
    return {
        "positions": Count("id"),
        "vacant": Count("id", filter=Q(status=PositionStatus.VACANT)),
        "fte": Sum("fte"),
        "cost": Sum("annual_cost"),
        "uncosted": Count("id", filter=Q(annual_cost__isnull=True)),
    }


def row_tally(row: Mapping[str, Any]) -> Tally:
    """The tally of a row grouped with ``tally_aggregates``."""
    return Tally(
        positions=row["positions"],
        vacant=row["vacant"],
        fte=Decimal(row["fte"] or 0).quantize(CENT),
        cost=Decimal(row["cost"] or 0).quantize(CENT),
        uncosted=row["uncosted"],
    )


def _roll_up(rows: list[TallyRow]) -> defaultdict[str, Tally]:
    """Subtree tallies by unit path: each group counts for its unit and every ancestor."""
    totals: defaultdict[str, Tally] = defaultdict(Tally)
    for row in rows:
        tally = row_tally(row)
        for path in _ancestor_paths(row["unit__path"]):
            totals[path].add(tally)
    return totals


def _node(unit: Unit, tallies: defaultdict[str, Tally]) -> TreeNode:
    """A unit loaded by ``_with_child_flag``, with the tally of its subtree."""
    has_children = unit.has_children  # type: ignore[attr-defined]
    return TreeNode(unit=unit, has_children=has_children, tally=tallies[unit.path])


def _nodes(units: list[Unit], tallies: defaultdict[str, Tally]) -> list[TreeNode]:
    """Nest ``units`` (sorted) into trees; those whose parent is not among them are roots."""
    nodes = {u.pk: _node(u, tallies) for u in units}
    roots: list[TreeNode] = []
    for unit in units:
        parent = nodes.get(unit.parent_id) if unit.parent_id else None
        (parent.children if parent else roots).append(nodes[unit.pk])
    return roots


def _units_by_id(ids: Iterable[int]) -> dict[int, Unit]:
    return {u.pk: u for u in Unit.objects.filter(pk__in=set(ids))}


# --- governments -----------------------------------------------------------------------------


def _count_per_government(model: type[Unit] | type[Position]) -> Coalesce:
    counted = (
        model.objects.filter(government=OuterRef("pk"))
        .order_by()
        .values("government")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def government_list() -> list[GovernmentRow]:
    """Governments by name in the active language, with their numbers of units and positions."""
    governments = Government.objects.annotate(
        unit_count=_count_per_government(Unit),
        position_count=_count_per_government(Position),
    )
    rows = [
        GovernmentRow(government=g, units=g.unit_count, positions=g.position_count)
        for g in governments
    ]
    return sorted(rows, key=lambda r: r.government.label.casefold())


def government_get(*, code: str) -> Government:
    return Government.objects.get(code=code)


# --- the unit tree ---------------------------------------------------------------------------


def unit_tree(*, government: Government) -> list[TreeNode]:
    """The top of the tree (down to ``TREE_OPEN_DEPTH``) with subtree tallies: two queries."""
    units = _with_child_flag(Unit.objects.filter(government=government, depth__lte=TREE_OPEN_DEPTH))
    return _nodes(units, _roll_up(tally_rows(government_id=government.pk)))


def unit_children(*, unit: Unit) -> list[TreeNode]:
    """A unit's children with their subtree tallies: two queries."""
    children = _with_child_flag(Unit.objects.filter(parent=unit))
    tallies = _roll_up(tally_rows(government_id=unit.government_id, within=unit.path))
    return [_node(u, tallies) for u in children]


def unit_search(*, government: Government, query: str, limit: int = SEARCH_LIMIT) -> UnitSearch:
    """Units whose name (in any language) or code holds every word, with their ancestors."""
    units = Unit.objects.filter(government=government)
    for word in query.split():
        units = units.filter(
            Q(name__icontains=word)
            | Q(name_fr__icontains=word)
            | Q(name_ar__icontains=word)
            | Q(code__icontains=word)
        )
    found = list(units.order_by("path")[: limit + 1])
    ancestors = _units_by_id(i for u in found[:limit] for i in _ancestor_ids(u.path))
    matches = [
        UnitMatch(unit=u, ancestors=[ancestors[i] for i in _ancestor_ids(u.path)])
        for u in _by_label(found[:limit])
    ]
    return UnitSearch(matches=matches, truncated=len(found) > limit)


# --- a unit ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitChoices:
    options: list[tuple[str, str]]  # code, name in the active language; in tree order
    shortened: bool  # only the top two levels of the scope and the way to the chosen unit


def unit_choices(*, units: QuerySet[Unit], chosen: Unit | None) -> UnitChoices:
    """The units a filter offers. Every one of ``units`` when they are few; past
    ``UNIT_CHOICES_MAX`` (a national government has some 11,000) the top two levels of the
    scope, the chosen unit with its ancestors and its sub-units: choose, filter, choose again.
    """
    shortened = units.count() > UNIT_CHOICES_MAX
    if shortened:
        top = units.aggregate(top=Min("depth"))["top"] or 0
        near = Q(depth__lte=top + 1)
        if chosen is not None:
            near |= Q(pk__in=[*_ancestor_ids(chosen.path), chosen.pk]) | Q(parent=chosen)
        units = units.filter(near)
    rows = units.values_list("code", "name", "name_fr", "name_ar", named=True)
    return UnitChoices([(row.code, translated(row, "name")) for row in rows], shortened)


def unit_get(*, government_code: str, code: str) -> Unit:
    return Unit.objects.select_related("government").get(
        government__code=government_code, code=code
    )


def unit_ancestors(*, unit: Unit) -> list[Unit]:
    """The unit's ancestors, root first, in one query."""
    found = _units_by_id(_ancestor_ids(unit.path))
    return [found[i] for i in _ancestor_ids(unit.path)]


def _current_assignments(today: datetime.date) -> Prefetch:
    current = Q(start__lte=today) & (Q(end__isnull=True) | Q(end__gte=today))
    return Prefetch(
        "assignments",
        queryset=Assignment.objects.filter(current).select_related("person"),
        to_attr="current_assignments",
    )


def _sourcing_lines(rows: list[TallyRow]) -> list[SourcingLine]:
    by_sourcing: defaultdict[str, Tally] = defaultdict(Tally)
    for row in rows:
        by_sourcing[row["sourcing"]].add(row_tally(row))
    return [
        SourcingLine(sourcing=value, label=str(label), tally=by_sourcing[value])
        for value, label in PositionSourcing.choices
        if value in by_sourcing
    ]


def unit_page(*, unit: Unit, today: datetime.date | None = None) -> UnitPage:
    """Everything the unit page shows, in six queries (the unit itself already loaded)."""
    today = today or timezone.localdate()
    rows = tally_rows(government_id=unit.government_id, within=unit.path)
    tallies = _roll_up(rows)
    children = _with_child_flag(Unit.objects.filter(parent=unit))
    services = list(
        DigitalService.objects.filter(Q(owner=unit) | Q(team=unit)).select_related("owner", "team")
    )
    positions = (
        Position.objects.filter(unit=unit)
        .select_related("role", "vendor")
        .prefetch_related(_current_assignments(today))
        .order_by("code")
    )
    return UnitPage(
        unit=unit,
        ancestors=unit_ancestors(unit=unit),
        children=[_node(u, tallies) for u in children],
        services_owned=[s for s in services if s.owner_id == unit.pk],
        services_delivered=[s for s in services if s.team_id == unit.pk],
        positions=list(positions),
        total=tallies[unit.path],
        by_sourcing=_sourcing_lines(rows),
    )


# --- a position ------------------------------------------------------------------------------


def position_get(*, government_code: str, code: str) -> Position:
    return Position.objects.select_related(
        "government",
        "unit",
        "role",
        "vendor",
        "reports_to__role",
        "reports_to__unit",
        "slot__function__template",
    ).get(government__code=government_code, code=code)


def position_page(*, position: Position) -> PositionPage:
    """Everything the position page shows, in five queries (the position already loaded)."""
    linked = Position.objects.select_related("role", "unit").order_by("code")
    return PositionPage(
        position=position,
        ancestors=[*unit_ancestors(unit=position.unit), position.unit],
        reports=list(linked.filter(reports_to=position)),
        dotted_to=list(linked.filter(dotted_reports=position)),
        dotted_from=list(linked.filter(dotted_to=position)),
        assignments=list(
            position.assignments.select_related("person").order_by("-start", "person__name")
        ),
        rights=[right for right in DecisionRight if getattr(position, right.value)],
    )
