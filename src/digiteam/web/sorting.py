"""Sortable column headers of the list pages (positions, people)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.functional import Promise


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    url: str  # the page sorted by this column (the other way if it is sorted by it already)
    aria_sort: str  # "ascending", "descending" or "" (not sorted by it)


def sort_columns(
    request: HttpRequest,
    columns: Iterable[tuple[str, str | Promise]],
    *,
    sort_column: str,
    descending: bool,
) -> list[Column]:
    """The headers of ``columns`` (key, label): each links to the first page sorted by it."""
    headers = []
    for key, label in columns:
        query = request.GET.copy()
        query.pop("page", None)
        current = sort_column == key
        query["sort"] = f"-{key}" if current and not descending else key
        sort = "descending" if descending else "ascending"
        headers.append(Column(key, str(label), f"?{query.urlencode()}", sort if current else ""))
    return headers
