"""The one filter of units, for the API (and the pages when they list units): subtree, kind, words.

``UnitFilter`` holds plain values as a query string gives them; ``unit_filter`` applies it to a
queryset of units the caller may see already, sorted.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy

from digiteam.organisation.models import Unit
from digiteam.organisation.tree import subtree_filter

SORTS: dict[str, tuple[str, ...]] = {
    "path": ("path",),  # the tree's order: each unit before the units under it
    "name": ("name", "code"),
    "code": ("code",),
    "kind": ("kind", "path"),
    "depth": ("depth", "path"),
}
DEFAULT_SORT = "path"
SORT_CHOICES: tuple[str, ...] = (*SORTS, *(f"-{key}" for key in SORTS))


@dataclass(frozen=True)
class UnitFilter:
    under: str = ""  # a unit's code: it and every unit under it
    kind: str = ""
    search: str = ""  # words found in the code or a name
    sort: str = DEFAULT_SORT  # a key of SORTS, "-" first for descending

    @classmethod
    def from_query(cls, query: dict[str, str]) -> UnitFilter:
        """From a query string, an unknown sort left out."""
        sort = query.get("sort", "")
        return cls(
            under=query.get("under", "").strip(),
            kind=query.get("kind", "").strip(),
            search=query.get("q", query.get("search", "")).strip(),
            sort=sort if sort.lstrip("-") in SORTS else DEFAULT_SORT,
        )


def _ordering(sort: str) -> list[OrderBy]:
    first, *rest = SORTS.get(sort.lstrip("-"), SORTS[DEFAULT_SORT])
    lead = F(first).desc() if sort.startswith("-") else F(first).asc()
    return [lead, *(F(f).asc() for f in rest)]


def unit_filter(
    *, queryset: QuerySet[Unit], params: UnitFilter, under: Unit | None = None
) -> QuerySet[Unit]:
    """``queryset`` narrowed by ``params`` and sorted; ``under`` is the unit ``params`` names.

    The caller resolves ``params.under`` (a code) in the government it shows; a code that names
    no unit there matches nothing.
    """
    if params.under:
        if under is None or under.code != params.under:
            return queryset.none()
        queryset = queryset.filter(**subtree_filter(under.path))
    if params.kind:
        queryset = queryset.filter(kind=params.kind)
    for word in params.search.split():
        queryset = queryset.filter(
            Q(code__icontains=word)
            | Q(name__icontains=word)
            | Q(name_fr__icontains=word)
            | Q(name_ar__icontains=word)
        )
    return queryset.order_by(*_ordering(params.sort))
