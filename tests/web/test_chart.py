"""The org chart of reporting lines: a government's, or one unit's subtree."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from digiteam.organisation.models import Assignment, Government, Person, Position, Unit
from digiteam.web import views_chart
from tests.factories import (
    build_testland,
    make_government,
    make_person,
    make_position,
    make_role,
    make_unit,
    make_vendor,
)
from tests.web.conftest import SIGNED_IN, ViewerClient

pytestmark = pytest.mark.django_db

CHART = "/org/testland/chart/"
MDE_CHART = "/org/testland/units/mde/chart/"


@dataclass
class Org:
    government: Government
    root: Unit
    ministry: Unit
    agency: Unit
    health: Unit
    cio: Position
    head: Position
    developer: Position


@pytest.fixture
def org() -> Org:
    """CIO <- head of digital (vacant) <- contracted developer (dotted to the CIO); a health
    developer under the CIO; an analyst with no manager."""
    land = build_testland()
    gov, root, ministry, agency, health = (
        land.government,
        land.root,
        land.ministry,
        land.agency,
        land.health,
    )
    cio_role = make_role(
        slug="cio", title="Chief information officer", title_fr="DSI en chef", title_ar="مدير"
    )
    developer_role = make_role(
        slug="developer", title="Software developer", title_fr="Développeur", title_ar="مطور"
    )
    cio = make_position(unit=root, role=cio_role, code="cio", status="filled")
    make_person(government=gov, name="Amina Haroun", position=cio)
    head = make_position(
        unit=ministry,
        role=cio_role,
        code="mde-head",
        title="Head of digital",
        status="vacant",
        vacant_since=datetime.date(2024, 3, 1),
        reports_to=cio,
    )
    developer = make_position(
        unit=agency,
        role=developer_role,
        code="agency-dev",
        sourcing="contract",
        vendor=make_vendor(government=gov, name="Acme Consulting"),
        status="filled",
        reports_to=head,
    )
    developer.dotted_to.add(cio)
    make_person(government=gov, name="Omar Said", position=developer)
    make_person(
        government=gov,
        name="Old Holder",
        position=developer,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2021, 6, 30),
    )
    make_position(unit=health, role=developer_role, code="health-dev", reports_to=cio)
    make_position(unit=agency, role=developer_role, code="analyst", status="approved")
    return Org(gov, root, ministry, agency, health, cio, head, developer)


class _ChartParser(HTMLParser):
    """Each node of the chart (``<li id="pos-…">``) with the node it is nested under."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str | None] = []
        self.parents: dict[str, str | None] = {}
        self.order: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "li":
            return
        code = (dict(attrs).get("id") or "").removeprefix("pos-") or None
        if code and dict(attrs).get("class") == "chart-node":
            parent = next((c for c in reversed(self.stack) if c), None)
            self.parents[code] = parent
            self.order.append(code)
        self.stack.append(code)

    def handle_endtag(self, tag: str) -> None:
        if tag == "li":
            self.stack.pop()


def _nesting(page: str) -> dict[str, str | None]:
    parser = _ChartParser()
    parser.feed(page)
    assert parser.stack == [], "every <li> is closed"
    return parser.parents


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _card(page: str, code: str) -> str:
    """The card of the node ``code``."""
    return page.split(f'id="pos-{code}">', 1)[1].split("</div>", 1)[0]


def _language(client: Client, code: str) -> None:
    client.post("/i18n/setlang/", {"language": code, "next": "/org/"})


# --- structure -------------------------------------------------------------------------------


def test_positions_nest_under_their_managers(admin_client: Client, org: Org) -> None:
    page = _page(admin_client, CHART)
    assert "<h1>Reporting lines of Republic of Testland</h1>" in page
    assert _nesting(page) == {
        "analyst": None,
        "cio": None,
        "mde-head": "cio",
        "agency-dev": "mde-head",
        "health-dev": "cio",
    }
    assert '<span aria-current="page">Reporting lines</span>' in page
    assert "5 positions" in page and "1 vacant" in page


def test_roots_come_in_code_order_and_reports_under_a_disclosure(
    admin_client: Client, org: Org
) -> None:
    page = _page(admin_client, CHART)
    assert page.index('id="pos-analyst"') < page.index('id="pos-cio"')
    cio_branch = page.split('id="pos-cio"', 1)[1]
    assert cio_branch.index("<details open><summary>2 direct reports") < cio_branch.index(
        'id="pos-health-dev"'
    )
    assert '<span class="visually-hidden"> — Chief information officer</span>' in cio_branch
    assert "<summary>1 direct report<" in page


def test_a_node_shows_role_title_unit_sourcing_and_holder(admin_client: Client, org: Org) -> None:
    page = _page(admin_client, CHART)
    head = _card(page, "mde-head")
    assert '<a href="/org/testland/positions/mde-head/">Head of digital</a>' in head
    assert '<p class="chart-meta">Chief information officer, Ministry of Digital Economy</p>' in (
        head
    )
    developer = _card(page, "agency-dev")
    assert "Software developer" in developer and "Digital Agency, Contract (Acme Consulting)" in (
        developer
    )
    assert "Held by: Omar Said" in developer and "Old Holder" not in page
    assert "Internal" not in page, "internal sourcing goes without saying"


def test_vacant_positions_are_marked_in_words(admin_client: Client, org: Org) -> None:
    page = _page(admin_client, CHART)
    head = _card(page, "mde-head")
    assert '<span class="chart-status status-vacant">Vacant</span>' in head
    assert page.count('class="chart-card is-vacant"') == 1
    assert '<span class="chart-status status-filled">Filled</span>' in _card(page, "cio")
    assert '<span class="chart-status status-approved">Approved</span>' in _card(page, "analyst")


def test_dotted_lines_are_listed_with_links(admin_client: Client, org: Org) -> None:
    developer = _card(_page(admin_client, CHART), "agency-dev")
    assert (
        'Also reports to: <a href="/org/testland/positions/cio/">Chief information officer</a>'
        " (Government of Testland)"
    ) in developer


def test_a_unit_chart_holds_its_subtree_only(admin_client: Client, org: Org) -> None:
    page = _page(admin_client, MDE_CHART)
    assert "<h1>Reporting lines of Ministry of Digital Economy</h1>" in page
    assert _nesting(page) == {"analyst": None, "mde-head": None, "agency-dev": "mde-head"}
    head = _card(page, "mde-head")
    assert (
        'Reports to, outside this chart: <a href="/org/testland/positions/cio/">'
        "Chief information officer</a> (Government of Testland)"
    ) in head
    assert "Also reports to:" in _card(page, "agency-dev"), "dotted lines may leave the unit"
    assert 'href="/org/testland/units/mde/">Ministry of Digital Economy</a>' in page
    assert "Ministry of Health" not in page


def test_the_government_and_unit_pages_link_to_their_charts(admin_client: Client, org: Org) -> None:
    assert 'href="/org/testland/chart/"' in _page(admin_client, "/org/testland/")
    assert 'href="/org/testland/units/mde/chart/"' in _page(
        admin_client, "/org/testland/units/mde/"
    )


def test_an_empty_chart_says_so(admin_client: Client, org: Org) -> None:
    page = _page(admin_client, "/org/testland/units/gov/chart/")
    assert 'id="chart"' in page
    empty = make_unit(parent=org.health, code="empty", name="Empty team")
    page = _page(admin_client, f"/org/testland/units/{empty.code}/chart/")
    assert "No position in this unit or the units under it." in page
    assert 'id="chart"' not in page and "Expand all" not in page


def test_unknown_government_or_unit_is_not_found(admin_client: Client, org: Org) -> None:
    assert admin_client.get("/org/nowhere/chart/").status_code == 404
    assert admin_client.get("/org/testland/units/nowhere/chart/").status_code == 404


# --- loops -----------------------------------------------------------------------------------


def test_a_loop_of_reporting_lines_shows_each_position_once(admin_client: Client, org: Org) -> None:
    unit = org.agency
    x = make_position(unit=unit, code="loop-x")
    y = make_position(unit=unit, code="loop-y", reports_to=x)
    z = make_position(unit=unit, code="loop-z", reports_to=y)
    make_position(unit=unit, code="loop-under", reports_to=z)
    Position.objects.filter(pk=x.pk).update(reports_to=z)  # an edit closes the loop

    page = _page(admin_client, CHART)
    nesting = _nesting(page)
    assert nesting["loop-x"] is None, "the loop is entered at its first position"
    assert nesting["loop-y"] == "loop-x" and nesting["loop-z"] == "loop-y"
    assert nesting["loop-under"] == "loop-z"
    assert page.count('id="pos-loop-x"') == 1
    assert '<a href="#pos-loop-x">' in page.split('id="pos-loop-z"', 1)[1]
    assert "Shown above: the reporting lines loop back to this position." in page
    assert "3 positions are on loops of reporting lines" in page
    assert page.count("On a loop of reporting lines.") == 3


# --- personal data and access ----------------------------------------------------------------


def test_names_need_the_personal_data_permission(org: Org, viewer_client: ViewerClient) -> None:
    page = _page(viewer_client(org.government), CHART)
    assert "Amina Haroun" not in page and "Omar Said" not in page
    assert '<p class="chart-holder">Held</p>' in _card(page, "cio")
    page = _page(viewer_client(org.government, can_see_personal_data=True), CHART)
    assert "Held by: Amina Haroun" in _card(page, "cio")


def test_a_scoped_viewer_sees_the_chart_of_their_units_only(
    org: Org, viewer_client: ViewerClient
) -> None:
    client = viewer_client(org.government, units=[org.ministry])
    assert client.get(MDE_CHART).status_code == 200
    assert client.get("/org/testland/units/agency/chart/").status_code == 200
    assert client.get("/org/testland/units/health/chart/").status_code == 403
    assert client.get(CHART).status_code == 403, "the whole government is not theirs"
    stranger = viewer_client(make_government(code="otherland"))
    assert stranger.get(CHART).status_code == 404


# --- languages -------------------------------------------------------------------------------


def test_the_chart_in_french(admin_client: Client, org: Org) -> None:
    _language(admin_client, "fr")
    page = _page(admin_client, CHART)
    assert '<html lang="fr" dir="ltr">' in page
    assert "DSI en chef" in _card(page, "cio")
    assert "Ministère de l&#x27;Économie numérique" in _card(page, "mde-head")
    assert "<summary>2 subordonnés directs" in page
    assert "Vacant" in _card(page, "mde-head") and "Tout déplier" in page


def test_the_chart_in_arabic_is_right_to_left(admin_client: Client, org: Org) -> None:
    _language(admin_client, "ar")
    page = _page(admin_client, CHART)
    assert '<html lang="ar" dir="rtl">' in page
    assert "جمهورية تستلاند" in page
    assert "مدير" in _card(page, "cio") and "وزارة الاقتصاد الرقمي" in _card(page, "mde-head")
    assert "شاغر" in _card(page, "mde-head")


# --- size ------------------------------------------------------------------------------------


def _bulk_chart(code: str, size: int, *, fan_out: int = 4) -> None:
    """A government of ``size`` positions in ten units: position i reports to (i - 1) / fan_out;
    every tenth has a dotted line to the top, every other is held."""
    gov = make_government(code=code)
    root = make_unit(government=gov, code="root")
    units = [root, *(make_unit(parent=root, code=f"u{i}") for i in range(9))]
    role = make_role(slug="bulk-role")
    positions = Position.objects.bulk_create(
        Position(
            government=gov,
            unit=units[i % len(units)],
            role=role,
            code=f"p{i:04d}",
            status="vacant" if i % 7 == 0 else "filled",
            sourcing="contract" if i % 5 == 0 else "internal",
        )
        for i in range(size)
    )
    for i, position in enumerate(positions[1:], start=1):
        position.reports_to = positions[(i - 1) // fan_out]
    Position.objects.bulk_update(positions, ["reports_to"])
    Position.dotted_to.through.objects.bulk_create(
        Position.dotted_to.through(from_position=p, to_position=positions[0])
        for p in positions[10::10]
    )
    people = Person.objects.bulk_create(
        Person(government=gov, code=f"person-{i}", name=f"Person {i}") for i in range(size // 2)
    )
    Assignment.objects.bulk_create(
        Assignment(person=person, position=positions[2 * i], start=datetime.date(2024, 1, 1))
        for i, person in enumerate(people)
    )


def _measure(client: Client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.content)


def test_queries_do_not_grow_with_the_chart(admin_client: Client) -> None:
    _bulk_chart("small", 50)
    _bulk_chart("large", 500)
    small_queries, _small = _measure(admin_client, "/org/small/chart/")
    large_queries, large_size = _measure(admin_client, "/org/large/chart/")
    assert small_queries == large_queries == SIGNED_IN + 4, (
        "the government, positions, holders, dotted"
    )
    assert large_size < 600_000
    unit_queries, _unit = _measure(admin_client, "/org/large/units/u3/chart/")
    assert unit_queries == SIGNED_IN + 5, "and the unit's ancestors"


def test_queries_do_not_grow_for_a_signed_in_viewer(viewer_client: ViewerClient) -> None:
    _bulk_chart("small", 50)
    _bulk_chart("large", 500)
    small = viewer_client(Government.objects.get(code="small"), can_see_personal_data=True)
    large = viewer_client(Government.objects.get(code="large"), can_see_personal_data=True)
    assert _measure(small, "/org/small/chart/")[0] == _measure(large, "/org/large/chart/")[0]


def test_a_long_chain_of_managers_renders_without_recursion(
    admin_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views_chart, "CARDS", 2000)  # the whole chain on one page
    _bulk_chart("chain", 1200, fan_out=1)
    page = _page(admin_client, "/org/chain/chart/")
    nesting = _nesting(page)
    assert nesting["p1199"] == "p1198" and nesting["p0000"] is None


def _under(i: int, size: int, fan_out: int = 4) -> int:
    """How many positions of ``_bulk_chart`` report to position i, directly or not."""
    children = [c for c in range(fan_out * i + 1, fan_out * i + fan_out + 1) if c < size]
    return sum(1 + _under(c, size, fan_out) for c in children)


def test_a_large_chart_shows_its_first_levels_and_links_each_branch_left_out(
    admin_client: Client,
) -> None:
    _bulk_chart("large", 500)  # levels of 1, 4, 16, 64 and 256 positions, then 159
    page = _page(admin_client, "/org/large/chart/")
    nesting = _nesting(page)
    assert len(nesting) == 1 + 4 + 16 + 64  # the fifth level would pass 300 cards
    assert "This chart is large: it shows its first 4 levels only." in page
    assert "500 positions" in page  # the count is the whole chart's
    card = page.split('id="pos-p0021">', 1)[1].split("</li>", 1)[0]  # first of the 4th level
    assert '<a href="?branch=p0021">' in card
    assert f"Open the branch: {_under(21, 500)} positions below" in card
    assert "p0085" not in nesting and "?branch=p0005" not in page  # p0005 shows its reports


def test_a_branch_shows_a_position_and_everyone_under_it(admin_client: Client) -> None:
    _bulk_chart("large", 500)
    page = _page(admin_client, "/org/large/chart/?branch=p0021")
    nesting = _nesting(page)
    assert nesting["p0021"] is None and nesting["p0085"] == "p0021"
    assert nesting["p0341"] == "p0085"
    assert len(nesting) == 1 + _under(21, 500)
    assert f"{1 + _under(21, 500)} positions" in page
    assert '<a href="/org/large/chart/">Show the whole chart</a>' in page
    assert "chart-cut" not in page


def test_an_unknown_branch_is_not_found(admin_client: Client, org: Org) -> None:
    assert admin_client.get(f"{CHART}?branch=nobody").status_code == 404
    assert admin_client.get(f"{MDE_CHART}?branch=health-dev").status_code == 404  # not in MDE


def test_many_positions_at_the_top_are_paged(
    admin_client: Client, org: Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views_chart, "CARDS", 1)  # the chart's two roots: analyst and cio
    first = _page(admin_client, CHART)
    assert list(_nesting(first)) == ["analyst"]
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    second = _page(admin_client, f"{CHART}?page=2")
    assert list(_nesting(second)) == ["cio"]
    assert "?branch=cio" in second and "Open the branch: 3 positions below" in second
