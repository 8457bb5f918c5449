"""The org chart of reporting lines, for a whole government or one unit's subtree."""

from __future__ import annotations

from dataclasses import dataclass

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


def chart_lines(chart: Chart) -> list[Line]:
    walked = list(chart.walk())
    open_all = chart.positions <= OPEN_ALL
    lines = []
    for i, (node, depth) in enumerate(walked):
        following = walked[i + 1][1] if i + 1 < len(walked) else 0
        closes = 0 if node.children else depth - following
        lines.append(
            Line(
                node=node,
                depth=depth,
                open=open_all or depth < OPEN_DEPTH,
                closes=range(closes),
            )
        )
    return lines


def _render(
    request: HttpRequest,
    *,
    government: Government,
    unit: Unit | None,
    access: PageAccess,
) -> HttpResponse:
    chart = reporting_chart(government=government, unit=unit, with_names=access.see_people)
    context = {
        "government": government,
        "unit": unit,
        "ancestors": [*unit_ancestors(unit=unit), unit] if unit else [],
        "chart": chart,
        "lines": chart_lines(chart),
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
