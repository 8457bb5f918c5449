"""The one filter of positions, shared by the pages and the API (``api/positions.py``).

``PositionFilter`` holds plain values (codes, slugs, words) as a query string gives them;
``position_filter`` applies it to a queryset of positions the caller may see already.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy

from digiteam.organisation.choices import PositionSourcing, PositionStatus
from digiteam.organisation.models import Position, Unit
from digiteam.organisation.tree import subtree_filter

# The columns a list may be sorted by, with the fields each one orders on.
SORTS: dict[str, tuple[str, ...]] = {
    "unit": ("unit__path", "code"),
    "role": ("role__title", "code"),
    "title": ("title", "code"),
    "sourcing": ("sourcing", "code"),
    "fte": ("fte", "code"),
    "cost": ("annual_cost", "code"),
    "status": ("status", "code"),
    "vacant_since": ("vacant_since", "code"),
    "code": ("code",),
}
DEFAULT_SORT = "unit"
# Every value the ``sort`` parameter takes: a column, "-" first for descending. The pages drop
# another value; the API refuses it (422), naming these.
SORT_CHOICES: tuple[str, ...] = (*SORTS, *(f"-{key}" for key in SORTS))


@dataclass(frozen=True)
class PositionFilter:
    unit: str = ""  # a unit's code: the positions in its subtree
    role: str = ""  # a role's slug
    sourcing: str = ""
    status: str = ""
    search: str = ""  # words found in the code, working title, role or unit name
    sort: str = DEFAULT_SORT  # a key of SORTS, "-" first for descending

    @classmethod
    def from_query(cls, query: dict[str, str]) -> PositionFilter:
        """From a query string, unknown choices and sorts left out."""
        sort = query.get("sort", "")
        return cls(
            unit=query.get("unit", "").strip(),
            role=query.get("role", "").strip(),
            sourcing=query.get("sourcing", "") if query.get("sourcing") in PositionSourcing else "",
            status=query.get("status", "") if query.get("status") in PositionStatus else "",
            search=query.get("q", query.get("search", "")).strip(),
            sort=sort if sort.lstrip("-") in SORTS else DEFAULT_SORT,
        )

    @property
    def sort_column(self) -> str:
        return self.sort.lstrip("-")

    @property
    def descending(self) -> bool:
        return self.sort.startswith("-")


def _ordering(params: PositionFilter) -> list[OrderBy]:
    fields = SORTS.get(params.sort_column, SORTS[DEFAULT_SORT])
    first, *rest = fields
    lead = F(first).desc(nulls_last=True) if params.descending else F(first).asc(nulls_last=True)
    return [lead, *(F(f).asc() for f in rest)]


def position_filter(
    *, queryset: QuerySet[Position], params: PositionFilter, unit: Unit | None = None
) -> QuerySet[Position]:
    """``queryset`` narrowed by ``params`` and sorted; ``unit`` is the unit ``params`` names.

    The caller resolves ``params.unit`` (a code) to ``unit``, in the government it shows; a
    code that names no unit there matches nothing.
    """
    if params.unit:
        if unit is None or unit.code != params.unit:
            return queryset.none()
        # Through the units' ids: a count then needs no join and the position indexes serve it.
        inside = Unit.objects.filter(government_id=unit.government_id, **subtree_filter(unit.path))
        queryset = queryset.filter(unit_id__in=inside.values("pk"))
    if params.role:
        queryset = queryset.filter(role__slug=params.role)
    if params.sourcing:
        queryset = queryset.filter(sourcing=params.sourcing)
    if params.status:
        queryset = queryset.filter(status=params.status)
    for word in params.search.split():
        queryset = queryset.filter(
            Q(code__icontains=word)
            | Q(title__icontains=word)
            | Q(grade__icontains=word)
            | Q(role__title__icontains=word)
            | Q(role__title_fr__icontains=word)
            | Q(role__title_ar__icontains=word)
            | Q(unit__name__icontains=word)
            | Q(unit__name_fr__icontains=word)
            | Q(unit__name_ar__icontains=word)
        )
    return queryset.order_by(*_ordering(params))
