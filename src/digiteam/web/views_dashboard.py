"""The home page and a government's dashboard: call the selectors, shape the charts, render.

Charts are drawn on the server as bars whose value is written beside them; the numbers also
follow each chart in a table. The conformance panel appears once ``digiteam.checks.services``
offers ``checks_for_government``; until then the dashboard simply leaves it out. The scores
come from the shared cache while nothing has been written (``government_scores``), so a
dashboard view does not run the checks each time.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from digiteam.accounts.guards import require_view
from digiteam.accounts.permissions import can_view_government
from digiteam.core.located import FileInvalid
from digiteam.organisation.models import Government
from digiteam.organisation.selectors_dashboard import (
    Line,
    dashboard_get,
    government_scores,
    government_single,
)
from digiteam.organisation.selectors_web import government_get
from digiteam.web.templatetags.digiteam_org import money, quantity

CHECKS_SERVICES = "digiteam.checks.services"
MIN_BAR = Decimal("0.5")  # a value above zero always shows a sliver of bar


@dataclass(frozen=True)
class Bar:
    label: str
    width: Decimal  # 0 to 100: the value as a share of the chart's largest value
    text: str  # the value, written beside the bar


@dataclass(frozen=True)
class Principle:
    title: str
    score: Decimal | None
    checks: int
    passed: int


@dataclass(frozen=True)
class Conformance:
    url: str  # the government's checks page ("" when there is none)
    invalid: bool = False  # the government's check settings could not be read
    score: Decimal | None = None
    score_text: str = ""
    checks: int = 0
    passed: int = 0
    principles: list[Principle] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    as_of: datetime.datetime | None = None  # when the run behind the scores read the data
    updating: bool = False  # a newer run is under way or due: these are the latest run's


def share_text(share: Decimal | None) -> str:
    """A percentage in the active language ("35.3%", "35,3 %", "35,3٪"); a dash when none."""
    if share is None:
        return "—"
    return gettext("%(share)s%%") % {"share": quantity(share)}


def _bars(values: list[tuple[str, Decimal | int, str]]) -> list[Bar]:
    """Bars for (label, value, text) triples, the largest value spanning the whole chart."""
    top = max((Decimal(value) for _, value, _ in values), default=Decimal(0))
    bars = []
    for label, value, text in values:
        width = (Decimal(100) * value / top).quantize(Decimal("0.1")) if top else Decimal(0)
        bars.append(Bar(label=label, width=max(width, MIN_BAR) if value else width, text=text))
    return bars


def _position_bars(lines: list[Line]) -> list[Bar]:
    """Positions, each bar with its count and its share of all positions."""
    return _bars(
        [
            (
                line.label,
                line.tally.positions,
                f"{quantity(line.tally.positions)} ({share_text(line.share)})",
            )
            for line in lines
        ]
    )


def _cost_bars(lines: list[Line], currency: str) -> list[Bar]:
    return _bars(
        [(line.label, line.tally.cost, money(line.tally.cost, currency)) for line in lines]
    )


def _checks_for_government() -> Callable[..., Any] | None:
    """``checks_for_government`` when the checks service exists, else None (imported lazily)."""
    try:
        services = importlib.import_module(CHECKS_SERVICES)
    except ModuleNotFoundError as exc:
        if exc.name != CHECKS_SERVICES:
            raise
        return None
    return getattr(services, "checks_for_government", None)


def _score(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def score_text(score: Decimal | None) -> str:
    """A score out of 100 as the checks page writes it: "85.7 / 100"; a dash when none."""
    return "—" if score is None else f"{floatformat(score, 1)} / 100"


def _conformance(government: Government, today: datetime.date) -> Conformance | None:
    """The scores of the checks, overall and per principle; None when there are no checks."""
    checks_for_government = _checks_for_government()
    if checks_for_government is None:
        return None
    try:
        url = reverse("web:org-checks", args=[government.code])
    except NoReverseMatch:
        url = ""
    try:
        report = government_scores(government=government, today=today, checks=checks_for_government)
    except FileInvalid:  # the checks page lists the problems of the settings
        return Conformance(url=url, invalid=True)
    from digiteam.web.templatetags.digiteam_checks import principle_title  # needs the checks

    principles = [
        Principle(principle_title(p.slug), _score(s.value), s.checks, s.passed)
        for p, s in report.principles
    ]
    score = _score(report.score.value)
    return Conformance(
        url=url,
        score=score,
        score_text=score_text(score),
        checks=report.score.checks,
        passed=report.score.passed,
        principles=principles,
        bars=[
            Bar(label=p.title, width=p.score, text=score_text(p.score))
            for p in principles
            if p.score is not None
        ],
        as_of=report.as_of,
        updating=report.updating,
    )


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard of the only government if the user may view it; else the list of them."""
    government = government_single()
    if government is None or not can_view_government(user=request.user, government=government):
        return redirect("web:org")
    return redirect("web:org-dashboard", gov=government.code)


@require_safe
def dashboard(request: HttpRequest, gov: str) -> HttpResponse:
    try:
        government = government_get(code=gov)
    except Government.DoesNotExist:
        raise Http404 from None
    require_view(request.user, government)  # the figures span the whole government; no names
    today = timezone.localdate()
    page = dashboard_get(government=government, today=today)
    context = {
        "government": government,
        "page": page,
        "today": today,
        "ministry_bars": _position_bars(page.by_ministry),
        "cost_bars": _cost_bars(page.by_ministry, government.currency),
        "function_bars": _position_bars(page.by_function),
        "sourcing_bars": _position_bars(page.by_sourcing),
        "status_bars": _position_bars(page.by_status),
        "vacancy_share": share_text(page.vacancy_share),
        "conformance": _conformance(government, today),
        "nav": "org",
    }
    return render(request, "web/dashboard/dashboard.html", context)
