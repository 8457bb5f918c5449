"""The organisation pages: governments, the unit tree, a unit and a position."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from digiteam.compositions.models import Function, RoleSlot, Template
from digiteam.core.choices import ProvenanceSource
from digiteam.organisation.models import DigitalService, Government, Position, Unit
from tests.factories import (
    build_testland,
    make_government,
    make_person,
    make_position,
    make_role,
    make_unit,
    make_vendor,
)
from tests.web.conftest import SIGNED_IN

pytestmark = pytest.mark.django_db

BANNER = "Illustrative data: people, vendors and costs are invented."


@dataclass
class Org:
    government: Government
    root: Unit
    ministry: Unit
    agency: Unit
    team: Unit
    health: Unit
    head: Position
    developer: Position


@pytest.fixture
def org() -> Org:
    """Testland: a government unit over two ministries, one with an agency and a team."""
    land = build_testland(country="DJ", currency="DJF", illustrative=True)
    gov, root, ministry, agency, health = (
        land.government,
        land.root,
        land.ministry,
        land.agency,
        land.health,
    )
    team = make_unit(parent=agency, code="platform", kind="team", name="Platform Team")

    cio = make_role(slug="cio", title="Chief information officer", title_fr="DSI en chef")
    developer_role = make_role(slug="developer", title="Software developer", title_fr="Développeur")
    cio_position = make_position(
        unit=root, role=cio, code="cio", status="filled", annual_cost="120000"
    )
    make_person(government=gov, name="Amina Haroun", position=cio_position)
    head = make_position(
        unit=ministry,
        role=cio,
        code="mde-head",
        title="Head of digital",
        status="vacant",
        vacant_since=datetime.date(2024, 3, 1),
        annual_cost="90000",
        reports_to=cio_position,
        spend_control=True,
        technical_decisions=True,
    )
    developer = make_position(
        unit=agency,
        role=developer_role,
        code="agency-dev",
        sourcing="contract",
        vendor=make_vendor(government=gov, name="Acme Consulting"),
        fte="0.5",
        grade="P3",
        status="filled",
        annual_cost="50000.50",
        reports_to=head,
    )
    developer.dotted_to.add(cio_position)
    make_person(government=gov, name="Omar Said", position=developer)
    make_person(
        government=gov,
        name="Old Holder",
        position=developer,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2021, 6, 30),
    )
    make_position(unit=team, role=developer_role, sourcing="consultant", status="vacant")
    make_position(unit=team, role=developer_role, annual_cost="1000000")
    make_position(unit=health, role=developer_role, status="approved", annual_cost="40000")
    DigitalService.objects.create(
        government=gov, code="eservices", name="E-services portal", owner=ministry, team=agency
    )
    template = Template.objects.create(
        slug="djibouti", name="Djibouti team", provenance_source=ProvenanceSource.COMPOSITION
    )
    function = Function.objects.create(template=template, slug="build", name="Build and run")
    slot = RoleSlot.objects.create(function=function, role=developer_role, sourcing=["contract"])
    Position.objects.filter(pk=developer.pk).update(slot=slot)
    return Org(gov, root, ministry, agency, team, health, head, developer)


def _page(client: Client, url: str, **headers: str) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response.content.decode()


def _language(client: Client, code: str) -> None:
    client.post("/i18n/setlang/", {"language": code, "next": "/org/"})


# --- governments ---------------------------------------------------------------------------


def test_governments_list_names_counts_and_illustrative_badge(
    admin_client: Client, org: Org
) -> None:
    make_government(code="plain", name="Plainland")
    page = _page(admin_client, "/org/")
    assert 'href="/org/testland/">Republic of Testland</a>' in page
    assert '<span class="badge">Illustrative data</span>' in page
    assert page.count("badge") == 1
    assert "<td>DJ</td>" in page
    assert '<td class="num">5</td>' in page and '<td class="num">6</td>' in page
    assert 'href="/org/plain/">Plainland</a>' in page
    assert 'aria-current="page">Organisation</a>' in page


# --- the unit tree ---------------------------------------------------------------------------


def test_tree_shows_the_top_levels_with_lazy_toggles(admin_client: Client, org: Org) -> None:
    page = _page(admin_client, "/org/testland/")
    assert BANNER in page
    assert "<h1>Republic of Testland</h1>" in page
    assert "Government of Testland" in page and "Ministry of Health" in page
    assert "Digital Agency" not in page, "the third level loads on demand"
    toggle = (
        '<a class="tree-toggle" href="/org/testland/units/mde/" '
        'data-children="/org/testland/units/mde/children/" data-controls="sub-mde" '
        'data-expanded="false">'
    )
    assert toggle in page
    assert '<ul class="tree" id="sub-mde" hidden></ul>' in page
    assert "Sub-units of Ministry of Digital Economy" in page
    assert 'data-controls="sub-health"' not in page, "a unit without children has no toggle"


def _tree_row(page: str, code: str) -> str:
    """The row of the tree naming the unit ``code``: its link, kind and counts."""
    start = f'class="tree-name" href="/org/testland/units/{code}/">'
    return page.split(start, 1)[1].split("</div>", 1)[0]


def test_tree_counts_positions_and_vacancies_of_each_subtree(
    admin_client: Client, org: Org
) -> None:
    page = _page(admin_client, "/org/testland/")
    root = _tree_row(page, "gov")
    assert "6 positions" in root and "2 vacant" in root
    ministry = _tree_row(page, "mde")
    assert "4 positions" in ministry and "2 vacant" in ministry
    health = _tree_row(page, "health")
    assert "1 position" in health and "vacant" not in health


def test_children_fragment_is_a_list_of_the_units_children(admin_client: Client, org: Org) -> None:
    fragment = _page(admin_client, "/org/testland/units/mde/children/", HX_Request="true")
    assert fragment.startswith('<ul class="tree" id="sub-mde">')
    assert "<html" not in fragment
    assert (
        "Digital Agency" in fragment and '3 positions <span class="vacant">(1 vacant)' in fragment
    )
    assert 'data-children="/org/testland/units/agency/children/"' in fragment
    assert "Platform Team" not in fragment
    leaf = _page(admin_client, "/org/testland/units/agency/children/")
    assert "Platform Team" in leaf and "2 positions" in leaf and "tree-toggle" not in leaf


@pytest.mark.parametrize("query", ["agency", "agence du", "الوكالة", "DIGITAL agen"])
def test_search_finds_units_in_any_language_with_their_ancestors(
    admin_client: Client, org: Org, query: str
) -> None:
    page = _page(admin_client, f"/org/testland/?q={query}")
    assert '<a href="/org/testland/units/agency/">Digital Agency</a>' in page
    trail = page.split('<ol class="trail">', 1)[1].split("</ol>", 1)[0]
    assert trail == "<li>Government of Testland</li><li>Ministry of Digital Economy</li>"
    assert "1 unit matches" in page
    assert "Ministry of Health" not in page


def test_search_without_match_and_htmx_partial(admin_client: Client, org: Org) -> None:
    assert "No unit matches your search." in _page(admin_client, "/org/testland/?q=astronaut")
    partial = _page(admin_client, "/org/testland/?q=ministry", HX_Request="true")
    assert "<html" not in partial
    assert '<p id="search-status" hx-swap-oob="innerHTML">2 units match</p>' in partial
    assert "Ministry of Health" in partial and "Ministry of Digital Economy" in partial


# --- a unit ----------------------------------------------------------------------------------


def test_unit_page_shows_breadcrumb_facts_children_and_services(
    admin_client: Client, org: Org
) -> None:
    page = _page(admin_client, "/org/testland/units/agency/")
    assert BANNER in page
    assert "<h1>Digital Agency</h1>" in page
    crumbs = page.split('<ol class="breadcrumb">', 1)[1].split("</ol>", 1)[0]
    for link in [
        'href="/org/">Organisation',
        'href="/org/testland/">Republic of Testland',
        'href="/org/testland/units/gov/">Government of Testland',
        'href="/org/testland/units/mde/">Ministry of Digital Economy',
        '<span aria-current="page">Digital Agency</span>',
    ]:
        assert link in crumbs
    assert "<dd>Agency</dd>" in page
    assert "Platform Team" in page
    delivered = page.split("Delivered by this unit", 1)[1]
    assert "E-services portal" in delivered and "owned by Ministry of Digital Economy" in delivered
    ministry = _page(admin_client, "/org/testland/units/mde/")
    assert "<li>digital</li><li>economy</li>" in ministry
    owned = ministry.split("Owned by this unit", 1)[1].split("Delivered by this unit", 1)[0]
    assert "E-services portal" in owned and "delivered by Digital Agency" in owned


def test_unit_page_lists_positions_with_current_holders_only(
    admin_client: Client, org: Org
) -> None:
    page = _page(admin_client, "/org/testland/units/agency/")
    table = page.split('id="positions"', 1)[1]
    assert '<a href="/org/testland/positions/agency-dev/">Software developer</a>' in table
    assert "Contract" in table and "0.5" in table and "Filled" in table
    assert "Omar Said" in table and "Old Holder" not in table
    ministry = _page(admin_client, "/org/testland/units/mde/").split('id="positions"', 1)[1]
    assert "Head of digital" in ministry and "Vacant" in ministry
    assert '<time datetime="2024-03-01">March 1, 2024</time>' in ministry


def test_unit_summary_totals_the_subtree(admin_client: Client, org: Org) -> None:
    page = _page(admin_client, "/org/testland/units/mde/")
    figures = page.split('<dl class="figures">', 1)[1].split("</dl>", 1)[0]
    assert "<dd>4</dd>" in figures and "<dd>3.5</dd>" in figures and "<dd>2</dd>" in figures
    assert "<dd>1,140,000.50 DJF</dd>" in figures
    assert "1 position has no cost recorded" in page
    table = page.split("<caption>Positions by sourcing", 1)[1].split("</table>", 1)[0]
    assert "Annual cost (DJF)" in table
    rows = [r.split("</tr>")[0] for r in table.split("<tr>")[2:]]
    assert rows[0].startswith('<th scope="row">Internal</th>') and "1,090,000" in rows[0]
    assert rows[1].startswith('<th scope="row">Contract</th>') and "50,000.50" in rows[1]
    assert rows[2].startswith('<th scope="row">External consultant</th>')
    assert rows[3].startswith('<th scope="row">Total</th>') and "1,140,000.50" in rows[3]


# --- a position ------------------------------------------------------------------------------


def test_position_page_shows_facts_links_and_assignments(admin_client: Client, org: Org) -> None:
    page = _page(admin_client, "/org/testland/positions/agency-dev/")
    assert BANNER in page
    assert '<a href="/taxonomy/developer/">Software developer</a>' in page
    assert '<a href="/org/testland/units/agency/">Digital Agency</a>' in page
    assert "Acme Consulting" in page and "P3" in page and "50,000.50 DJF" in page
    assert '<a href="/org/testland/positions/mde-head/">Head of digital</a>' in page
    dotted = page.split("Dotted lines to", 1)[1].split("Dotted lines from", 1)[0]
    assert '<a href="/org/testland/positions/cio/">Chief information officer</a>' in dotted
    assert "Build and run, in the template “Djibouti team”" in page
    assignments = page.split('id="assignments"', 1)[1]
    assert "Omar Said" in assignments and "ongoing" in assignments
    assert "Old Holder" in assignments and '<time datetime="2021-06-30">June 30, 2021</time>' in (
        assignments
    )


def test_position_page_shows_reports_and_decision_rights(admin_client: Client, org: Org) -> None:
    page = _page(admin_client, "/org/testland/positions/mde-head/")
    assert "<h1>Head of digital</h1>" in page
    assert "<dd>Spend control, Technical decisions</dd>" in page
    reports = page.split("Reports to this position", 1)[1].split("Dotted lines to", 1)[0]
    assert '<a href="/org/testland/positions/agency-dev/">Software developer</a>' in reports
    assert "not sized from a template" in page
    cio = _page(admin_client, "/org/testland/positions/cio/")
    assert "Dotted lines from" in cio
    assert "agency-dev" in cio.split("Dotted lines from", 1)[1]


# --- languages, banner, 404 ------------------------------------------------------------------


def test_pages_in_french_use_french_names_and_numbers(admin_client: Client, org: Org) -> None:
    _language(admin_client, "fr")
    tree = _page(admin_client, "/org/testland/")
    assert '<html lang="fr" dir="ltr">' in tree
    assert "<h1>République de Testland</h1>" in tree
    assert "Ministère de l&#x27;Économie numérique" in tree
    unit = _page(admin_client, "/org/testland/units/mde/")
    assert "Agence du numérique" in unit
    assert "1\xa0140\xa0000,50 DJF" in unit
    assert "DSI en chef" in _page(admin_client, "/org/testland/positions/agency-dev/")


def test_pages_in_arabic_are_right_to_left(admin_client: Client, org: Org) -> None:
    _language(admin_client, "ar")
    for url in ["/org/", "/org/testland/", "/org/testland/units/mde/"]:
        page = _page(admin_client, url)
        assert '<html lang="ar" dir="rtl">' in page
    assert "وزارة الاقتصاد الرقمي" in page and "الوكالة الرقمية" in page
    assert "1.140.000,50 DJF" in page, "amounts are grouped in Arabic too"
    assert '4 وظائف <span class="vacant">(2 شاغران)</span>' in _page(admin_client, "/org/testland/")


def test_banner_only_for_illustrative_governments(admin_client: Client, org: Org) -> None:
    for url in ["/org/", "/org/testland/units/gov/", "/org/testland/positions/cio/"]:
        assert BANNER in _page(admin_client, url)
    Government.objects.filter(pk=org.government.pk).update(illustrative=False)
    for url in ["/org/", "/org/testland/", "/org/testland/units/gov/"]:
        assert BANNER not in _page(admin_client, url)


@pytest.mark.parametrize(
    "url",
    [
        "/org/nowhere/",
        "/org/nowhere/units/gov/",
        "/org/testland/units/nothing/",
        "/org/testland/units/nothing/children/",
        "/org/testland/positions/nobody/",
        "/org/other/units/gov/",
        "/org/other/positions/cio/",
    ],
)
def test_unknown_codes_are_404(admin_client: Client, org: Org, url: str) -> None:
    make_government(code="other", name="Otherland")
    assert admin_client.get(url).status_code == 404


# --- queries do not grow with the organisation -----------------------------------------------


def _organisation_of(size: int) -> Government:
    """``size`` units: a root, ministries under it, teams under them, two positions each."""
    gov = make_government(code=f"size-{size}", currency="EUR")
    role = make_role(slug="analyst")
    root = make_unit(government=gov, code="root", kind="government")
    ministries = [make_unit(parent=root, kind="ministry") for _ in range(max(1, size // 5))]
    units = [root, *ministries]
    while len(units) < size:
        units.append(make_unit(parent=ministries[len(units) % len(ministries)], kind="team"))
    for unit in units:
        filled = make_position(unit=unit, role=role, status="filled", annual_cost="1000")
        make_person(government=gov, position=filled)
        make_position(unit=root, role=role, status="vacant", reports_to=filled)
        DigitalService.objects.create(
            government=gov, code=f"svc-{unit.pk}", name="Service", owner=root, team=unit
        )
    return gov


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/org/", SIGNED_IN + 2),  # an administrator's governments, then the list
        ("/", SIGNED_IN + 3),
        ("/?q=unit", SIGNED_IN + 3),
        ("/units/root/children/", SIGNED_IN + 3),
        ("/units/root/", SIGNED_IN + 6),  # a root has no ancestors to look up
        ("/units/{ministry}/", SIGNED_IN + 7),
        ("/positions/{position}/", SIGNED_IN + 6),
    ],
)
def test_queries_per_page_do_not_grow_with_the_organisation(
    admin_client: Client, path: str, expected: int
) -> None:
    counts = []
    for size in (5, 50):
        gov = _organisation_of(size)
        ministry = Unit.objects.filter(government=gov, kind="ministry").earliest("pk")
        position = Position.objects.filter(unit__parent=ministry, status="filled").first()
        assert position is not None
        url = path if path.startswith("/org/") else f"/org/{gov.code}{path}"
        counts.append(
            _queries(admin_client, url.format(ministry=ministry.code, position=position.code))
        )
    assert counts == [expected, expected]
