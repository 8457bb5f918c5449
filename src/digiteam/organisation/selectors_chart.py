"""The org chart of reporting lines: positions nested under the position they report to.

Three queries whatever the size: the positions of the scope (a government, or one unit's
subtree) with their role, unit, vendor and manager as plain values; their dotted lines; and
who holds them today. The tree is built in Python.

A position whose manager is outside the scope (or who has none) is a root. Reporting lines
cannot loop when they come from an org file, but an edit could make one: each position is
visited once, a loop is entered at its first position (by code) and, where the walk comes back
to a position already shown, a ``ChartNode`` marked ``repeated`` stands for it, with no
children, so the page can say so and link to it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from digiteam.core.translation import TRANSLATED_LANGUAGES
from digiteam.organisation.choices import PositionSourcing, PositionStatus
from digiteam.organisation.models import Assignment, Government, Position, Unit
from digiteam.organisation.tree import unit_subtree

Row = Mapping[str, Any]


@dataclass(frozen=True)
class ChartLink:
    """Another position named on a node: a dotted line, or a manager outside the chart."""

    code: str
    label: str
    unit: str


@dataclass
class ChartNode:
    """A position as the chart shows it, texts in the active language, with its reports.

    ``holders`` are today's holders' names, left empty when names may not be shown; ``held``
    still says whether anyone holds it.
    """

    code: str
    role: str
    title: str
    unit: str
    status: str
    status_label: str
    sourcing: str
    sourcing_label: str
    vendor: str
    holders: list[str] = field(default_factory=list)
    held: bool = False
    dotted: list[ChartLink] = field(default_factory=list)
    manager_outside: ChartLink | None = None
    in_cycle: bool = False
    repeated: bool = False
    children: list[ChartNode] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.title or self.role

    @property
    def vacant(self) -> bool:
        return self.status == PositionStatus.VACANT

    @property
    def internal(self) -> bool:
        return self.sourcing == PositionSourcing.INTERNAL


@dataclass(frozen=True)
class Chart:
    roots: list[ChartNode]
    positions: int
    vacant: int
    in_cycles: int

    def walk(self) -> Iterator[tuple[ChartNode, int]]:
        """Every node with its depth, depth first, parents before their reports (no recursion)."""
        stack = [(node, 0) for node in reversed(self.roots)]
        while stack:
            node, depth = stack.pop()
            yield node, depth
            stack.extend((child, depth + 1) for child in reversed(node.children))

    def branch(self, code: str) -> Chart | None:
        """The chart of the position ``code`` and everyone under it; None when it is not here."""
        found = next((n for n, _ in self.walk() if n.code == code and not n.repeated), None)
        if found is None:
            return None
        nodes = [n for n, _ in Chart([found], 0, 0, 0).walk() if not n.repeated]
        return Chart(
            roots=[found],
            positions=len(nodes),
            vacant=sum(n.vacant for n in nodes),
            in_cycles=sum(n.in_cycle for n in nodes),
        )


# --- loading ---------------------------------------------------------------------------------


def _text(row: Row, field_name: str) -> str:
    """A translated field read from ``values()``, falling back to English when blank."""
    language = (get_language() or "en").split("-")[0]
    if language in TRANSLATED_LANGUAGES and row.get(f"{field_name}_{language}"):
        return str(row[f"{field_name}_{language}"])
    return str(row[field_name] or "")


def _translated_fields(*names: str) -> list[str]:
    """Each field with its translations: "role__title", "role__title_fr", "role__title_ar"."""
    return [f"{n}{s}" for n in names for s in ("", *(f"_{lang}" for lang in TRANSLATED_LANGUAGES))]


def _scope(*, government: Government, unit: Unit | None) -> QuerySet[Position]:
    if unit is None:
        return Position.objects.filter(government=government)
    # by the subtree's unit ids alone, as the unit page's figures: the planner then reads the
    # subtree's positions by unit instead of every position of the government
    return Position.objects.filter(unit_id__in=unit_subtree(unit=unit).values("pk"))


def _position_rows(scope: QuerySet[Position]) -> list[Row]:
    fields = [
        "id",
        "code",
        "title",
        "status",
        "sourcing",
        "vendor__name",
        "reports_to_id",
        "reports_to__code",
        "reports_to__title",
        *_translated_fields("role__title", "unit__name"),
        *_translated_fields("reports_to__role__title", "reports_to__unit__name"),
    ]
    return list(scope.values(*fields).order_by("code"))


def _dotted_rows(scope: QuerySet[Position]) -> list[Row]:
    through = Position.dotted_to.through
    fields = [
        "from_position_id",
        "to_position__code",
        "to_position__title",
        *_translated_fields("to_position__role__title", "to_position__unit__name"),
    ]
    return list(
        through.objects.filter(from_position__in=scope.values("pk"))
        .values(*fields)
        .order_by("to_position__code")
    )


def _holders(
    scope: QuerySet[Position], *, with_names: bool, today: datetime.date
) -> defaultdict[int, list[str]]:
    """Position id -> the names of today's holders (blank names without ``with_names``)."""
    current = Q(start__lte=today) & (Q(end__isnull=True) | Q(end__gte=today))
    rows = Assignment.objects.filter(current, position__in=scope.values("pk"))
    holders: defaultdict[int, list[str]] = defaultdict(list)
    if with_names:
        for position_id, name in rows.values_list("position_id", "person__name").order_by(
            "person__name"
        ):
            holders[position_id].append(name)
    else:  # names never leave the database for a user who may not see them
        for position_id in rows.values_list("position_id", flat=True):
            holders[position_id].append("")
    return holders


def _link(row: Row, prefix: str) -> ChartLink:
    return ChartLink(
        code=row[f"{prefix}code"],
        label=row[f"{prefix}title"] or _text(row, f"{prefix}role__title"),
        unit=_text(row, f"{prefix}unit__name"),
    )


def _node(row: Row, *, in_chart: set[int], holders: list[str]) -> ChartNode:
    manager = row["reports_to_id"]
    return ChartNode(
        code=row["code"],
        role=_text(row, "role__title"),
        title=row["title"],
        unit=_text(row, "unit__name"),
        status=row["status"],
        status_label=str(PositionStatus(row["status"]).label),
        sourcing=row["sourcing"],
        sourcing_label=str(PositionSourcing(row["sourcing"]).label),
        vendor=row["vendor__name"] or "",
        holders=[name for name in holders if name],
        held=bool(holders),
        manager_outside=(
            _link(row, "reports_to__") if manager is not None and manager not in in_chart else None
        ),
    )


# --- building the tree -----------------------------------------------------------------------


def _repeat(node: ChartNode) -> ChartNode:
    """A stand-in for a position already shown: the walk came back to it along a loop."""
    return replace(
        node,
        holders=[],
        held=False,
        dotted=[],
        manager_outside=None,
        children=[],
        in_cycle=True,
        repeated=True,
    )


def _grow(
    root: int, nodes: dict[int, ChartNode], reports: dict[int, list[int]], seen: set[int]
) -> None:
    """Attach every position under ``root`` along its reports, each position once."""
    seen.add(root)
    stack = [root]
    while stack:
        parent = stack.pop()
        for child in reports.get(parent, []):
            if child in seen:  # only a loop leads back to a position already placed
                nodes[parent].children.append(_repeat(nodes[child]))
                continue
            seen.add(child)
            nodes[parent].children.append(nodes[child])
            stack.append(child)


def _loops(managers: dict[int, int | None]) -> set[int]:
    """The positions on a loop of reporting lines (``managers``: position -> manager in scope)."""
    on_loop: set[int] = set()
    done: set[int] = set()
    for start in managers:
        path: list[int] = []
        index: dict[int, int] = {}
        current: int | None = start
        while current is not None and current not in done and current not in index:
            index[current] = len(path)
            path.append(current)
            current = managers.get(current)
        if current is not None and current in index:  # came back along this very walk
            on_loop.update(path[index[current] :])
        done.update(path)
    return on_loop


def _build(rows: list[Row], nodes: dict[int, ChartNode]) -> list[ChartNode]:
    """Nest the nodes (in code order) under their managers; return the roots.

    Roots are the positions with no manager in scope, then, for each loop, its first position.
    """
    managers: dict[int, int | None] = {}
    reports: defaultdict[int, list[int]] = defaultdict(list)
    roots: list[int] = []
    for row in rows:
        manager = row["reports_to_id"] if row["reports_to_id"] in nodes else None
        managers[row["id"]] = manager
        (roots if manager is None else reports[manager]).append(row["id"])
    seen: set[int] = set()
    for root in roots:
        _grow(root, nodes, reports, seen)
    on_loop = _loops({i: m for i, m in managers.items() if i not in seen})
    for row in rows:  # whatever no root reached is on a loop or hangs under one
        if row["id"] in on_loop:
            nodes[row["id"]].in_cycle = True
            if row["id"] not in seen:
                roots.append(row["id"])
                _grow(row["id"], nodes, reports, seen)
    return [nodes[i] for i in roots]


def reporting_chart(
    *,
    government: Government,
    unit: Unit | None = None,
    with_names: bool,
    today: datetime.date | None = None,
) -> Chart:
    """The reporting lines of a government (or of ``unit`` and the units under it): 3 queries.

    Holders' names are loaded only ``with_names``; otherwise a node only says it is held.
    """
    today = today or timezone.localdate()
    scope = _scope(government=government, unit=unit)
    rows = _position_rows(scope)
    holders = _holders(scope, with_names=with_names, today=today)
    in_chart = {row["id"] for row in rows}
    nodes = {
        row["id"]: _node(row, in_chart=in_chart, holders=holders.get(row["id"], [])) for row in rows
    }
    for dotted in _dotted_rows(scope):
        nodes[dotted["from_position_id"]].dotted.append(_link(dotted, "to_position__"))
    roots = _build(rows, nodes)
    return Chart(
        roots=roots,
        positions=len(nodes),
        vacant=sum(node.vacant for node in nodes.values()),
        in_cycles=sum(node.in_cycle for node in nodes.values()),
    )
