"""The org chart of reporting lines, for a whole government or one unit's subtree.

A chart of more than ``CARDS`` positions shows its first levels only, as many as fit in
``CARDS`` cards; each position whose reports are left out links to the chart of its branch
(``?branch=CODE``). More than ``CARDS`` positions at the top are paged. So a page stays the same
size however large the ministry.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from urllib.parse import quote

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from digiteam.accounts.guards import PageAccess, require_view
from digiteam.organisation.models import Government, Unit
from digiteam.organisation.selectors_chart import Chart, ChartNode, reporting_chart
from digiteam.organisation.selectors_web import government_get, unit_ancestors, unit_get
from digiteam.web.views_org import NAV

OPEN_ALL = 150  # a chart this small opens fully; a larger one opens its first levels
OPEN_DEPTH = 2
CARDS = 300  # the most cards a page shows


@dataclass(frozen=True)
class Line:
    """One node of the chart as the template writes it, flat: no recursion at any depth.

    A node with reports opens a list its reports go in; ``closes`` counts the lists that end
    after the node (its own ``<li>`` aside).
    """

    node: ChartNode
    depth: int
    open: bool
    closes: range
    below: int = 0  # when the node's reports are left out: how many positions are under it


def _deepest_shown(walked: list[tuple[ChartNode, int]]) -> int | None:
    """The deepest level shown so that at most ``CARDS`` cards are (the roots always); None: all."""
    if len(walked) <= CARDS:
        return None
    per_level = Counter(depth for _, depth in walked)
    total, deepest = 0, 0
    for depth in sorted(per_level):
        total += per_level[depth]
        if total > CARDS:
            break
        deepest = depth
    return deepest


def _sizes(walked: list[tuple[ChartNode, int]]) -> dict[int, int]:
    """id(node) -> the positions of the node and everyone under it, counted from the leaves up
    (a stand-in for a position shown elsewhere along a loop is not counted)."""
    sizes: dict[int, int] = {}
    for node, _ in reversed(walked):
        own = 0 if node.repeated else 1
        sizes[id(node)] = own + sum(sizes[id(child)] for child in node.children)
    return sizes


def chart_lines(chart: Chart) -> list[Line]:
    """The lines of the chart's first levels: at most ``CARDS`` cards, unless the roots are more."""
    walked = list(chart.walk())
    deepest = _deepest_shown(walked)
    sizes = _sizes(walked) if deepest is not None else {}
    shown = [(n, d) for n, d in walked if deepest is None or d <= deepest]
    open_all = chart.positions <= OPEN_ALL
    lines = []
    for i, (node, depth) in enumerate(shown):
        following = shown[i + 1][1] if i + 1 < len(shown) else 0
        cut = bool(node.children) and depth == deepest
        lines.append(
            Line(
                node=node,
                depth=depth,
                open=open_all or depth < OPEN_DEPTH,
                closes=range(depth - following if cut or not node.children else 0),
                below=sizes[id(node)] - 1 if cut else 0,
            )
        )
    return lines


def _page_of_roots(request: HttpRequest, chart: Chart) -> tuple[Chart, Page[ChartNode] | None]:
    """The chart with one page of its roots when it has more than ``CARDS`` of them."""
    if len(chart.roots) <= CARDS:
        return chart, None
    page = Paginator(chart.roots, CARDS).get_page(request.GET.get("page"))
    return replace(chart, roots=list(page.object_list)), page


def _render(
    request: HttpRequest,
    *,
    government: Government,
    unit: Unit | None,
    access: PageAccess,
) -> HttpResponse:
    whole = reporting_chart(government=government, unit=unit, with_names=access.see_people)
    branch = request.GET.get("branch")
    chart = whole if branch is None else whole.branch(branch)
    if chart is None:
        raise Http404
    shown, page = _page_of_roots(request, chart)
    lines = chart_lines(shown)
    context = {
        "government": government,
        "unit": unit,
        "ancestors": [*unit_ancestors(unit=unit), unit] if unit else [],
        "chart": chart,
        "lines": lines,
        "branch": chart.roots[0] if branch is not None else None,
        "cut": any(line.below for line in lines),
        "levels": max((line.depth for line in lines), default=0) + 1,
        "page": page,
        "query": f"branch={quote(branch)}" if branch else "",
        "access": access,
        "nav": NAV,
    }
    return render(request, "web/org/chart.html", context)


@require_safe
def government_chart(request: HttpRequest, gov: str) -> HttpResponse:
    try:
        government = government_get(code=gov)
    except Government.DoesNotExist:
        raise Http404 from None
    access = require_view(request.user, government)  # the chart spans the whole government
    return _render(request, government=government, unit=None, access=access)


@require_safe
def unit_chart(request: HttpRequest, gov: str, code: str) -> HttpResponse:
    try:
        unit = unit_get(government_code=gov, code=code)
    except Unit.DoesNotExist:
        raise Http404 from None
    access = require_view(request.user, unit)
    return _render(request, government=unit.government, unit=unit, access=access)
