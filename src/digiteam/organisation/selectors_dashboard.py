"""Reads for a government's dashboard, in a fixed number of queries whatever the size.

The positions are grouped, never listed: one query groups them by unit path (one row per unit:
the ministry figures), one by status, template function and sourcing (everything else, the
totals included). A position counts for the top-level ministry above its unit
(the first unit of kind "ministry" in its path, root first), or for the government level when
no ministry is above it.

``government_scores`` keeps the checks' scores in the shared cache until something is written,
so a dashboard view does not run every check; at scale it refreshes them in the background.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypedDict, cast

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext

from digiteam.audit.models import Change
from digiteam.checks.engine import PRINCIPLES, Score
from digiteam.checks.engine.registry import Principle
from digiteam.compositions.models import Function
from digiteam.organisation.choices import PositionSourcing, PositionStatus, UnitKind
from digiteam.organisation.models import Government, Position, Unit
from digiteam.organisation.selectors_web import Tally, row_tally, tally_aggregates

QUERIES = 5  # for any size, the government already loaded (fewer when nothing is sized)
SCORES_KEY = "checks-scores:v2"  # change the version when what is cached changes shape
SCORES_TIMEOUT = 24 * 60 * 60  # a key names the day anyway
REVISION_WINDOW = 10_000  # audit rows counted below the newest one (see ``_scores_keys``)
RUN_TIMEOUT = 10 * 60  # seconds: the mark of a run whose process died is forgotten after that
INLINE_SECONDS = 1.0  # a run quicker than this is done in the view: an edit shows at once
PAUSE_FACTOR = 10  # background runs start at least 10 times the last run's length apart

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Scores:
    """The scores of a report, overall and per principle (what the dashboard shows).

    ``updating``: the scores of an earlier run, shown while a newer one is under way or due;
    ``as_of`` is when that run read the data.
    """

    score: Score
    principles: list[tuple[Principle, Score]]
    as_of: datetime.datetime | None = None
    updating: bool = False


def government_scores(
    *, government: Government, today: datetime.date, checks: Callable[..., Any]
) -> Scores:
    """The scores of ``checks`` (``checks_for_government``), from the shared cache if still true.

    The key holds the revision of the data (the newest audit change recorded anywhere: every
    write of a service, the admin, the API, an import or a sizing records one), the
    government's own row (id, version, check settings) and ``today``; two small queries. A
    miss runs the checks; invalid settings raise ``FileInvalid`` as ``checks`` does, uncached.
    Reference data reloaded by ``load_reference`` records nothing: its changes show from the
    next write or the next day.

    After a write, a government whose checks ran in under ``INLINE_SECONDS`` has them run again
    in the view, so an edit shows at once. A larger one shows the latest run's scores, marked
    ``updating``, and runs the checks in a background thread, no sooner than ``PAUSE_FACTOR``
    times the last run's length after it ended: no view waits for a run, and writes arriving
    all the time cost the checks a tenth of a core at most (the load test,
    docs/performance.md). One run at a time per government in all processes (a mark in the
    shared cache, ``scores_running_key``): a view that misses during a run shows the latest
    run's scores; with no run finished yet for this day and these settings, it runs them itself.
    """
    key, latest_key = _scores_keys(government, today)
    cached = cache.get(key)
    if cached is not None:
        return _scores_from(cached)
    latest = cache.get(latest_key)
    if latest is not None and _seconds(latest) >= INLINE_SECONDS:
        if _due(latest):
            _start_background_run(government, today, checks)
        return _scores_from(latest, updating=True)
    running_key, mark = scores_running_key(government), uuid.uuid4().hex
    running = not cache.add(running_key, mark, RUN_TIMEOUT)
    if running and latest is not None:
        return _scores_from(latest, updating=True)
    try:
        stored = _run(government, today, checks, key, latest_key)
    finally:
        if not running:
            _release(running_key, mark)
    return _scores_from(stored)


def scores_running_key(government: Government) -> str:
    """The mark in the shared cache that says a run of the checks is under way."""
    return f"{SCORES_KEY}:running:{government.pk}"


def _run(
    government: Government,
    today: datetime.date,
    checks: Callable[..., Any],
    key: str,
    latest_key: str,
) -> Any:
    """Run the checks and keep their scores under ``key`` and as the latest run's."""
    started, clock = timezone.now(), time.perf_counter()
    report = checks(government=government, today=today)
    stored = (
        (report.score.checks, report.score.passed),
        tuple((p.slug, s.checks, s.passed) for p, s in report.principles),
        started,
        time.perf_counter() - clock,
    )
    cache.set_many({key: stored, latest_key: stored}, SCORES_TIMEOUT)
    return stored


def _seconds(stored: Any) -> float:
    return float(stored[3])


def _due(stored: Any) -> bool:
    """Whether the pause after the latest run is over."""
    ended = stored[2] + datetime.timedelta(seconds=_seconds(stored))
    pause = datetime.timedelta(seconds=PAUSE_FACTOR * _seconds(stored))
    return timezone.now() >= ended + pause


def _start_background_run(
    government: Government, today: datetime.date, checks: Callable[..., Any]
) -> None:
    """Run the checks in a thread of this process, unless a run is under way anywhere."""
    running_key, mark = scores_running_key(government), uuid.uuid4().hex
    if not cache.add(running_key, mark, RUN_TIMEOUT):
        return
    pk = government.pk

    def work() -> None:
        try:
            current = Government.objects.get(pk=pk)  # as it is now, in this thread
            _run(current, today, checks, *_scores_keys(current, today))
        except Exception:  # a thread has no one to raise to: the next due view tries again
            log.exception("background run of the checks failed (government %s)", pk)
        finally:
            _release(running_key, mark)
            connection.close()  # this thread's own connection

    in_background(work)


def in_background(work: Callable[[], None]) -> threading.Thread:
    """Start ``work`` in a daemon thread (tests replace this to run it when they choose)."""
    thread = threading.Thread(target=work, name="digiteam-checks-scores", daemon=True)
    thread.start()
    return thread


def _release(running_key: str, mark: str) -> None:
    if cache.get(running_key) == mark:
        cache.delete(running_key)


def _scores_keys(government: Government, today: datetime.date) -> tuple[str, str]:
    """The key of the scores at this revision of the data, and that of the latest run's."""
    last = Change.objects.aggregate(last=Max("pk"))["last"] or 0
    # On PostgreSQL a write can commit after a later-numbered one: the rows counted below the
    # newest id change when it does, so the key changes too.
    recent = Change.objects.filter(pk__gt=last - REVISION_WINDOW).count()
    revision = f"{last}.{recent}"
    settings = json.dumps(government.check_config or {}, sort_keys=True, default=str)
    digest = hashlib.blake2b(settings.encode(), digest_size=12).hexdigest()
    same = f"{government.pk}:{government.version}:{today.isoformat()}:{digest}"
    return f"{SCORES_KEY}:{same}:{revision}", f"{SCORES_KEY}:latest:{same}"


def _scores_from(stored: Any, *, updating: bool = False) -> Scores:
    (checks, passed), lines, as_of, _ = stored
    by_slug = {slug: Score(c, p) for slug, c, p in lines}
    return Scores(
        score=Score(checks, passed),
        principles=[(p, by_slug.get(p.slug, Score(0, 0))) for p in PRINCIPLES],
        as_of=as_of,
        updating=updating,
    )


@dataclass(frozen=True)
class Line:
    """One bar of a chart: a ministry, a function, a sourcing or a status, with its tally.

    ``key`` is the ministry's unit code, the function's id, the sourcing or the status; it is
    empty for the "government level" and "no template function" buckets.
    """

    key: str
    label: str
    tally: Tally
    share: Decimal | None = None  # percent of all positions, one decimal
    fte_share: Decimal | None = None  # percent of all FTE, one decimal


@dataclass(frozen=True)
class Dashboard:
    government: Government
    total: Tally
    vacancy_share: Decimal | None  # percent of all positions that are vacant
    by_ministry: list[Line]
    by_function: list[Line]
    by_sourcing: list[Line]
    by_status: list[Line]
    longest_vacancy: Position | None  # the vacant position with the oldest "vacant since"
    longest_vacancy_days: int | None  # how long it has been vacant, as of ``today``
    undated_vacancies: int  # vacant positions without a "vacant since" date


class MixRow(TypedDict):
    """Positions grouped by status, the function of their template slot, and sourcing."""

    status: str
    slot__function: int | None  # None without a slot
    sourcing: str
    positions: int
    vacant: int
    fte: Decimal | None
    cost: Decimal | None
    uncosted: int
    undated: int  # without a "vacant since" date


class UnitRow(TypedDict):
    """Positions grouped by the path of their unit."""

    unit__path: str
    positions: int
    vacant: int
    fte: Decimal | None
    cost: Decimal | None
    uncosted: int


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """100 x part / whole, one decimal; None when the whole is zero."""
    if not whole:
        return None
    return (Decimal(100) * Decimal(part) / Decimal(whole)).quantize(Decimal("0.1"))


def government_single() -> Government | None:
    """The government when exactly one exists, else None (one query)."""
    found = list(Government.objects.order_by("pk")[:2])
    return found[0] if len(found) == 1 else None


def dashboard_get(*, government: Government, today: datetime.date) -> Dashboard:
    """Everything the dashboard shows, in ``QUERIES`` queries (the government already loaded).

    Two groupings of the positions: by unit (for the ministries) and by status, function and
    sourcing (a few hundred rows: everything else, the totals included).
    """
    mix = _mix_rows(government)
    total = Tally()
    for row in mix:
        total.add(row_tally(row))
    longest = _longest_vacancy(government)
    return Dashboard(
        government=government,
        total=total,
        vacancy_share=percent(total.vacant, total.positions),
        by_ministry=_by_ministry(government, _unit_rows(government), total),
        by_function=_by_function(mix, total),
        by_sourcing=_by_choice(
            PositionSourcing.choices, ((r["sourcing"], row_tally(r)) for r in mix), total
        ),
        by_status=_by_choice(
            PositionStatus.choices, ((r["status"], row_tally(r)) for r in mix), total
        ),
        longest_vacancy=longest,
        longest_vacancy_days=(
            (today - longest.vacant_since).days if longest and longest.vacant_since else None
        ),
        undated_vacancies=sum(r["undated"] for r in mix if r["status"] == PositionStatus.VACANT),
    )


# --- grouping --------------------------------------------------------------------------------


def _mix_rows(government: Government) -> list[MixRow]:
    """One query: positions grouped by status, template function and sourcing."""
    rows = (
        Position.objects.filter(government=government)
        .values("status", "slot__function", "sourcing")
        .annotate(**tally_aggregates(), undated=Count("id", filter=Q(vacant_since__isnull=True)))
        .order_by()
    )
    return cast(list[MixRow], list(rows))


def _unit_rows(government: Government) -> list[UnitRow]:
    """One query: positions grouped by the path of their unit (one row per unit)."""
    rows = (
        Position.objects.filter(government=government)
        .values("unit__path")
        .annotate(**tally_aggregates())
        .order_by()
    )
    return cast(list[UnitRow], list(rows))


def _longest_vacancy(government: Government) -> Position | None:
    """One query: the vacant position with the oldest "vacant since" date."""
    return (
        Position.objects.filter(
            government=government, status=PositionStatus.VACANT, vacant_since__isnull=False
        )
        .select_related("role", "unit")
        .order_by("vacant_since", "code")
        .first()
    )


def _line(key: str, label: str, tally: Tally, total: Tally) -> Line:
    return Line(
        key=key,
        label=label,
        tally=tally,
        share=percent(tally.positions, total.positions),
        fte_share=percent(tally.fte, total.fte),
    )


def _by_choice(
    choices: Iterable[tuple[str, str | Promise]], pairs: Iterable[tuple[str, Tally]], total: Tally
) -> list[Line]:
    """A line for every choice (in the choices' order), zero when no position has it."""
    tallies: defaultdict[str, Tally] = defaultdict(Tally)
    for value, tally in pairs:
        tallies[value].add(tally)
    return [_line(value, str(label), tallies[value], total) for value, label in choices]


def _path_ids(path: str) -> list[int]:
    """The ids in a unit path, root first, the unit itself included."""
    return [int(i) for i in path.strip("/").split("/")]


def _by_ministry(government: Government, rows: list[UnitRow], total: Tally) -> list[Line]:
    """The government level first, then every top-level ministry by positions (most first)."""
    ministries = {
        u.pk: u
        for u in Unit.objects.filter(government=government, kind=UnitKind.MINISTRY).only(
            "code", "name", "name_fr", "name_ar", "path"
        )
    }
    top = {
        pk: unit
        for pk, unit in ministries.items()
        if not any(i in ministries for i in _path_ids(unit.path)[:-1])
    }
    tallies: defaultdict[int, Tally] = defaultdict(Tally)
    for row in rows:  # one row per unit
        owner = next((i for i in _path_ids(row["unit__path"]) if i in top), 0)
        tallies[owner].add(row_tally(row))
    lines = sorted(
        (_line(unit.code, unit.label, tallies[pk], total) for pk, unit in top.items()),
        key=lambda line: (-line.tally.positions, line.label.casefold()),
    )
    return [_line("", gettext("Government level"), tallies[0], total), *lines]


def _by_function(rows: list[MixRow], total: Tally) -> list[Line]:
    """Functions in their template's order, then positions sized from no template function.

    The template's name follows the function's when the positions come from several templates.
    """
    tallies: defaultdict[int | None, Tally] = defaultdict(Tally)
    for row in rows:
        tallies[row["slot__function"]].add(row_tally(row))
    ids = [pk for pk in tallies if pk is not None]
    functions = sorted(
        Function.objects.filter(pk__in=ids).select_related("template"),
        key=lambda f: (f.template.label.casefold(), f.template_id, f.position, f.pk),
    )
    several = len({f.template_id for f in functions}) > 1
    lines = [
        _line(
            str(f.pk),
            f"{f.label} ({f.template.label})" if several else f.label,
            tallies[f.pk],
            total,
        )
        for f in functions
    ]
    if None in tallies:
        lines.append(_line("", gettext("No template function"), tallies[None], total))
    return lines
