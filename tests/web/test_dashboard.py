"""The home page and a government's dashboard: exact figures, languages, a fixed query count."""

from __future__ import annotations

import datetime
import gzip
import re
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from digiteam.checks import services as checks_services
from digiteam.compositions.models import Function, RoleSlot, Template
from digiteam.core.choices import ProvenanceSource
from digiteam.organisation import selectors_dashboard
from digiteam.organisation.demo import demo_load
from digiteam.organisation.models import Government, Unit
from digiteam.organisation.selectors_dashboard import (
    QUERIES,
    Line,
    dashboard_get,
    scores_running_key,
)
from digiteam.organisation.services import PositionFields, position_update
from digiteam.web import views_dashboard
from tests.factories import make_government, make_position, make_role, make_unit
from tests.web.conftest import SIGNED_IN, ViewerClient

pytestmark = pytest.mark.django_db

URL = "/org/testland/dashboard/"
WEIGHT_BUDGET = 100_000  # bytes, gzip: the product's limit for a cold load is 150 KB
BANNER = "Illustrative data: people, vendors and costs are invented."


@pytest.fixture
def no_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The dashboard as it is without the checks: their service module cannot be imported."""
    monkeypatch.setattr(views_dashboard, "CHECKS_SERVICES", "digiteam.checks.not_there")


def _slots(*names: str, template: str = "djibouti") -> list[RoleSlot]:
    """A template whose functions are ``names``, in this order, each with one slot."""
    template_ = Template.objects.create(
        slug=template, name="Djibouti team", provenance_source=ProvenanceSource.COMPOSITION
    )
    slots = []
    for order, name in enumerate(names):
        function = Function.objects.create(
            template=template_, slug=f"f{order}", name=name, name_fr=f"{name} (fr)", position=order
        )
        slots.append(RoleSlot.objects.create(function=function, role=make_role()))
    return slots


@pytest.fixture
def gov() -> Government:
    """Testland: seven positions in two ministries, the government unit and a department.

    | position | unit              | sourcing   | FTE | status            | cost      | function |
    | cio      | government        | internal   | 1   | filled            | 120000    | Lead     |
    | head     | MDE (ministry)    | internal   | 1   | vacant 2024-03-01 | 90000     | Lead     |
    | dev      | agency under MDE  | contract   | 0.5 | filled            | 50000.50  | Build    |
    | ext      | team under agency | consultant | 1   | vacant 2025-01-01 | none      | Build    |
    | new      | team under agency | internal   | 1   | planned           | 1000000   | none     |
    | nurse-it | Health (ministry) | secondment | 0.5 | approved          | 40000     | none     |
    | dsn-1    | DSN (department)  | internal   | 1   | vacant, no date   | 30000     | none     |

    Lead is the function "Leadership", Build "Build and run", both of one template.
    """
    gov = make_government(
        code="testland",
        name="Republic of Testland",
        name_fr="République de Testland",
        name_ar="جمهورية تستلاند",
        currency="DJF",
        illustrative=True,
    )
    root = make_unit(government=gov, code="gov", kind="government", name="Government")
    mde = make_unit(
        parent=root,
        code="mde",
        kind="ministry",
        name="Ministry of Digital Economy",
        name_fr="Ministère de l'Économie numérique",
        name_ar="وزارة الاقتصاد الرقمي",
    )
    agency = make_unit(parent=mde, code="agency", kind="agency", name="Digital Agency")
    team = make_unit(parent=agency, code="team", kind="team", name="Platform Team")
    health = make_unit(parent=root, code="health", kind="ministry", name="Ministry of Health")
    dsn = make_unit(parent=root, code="dsn", kind="department", name="Digital Services Office")
    leadership, build = _slots("Leadership", "Build and run")
    make_position(unit=root, code="cio", status="filled", annual_cost="120000", slot=leadership)
    make_position(
        unit=mde,
        code="head",
        title="Head of digital",
        status="vacant",
        vacant_since=datetime.date(2024, 3, 1),
        annual_cost="90000",
        slot=leadership,
    )
    make_position(
        unit=agency,
        code="dev",
        sourcing="contract",
        fte="0.5",
        status="filled",
        annual_cost="50000.50",
        slot=build,
    )
    make_position(
        unit=team,
        code="ext",
        sourcing="consultant",
        status="vacant",
        vacant_since=datetime.date(2025, 1, 1),
        slot=build,
    )
    make_position(unit=team, code="new", status="planned", annual_cost="1000000")
    make_position(
        unit=health,
        code="nurse-it",
        sourcing="secondment",
        fte="0.5",
        status="approved",
        annual_cost="40000",
    )
    make_position(unit=dsn, code="dsn-1", status="vacant", annual_cost="30000")
    return gov


def _figures(lines: list[Line]) -> list[tuple[str, int, Decimal, Decimal]]:
    return [(line.label, line.tally.positions, line.tally.fte, line.tally.cost) for line in lines]


def _page(client: Client, url: str = URL) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _text(html: str) -> str:
    """The page's text, tags removed and white space squeezed (no-break spaces kept)."""
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html))


def _language(client: Client, code: str) -> None:
    client.post("/i18n/setlang/", {"language": code, "next": "/"})


# --- the figures -----------------------------------------------------------------------------


def test_headcount_fte_and_cost_by_ministry(gov: Government) -> None:
    page = dashboard_get(government=gov, today=datetime.date(2026, 1, 1))
    assert _figures(page.by_ministry) == [
        ("Government level", 2, Decimal("2.00"), Decimal("150000.00")),
        ("Ministry of Digital Economy", 4, Decimal("3.50"), Decimal("1140000.50")),
        ("Ministry of Health", 1, Decimal("0.50"), Decimal("40000.00")),
    ]
    mde = page.by_ministry[1]
    assert (mde.key, mde.tally.vacant, mde.tally.uncosted, mde.share) == (
        "mde",
        2,
        1,
        Decimal("57.1"),
    )
    total = page.total
    assert (total.positions, total.fte, total.cost, total.uncosted) == (
        7,
        Decimal("6.00"),
        Decimal("1330000.50"),
        1,
    )


def test_a_nested_ministry_counts_for_the_top_level_one(gov: Government) -> None:
    agency = Unit.objects.get(code="agency")
    nested = make_unit(parent=agency, code="nested", kind="ministry", name="Nested ministry")
    make_position(unit=nested, annual_cost="10")
    page = dashboard_get(government=gov, today=datetime.date(2026, 1, 1))
    assert [line.label for line in page.by_ministry] == [
        "Government level",
        "Ministry of Digital Economy",
        "Ministry of Health",
    ]
    assert page.by_ministry[1].tally.positions == 5


def test_fte_by_function_in_the_templates_order(gov: Government) -> None:
    page = dashboard_get(government=gov, today=datetime.date(2026, 1, 1))
    assert [(line.label, line.tally.positions, line.tally.fte) for line in page.by_function] == [
        ("Leadership", 2, Decimal("2.00")),
        ("Build and run", 2, Decimal("1.50")),
        ("No template function", 3, Decimal("2.50")),
    ]


def test_sourcing_mix_lists_every_sourcing(gov: Government) -> None:
    page = dashboard_get(government=gov, today=datetime.date(2026, 1, 1))
    assert [
        (line.key, line.tally.positions, line.tally.fte, line.share, line.fte_share)
        for line in page.by_sourcing
    ] == [
        ("internal", 4, Decimal("4.00"), Decimal("57.1"), Decimal("66.7")),
        ("contract", 1, Decimal("0.50"), Decimal("14.3"), Decimal("8.3")),
        ("consultant", 1, Decimal("1.00"), Decimal("14.3"), Decimal("16.7")),
        ("secondment", 1, Decimal("0.50"), Decimal("14.3"), Decimal("8.3")),
    ]


def test_vacancies_and_status_mix(gov: Government) -> None:
    page = dashboard_get(government=gov, today=datetime.date(2024, 3, 31))
    assert (page.total.vacant, page.vacancy_share) == (3, Decimal("42.9"))
    assert page.longest_vacancy is not None and page.longest_vacancy.code == "head"
    assert page.longest_vacancy_days == 30
    assert page.undated_vacancies == 1
    assert [(line.key, line.tally.positions) for line in page.by_status] == [
        ("planned", 1),
        ("approved", 1),
        ("filled", 2),
        ("vacant", 3),
    ]


def test_an_empty_government_has_no_shares(admin_client: Client) -> None:
    empty = make_government(code="empty")
    page = dashboard_get(government=empty, today=datetime.date(2026, 1, 1))
    assert page.total.positions == 0 and page.vacancy_share is None
    assert page.longest_vacancy is None and page.by_function == []
    assert "This government has no positions yet" in _page(admin_client, "/org/empty/dashboard/")


# --- the page --------------------------------------------------------------------------------


def test_dashboard_page_shows_the_figures_with_charts_and_tables(
    admin_client: Client, gov: Government, no_checks: None
) -> None:
    html = _page(admin_client)
    text = _text(html)
    assert BANNER in html
    assert "<h1>Republic of Testland</h1>" in html
    assert "Positions 7 FTE 6 Vacancies 3 (42.9%) Annual cost (DJF) 1,330,000.50" in text
    assert "1 position has no cost recorded and is left out of the cost." in text
    assert "Ministry of Digital Economy 4 3.5 2 1,140,000.50 1" in text, "its table row"
    assert 'href="/org/testland/units/mde/"' in html
    assert "Ministry of Digital Economy 4 (57.1%)" in text, "the bar's value beside it"
    assert "Ministry of Digital Economy 1,140,000.50 DJF" in text
    assert "Build and run 2 28.6% 1.5" in text
    assert "Secondment 1 14.3% 0.5 8.3%" in text
    assert "Head of digital Ministry of Digital Economy Vacant since March 1, 2024, for " in text
    assert "1 vacant position has no “vacant since” date" in text
    # every chart is an image with a name, followed by a table with a caption and scoped headers
    charts = re.findall(r'<div class="dash-chart" role="img" aria-label="([^"]+)">', html)
    assert len(charts) == 5 and all("table below" in label for label in charts)
    assert html.count("<caption>") == 4
    assert '<th scope="col"' in html and '<th scope="row"' in html
    assert '<rect width="100.0" height="10">' in html, "the largest bar spans the chart"
    assert "Conformance" not in html, "no checks, no panel"
    assert 'href="/taxonomy/"' in html, "the taxonomy stays in the navigation"


def test_conformance_panel_links_to_the_checks(admin_client: Client, gov: Government) -> None:
    html = _page(admin_client)
    assert "Conformance to the principles" in html
    assert 'href="/org/testland/checks/"' in html
    assert re.search(r"Overall score: [\d.]+ / 100, \d+ of \d+ checks passed\.", _text(html))
    assert "Score by principle" in html


def test_invalid_check_settings_do_not_break_the_dashboard(
    admin_client: Client, gov: Government
) -> None:
    Government.objects.filter(pk=gov.pk).update(check_config={"rules": {"NOPE999": "on"}})
    html = _page(admin_client)
    assert "The check settings of this government are invalid" in html


def test_french_uses_french_words_names_and_numbers(
    admin_client: Client, gov: Government, no_checks: None
) -> None:
    _language(admin_client, "fr")
    html = _page(admin_client)
    text = _text(html)
    assert '<html lang="fr" dir="ltr">' in html
    assert "<h1>République de Testland</h1>" in html
    assert "Ministère de l&#x27;Économie numérique 4 (57,1\xa0%)" in text
    assert "1\xa0330\xa0000,50" in text and "Leadership (fr)" in text
    assert "Postes et coût par ministère" in text and "Niveau gouvernemental" in text


def test_arabic_is_right_to_left_with_arabic_words(
    admin_client: Client, gov: Government, no_checks: None
) -> None:
    _language(admin_client, "ar")
    html = _page(admin_client)
    text = _text(html)
    assert '<html lang="ar" dir="rtl">' in html
    assert "جمهورية تستلاند" in html and "وزارة الاقتصاد الرقمي" in text
    assert "1.330.000,50" in text
    assert "57,1٪" in text
    assert "المستوى الحكومي" in text


def test_unknown_government_is_404(admin_client: Client) -> None:
    assert admin_client.get("/org/nowhere/dashboard/").status_code == 404


# --- the home page ---------------------------------------------------------------------------


def test_home_leads_to_the_only_governments_dashboard(admin_client: Client) -> None:
    response = admin_client.get("/")
    assert response.status_code == 302 and response["Location"] == "/org/"
    make_government(code="testland")
    response = admin_client.get("/")
    assert response.status_code == 302 and response["Location"] == URL
    make_government(code="otherland")
    assert admin_client.get("/")["Location"] == "/org/"


def test_home_leads_to_the_dashboard_only_whoever_may_view_it(
    gov: Government, viewer_client: ViewerClient
) -> None:
    assert viewer_client(gov).get("/")["Location"] == URL
    ministry = Unit.objects.filter(government=gov, kind="ministry").earliest("pk")
    scoped = viewer_client(gov, units=[ministry])
    assert scoped.get("/")["Location"] == "/org/", "the whole government is not theirs"
    assert scoped.get(URL).status_code == 403
    stranger = viewer_client(make_government(code="otherland"))
    assert stranger.get(URL).status_code == 404
    assert Client().get("/")["Location"] == "/accounts/login/?next=/"


# --- queries ---------------------------------------------------------------------------------


def _organisation_of(size: int) -> Government:
    """``size`` units (a fifth of them ministries), two positions each, half sized."""
    gov = make_government(code=f"size-{size}", currency="EUR")
    (slot,) = _slots("Build and run", template=f"template-{size}")
    root = make_unit(government=gov, code="root", kind="government")
    ministries = [make_unit(parent=root, kind="ministry") for _ in range(max(1, size // 5))]
    units = [root, *ministries]
    while len(units) < size:
        units.append(make_unit(parent=ministries[len(units) % len(ministries)], kind="team"))
    for unit in units:
        make_position(unit=unit, status="filled", annual_cost="1000", slot=slot)
        make_position(unit=unit, status="vacant", vacant_since=datetime.date(2025, 1, 1))
    return gov


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_organisation(admin_client: Client, no_checks: None) -> None:
    counts = []
    for size in (5, 50):
        gov = _organisation_of(size)
        counts.append(_queries(admin_client, f"/org/{gov.code}/dashboard/"))
    assert counts == [SIGNED_IN + 1 + QUERIES] * 2


def test_queries_with_the_checks_do_not_grow_either(admin_client: Client) -> None:
    counts = []
    for size in (5, 50):
        gov = _organisation_of(size)
        counts.append(_queries(admin_client, f"/org/{gov.code}/dashboard/"))
    assert counts[0] == counts[1]


def test_home_is_one_query_for_an_administrator(admin_client: Client, gov: Government) -> None:
    with CaptureQueriesContext(connection) as captured:
        admin_client.get("/")
    assert len(captured) == SIGNED_IN + 1


# --- page weight -----------------------------------------------------------------------------


def _gzip_size(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=6))


def test_a_cold_load_of_the_dashboard_stays_small(
    admin_client: Client, shipped_reference: object
) -> None:
    """The page and every stylesheet and script it links to, compressed as a server would."""
    demo_load()
    html = _page(admin_client, "/org/djibouti/dashboard/")
    assets = re.findall(r'<(?:link|script)\b[^>]*\b(?:href|src)="(/static/[^"]+)"', html)
    assert any(a.endswith(".css") for a in assets) and any(a.endswith(".js") for a in assets)
    sizes = {"page": _gzip_size(html.encode())}
    for asset in assets:
        found = finders.find(asset.removeprefix(settings.STATIC_URL).split("?")[0])
        assert isinstance(found, str), asset
        with open(found, "rb") as file:
            sizes[asset] = _gzip_size(file.read())
    assert sum(sizes.values()) < WEIGHT_BUDGET, sizes


# --- the checks' scores, cached until something is written ----------------------------------


def _overall(html: str) -> str:
    found = re.search(r"Overall score: [\d.]+ / 100, \d+ of \d+ checks passed\.", _text(html))
    assert found, "no overall score"
    return found[0]


def _spy_on_checks(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """A list that grows by one each time the checks run."""
    runs: list[object] = []
    real = checks_services.checks_for_government

    def spy(**kwargs: Any) -> Any:
        runs.append(kwargs["government"])
        return real(**kwargs)

    monkeypatch.setattr(checks_services, "checks_for_government", spy)
    return runs


def test_a_second_view_runs_no_check(
    admin_client: Client, gov: Government, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = _spy_on_checks(monkeypatch)
    first = _overall(_page(admin_client))
    second = _overall(_page(admin_client))
    assert second == first
    assert len(runs) == 1


def test_a_position_edit_shows_in_the_next_dashboard(
    admin_client: Client, gov: Government, monkeypatch: pytest.MonkeyPatch
) -> None:
    ciso = _make_ciso(gov)
    runs = _spy_on_checks(monkeypatch)
    before = _overall(_page(admin_client))
    assert _overall(_page(admin_client)) == before  # from the cache
    _fill(ciso)  # the long vacancy ends: one more check passes
    after = _overall(_page(admin_client))
    assert len(runs) == 2
    passed = [int(n) for n in re.findall(r"(\d+) of \d+ checks", before + after)]
    assert passed[1] == passed[0] + 1


def test_a_view_during_a_run_shows_the_latest_scores_instead_of_running_again(
    admin_client: Client, gov: Government, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writes faster than a run of the checks must not make every view run them at once."""
    ciso = _make_ciso(gov)
    runs = _spy_on_checks(monkeypatch)
    before = _overall(_page(admin_client))
    _fill(ciso)
    assert cache.add(scores_running_key(gov), "another process", 60)  # its run is under way
    assert _overall(_page(admin_client)) == before  # the latest run's scores
    assert len(runs) == 1
    cache.delete(scores_running_key(gov))  # that run is over
    assert _overall(_page(admin_client)) != before
    assert len(runs) == 2


def test_a_view_during_a_run_runs_the_checks_when_none_ran_before(
    admin_client: Client, gov: Government, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = _spy_on_checks(monkeypatch)
    assert cache.add(scores_running_key(gov), "another process", 60)
    _overall(_page(admin_client))
    assert len(runs) == 1
    assert cache.get(scores_running_key(gov)) == "another process"  # the other run's mark


def test_a_run_leaves_no_mark(
    admin_client: Client, gov: Government, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = _spy_on_checks(monkeypatch)
    _overall(_page(admin_client))
    assert len(runs) == 1
    assert cache.get(scores_running_key(gov)) is None


def _make_ciso(gov: Government) -> Any:
    """A long vacancy: filling it makes one more check pass."""
    return make_position(
        unit=Unit.objects.get(government=gov, code="mde"),
        code="ciso",
        role=make_role(slug="chief-information-security-officer"),
        status="vacant",
        vacant_since=datetime.date(2020, 1, 1),
    )


def _fill(position: Any) -> None:
    position_update(
        position=position,
        fields=PositionFields(unit=position.unit, role=position.role, status="filled"),
    )


@pytest.mark.django_db(transaction=True)  # the background thread reads what the test wrote
def test_at_scale_a_view_shows_the_latest_scores_while_a_thread_updates_them(
    admin_client: Client, gov: Government, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors_dashboard, "INLINE_SECONDS", 0.0)  # every run counts as slow
    monkeypatch.setattr(selectors_dashboard, "PAUSE_FACTOR", 0)
    threads: list[Any] = []
    start = selectors_dashboard.in_background
    monkeypatch.setattr(selectors_dashboard, "in_background", lambda w: threads.append(start(w)))
    ciso = _make_ciso(gov)
    runs = _spy_on_checks(monkeypatch)
    first = _page(admin_client)
    assert len(runs) == 1 and not threads  # nothing ran before: the view runs the checks
    assert 'id="scores-updating"' not in first
    _fill(ciso)
    second = _page(admin_client)
    assert _overall(second) == _overall(first)  # the view did not wait for a run
    assert "before the latest changes; they are being updated" in _text(second)
    assert len(threads) == 1
    threads[0].join(timeout=60)
    assert len(runs) == 2
    third = _page(admin_client)
    passed = [int(n) for n in re.findall(r"(\d+) of \d+ checks", _overall(first) + _overall(third))]
    assert passed[1] == passed[0] + 1
    assert 'id="scores-updating"' not in third
    assert cache.get(scores_running_key(gov)) is None  # the thread's mark is gone
    assert len(threads) == 1


def test_at_scale_background_runs_pause_after_each_run(
    admin_client: Client, gov: Government, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writes every second must not keep a core busy with the checks."""
    monkeypatch.setattr(selectors_dashboard, "INLINE_SECONDS", 0.0)
    monkeypatch.setattr(selectors_dashboard, "PAUSE_FACTOR", 1_000_000)  # the pause never ends
    started: list[object] = []
    monkeypatch.setattr(selectors_dashboard, "in_background", started.append)
    ciso = _make_ciso(gov)
    runs = _spy_on_checks(monkeypatch)
    before = _overall(_page(admin_client))
    _fill(ciso)
    page = _page(admin_client)
    assert _overall(page) == before and 'id="scores-updating"' in page
    assert not started and len(runs) == 1
