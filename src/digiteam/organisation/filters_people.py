"""The one filter of people, for the pages (and an API later): words, employer, staffing, unit.

``PersonFilter`` holds plain values as a query string gives them; ``person_filter`` applies it
to the people of one government, sorted.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.expressions import OrderBy

from digiteam.organisation.models import Assignment, Person, Unit
from digiteam.organisation.tree import subtree_filter

SORTS: dict[str, tuple[str, ...]] = {
    "name": ("name", "code"),
    "code": ("code",),
    "employer": ("employer__name", "name", "code"),
}
DEFAULT_SORT = "name"
HOLDING = ("holding", "free")  # holds a position today, or holds none


@dataclass(frozen=True)
class PersonFilter:
    search: str = ""  # words found in the name, email or code
    employer: str = ""  # a vendor's code, or "government" for the government's own staff
    holding: str = ""  # one of HOLDING, or "" for everyone
    unit: str = ""  # a unit's code: people holding a position in its subtree today
    sort: str = DEFAULT_SORT  # a key of SORTS, "-" first for descending

    @classmethod
    def from_query(cls, query: dict[str, str]) -> PersonFilter:
        sort = query.get("sort", "")
        holding = query.get("holding", "")
        return cls(
            search=query.get("q", "").strip(),
            employer=query.get("employer", "").strip(),
            holding=holding if holding in HOLDING else "",
            unit=query.get("unit", "").strip(),
            sort=sort if sort.lstrip("-") in SORTS else DEFAULT_SORT,
        )

    @property
    def sort_column(self) -> str:
        return self.sort.lstrip("-")

    @property
    def descending(self) -> bool:
        return self.sort.startswith("-")


def _current(today: datetime.date) -> Q:
    return Q(start__lte=today) & (Q(end__isnull=True) | Q(end__gte=today))


def person_filter(
    *,
    queryset: QuerySet[Person],
    params: PersonFilter,
    today: datetime.date,
    unit: Unit | None = None,
) -> QuerySet[Person]:
    """``queryset`` narrowed by ``params`` and sorted; ``unit`` is the unit ``params`` names."""
    holding_now = Assignment.objects.filter(_current(today), person=OuterRef("pk"))
    if params.unit:
        if unit is None or unit.code != params.unit:
            return queryset.none()
        holding_now = holding_now.filter(**subtree_filter(unit.path, prefix="position__unit__"))
        queryset = queryset.filter(Exists(holding_now))
    if params.holding == "holding":
        queryset = queryset.filter(Exists(holding_now))
    elif params.holding == "free":
        queryset = queryset.exclude(Exists(holding_now))
    if params.employer == "government":
        queryset = queryset.filter(employer__isnull=True)
    elif params.employer:
        queryset = queryset.filter(employer__code=params.employer)
    for word in params.search.split():
        queryset = queryset.filter(
            Q(name__icontains=word) | Q(email__icontains=word) | Q(code__icontains=word)
        )
    fields = SORTS[params.sort_column]
    first, *rest = fields
    lead: OrderBy = (
        F(first).desc(nulls_last=True) if params.descending else F(first).asc(nulls_first=True)
    )
    return queryset.order_by(lead, *(F(f).asc() for f in rest))
