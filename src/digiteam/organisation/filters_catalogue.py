"""The filters of the catalogue, for the API (and the pages when they list them): vendors and
digital services.

Each filter holds plain values as a query string gives them; its function applies it to a
queryset the caller may see already, sorted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from django.db.models import F, Model, Q, QuerySet
from django.db.models.expressions import OrderBy

from digiteam.organisation.models import DigitalService, Unit, Vendor
from digiteam.organisation.tree import subtree_filter

VENDOR_SORTS: dict[str, tuple[str, ...]] = {"name": ("name", "code"), "code": ("code",)}
SERVICE_SORTS: dict[str, tuple[str, ...]] = {
    "name": ("name", "code"),
    "code": ("code",),
    "owner": ("owner__path", "name", "code"),
}
DEFAULT_SORT = "name"
M = TypeVar("M", bound=Model)
VENDOR_SORT_CHOICES = (*VENDOR_SORTS, *(f"-{key}" for key in VENDOR_SORTS))
SERVICE_SORT_CHOICES = (*SERVICE_SORTS, *(f"-{key}" for key in SERVICE_SORTS))


def _sorted(queryset: QuerySet[M], sorts: dict[str, tuple[str, ...]], sort: str) -> QuerySet[M]:
    first, *rest = sorts.get(sort.lstrip("-"), sorts[DEFAULT_SORT])
    lead: OrderBy = F(first).desc() if sort.startswith("-") else F(first).asc()
    return queryset.order_by(lead, *rest)


def _words(queryset: QuerySet[M], search: str) -> QuerySet[M]:
    for word in search.split():
        queryset = queryset.filter(Q(name__icontains=word) | Q(code__icontains=word))
    return queryset


@dataclass(frozen=True)
class VendorFilter:
    search: str = ""  # words found in the name or code
    sort: str = DEFAULT_SORT  # a key of VENDOR_SORTS, "-" first for descending

    @classmethod
    def from_query(cls, query: dict[str, str]) -> VendorFilter:
        sort = query.get("sort", "")
        return cls(
            search=query.get("q", "").strip(),
            sort=sort if sort in VENDOR_SORT_CHOICES else DEFAULT_SORT,
        )


def vendor_filter(*, queryset: QuerySet[Vendor], params: VendorFilter) -> QuerySet[Vendor]:
    return _sorted(_words(queryset, params.search), VENDOR_SORTS, params.sort)


@dataclass(frozen=True)
class ServiceFilter:
    owner: str = ""  # a unit's code: the services owned in its subtree
    area: str = ""  # a governance area
    search: str = ""  # words found in the name or code
    sort: str = DEFAULT_SORT  # a key of SERVICE_SORTS, "-" first for descending

    @classmethod
    def from_query(cls, query: dict[str, str]) -> ServiceFilter:
        sort = query.get("sort", "")
        return cls(
            owner=query.get("owner", "").strip(),
            area=query.get("area", "").strip(),
            search=query.get("q", "").strip(),
            sort=sort if sort in SERVICE_SORT_CHOICES else DEFAULT_SORT,
        )


def service_filter(
    *, queryset: QuerySet[DigitalService], params: ServiceFilter, owner: Unit | None = None
) -> QuerySet[DigitalService]:
    """``queryset`` narrowed by ``params`` and sorted; ``owner`` is the unit ``params`` names."""
    if params.owner:
        if owner is None or owner.code != params.owner:
            return queryset.none()
        queryset = queryset.filter(**subtree_filter(owner.path, prefix="owner__"))
    if params.area:
        queryset = queryset.filter(area=params.area)
    return _sorted(_words(queryset, params.search), SERVICE_SORTS, params.sort)
