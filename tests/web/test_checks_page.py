"""The checks page of a government and the rules page: findings by principle, scores, filters
that work without JavaScript, links to subjects and rules, waivers, two languages, and a fixed
number of queries."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from digiteam.checks.rules import default_registry
from digiteam.organisation.demo import demo_load
from digiteam.organisation.models import Government, Unit
from tests.factories import make_position, make_role, make_unit
from tests.web.conftest import SIGNED_IN

pytestmark = pytest.mark.django_db

URL = "/org/djibouti/checks/"
SETTINGS = {"today": "2026-11-25"}
WAIVER = {
    "rule": "DIG603",
    "subject": "unit:mb-payroll",
    "justification": "A second vendor starts in January.",
    "expires": "2027-01-31",
}


@pytest.fixture
def demo(shipped_reference: object) -> Government:
    government = demo_load()
    assert government is not None
    government.check_config = SETTINGS
    government.save()
    return government


def _page(client: Client, url: str, **headers: str) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response.content.decode()


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _subjects(html: str) -> list[str]:
    """The subject keys of the open findings shown, in order."""
    results = html.split('id="checks-results"', 1)[-1].split('id="waived"', 1)[0]
    return re.findall(r'<code class="code">([a-z]+:[a-z0-9-]+)</code>', results)


def test_findings_are_grouped_by_principle_with_counts_and_scores(
    admin_client: Client, demo: Government
) -> None:
    html = _page(admin_client, URL)
    text = _text(html)
    assert "Overall score 89.3 / 100 Errors 14 Warnings 4 Infos 0 Waived 0" in text
    assert "Build service teams 91.7 11 12 1 0 0" in text, (
        "score, checks passed, checks, errors, warnings, infos"
    )
    assert "Overall 89.3 150 168 14 4 0" in text
    assert '<rect class="bar-fill" width="91.7" height="10">' in html
    teams = _text(html.split('id="principle-service-teams">', 1)[1].split("</section>", 1)[0])
    assert teams.startswith("Build service teams 1 error, 0 warnings, 0 infos")
    assert "Error DIG301 Service team has its core roles How to fix: Add the missing" in teams
    assert "18 open findings" in text
    assert len(_subjects(html)) == 18


def test_each_finding_links_to_its_subject_and_its_rule(
    admin_client: Client, demo: Government
) -> None:
    html = _page(admin_client, URL)
    assert '<a href="/checks/rules/#DIG601">DIG601</a>' in html
    assert '<a href="/org/djibouti/positions/payroll-po/">Product owner, Civil service' in html
    assert '<a href="/org/djibouti/units/mi-civil-status/">Civil registration team</a>' in html
    assert '<a href="/org/djibouti/">Government of Djibouti (illustrative)</a> <code' in html
    service = '<a href="/org/djibouti/units/mefi/">Online tax declaration</a> <span class="note">'
    assert service + "(the page of the unit that owns it)</span>" in html


def test_filters_by_ministry_and_severity_without_javascript(
    admin_client: Client, demo: Government
) -> None:
    html = _page(admin_client, URL + "?unit=mb")
    assert _subjects(html) == [
        "service:civil-service-payroll",  # DIG401
        "position:payroll-po",  # DIG601
        "unit:mb-payroll",  # DIG602
        "unit:mb-payroll",  # DIG603
        "service:civil-service-payroll",  # DIG704
    ]
    assert '<option value="mb" selected>Ministry of Budget</option>' in html
    assert "5 open findings shown of 18" in _text(html)
    assert "Overall 89.3 150 168 14 4 0" in _text(html), "scores stay the government's"
    warnings = _page(admin_client, URL + "?unit=mb&severity=warning")
    assert _subjects(warnings) == ["unit:mb-payroll"] * 2
    assert '<option value="warning" selected>Warning</option>' in warnings
    errors = _page(admin_client, URL + "?severity=error")
    assert len(_subjects(errors)) == 14 and "DIG106" not in errors.split('id="checks-results"')[1]
    assert _subjects(_page(admin_client, URL + "?severity=info")) == []
    assert "No open finding matches these filters." in _page(admin_client, URL + "?severity=info")


def test_a_unit_below_a_ministry_filters_its_subtree(
    admin_client: Client, demo: Government
) -> None:
    html = _page(admin_client, URL + "?unit=mi-civil-status")
    assert '<option value="mi-civil-status" selected>Civil registration team</option>' in html
    assert _subjects(html) == [
        "unit:mi-civil-status",  # DIG501
        "service:birth-certificate",  # DIG704: the unit is the service's team
    ]


def test_unknown_filter_values_show_everything(admin_client: Client, demo: Government) -> None:
    assert len(_subjects(_page(admin_client, URL + "?unit=nowhere&severity=fatal"))) == 18


def test_htmx_gets_the_results_and_the_status(admin_client: Client, demo: Government) -> None:
    html = _page(admin_client, URL + "?severity=warning", HX_Request="true")
    assert "<html" not in html and "<h1" not in html
    assert '<p id="checks-status" hx-swap-oob="innerHTML">4 open findings shown of 18' in html
    assert len(_subjects(html)) == 4


def test_waived_findings_are_shown_apart(admin_client: Client, demo: Government) -> None:
    demo.check_config = {
        **SETTINGS,
        "waivers": [
            WAIVER,
            {**WAIVER, "rule": "DIG602", "expires": "2026-01-01", "justification": "Old."},
        ],
    }
    demo.save()
    html = _page(admin_client, URL)
    waived = _text(html.split('id="waived">', 1)[1])
    assert "DIG603 Warning Civil service payroll team unit:mb-payroll" in waived
    assert "A second vendor starts in January. Jan. 31, 2027" in waived
    assert "Expired waivers" in waived and "DIG602 unit:mb-payroll : expired on Jan. 1, 2026" in (
        waived
    )
    assert "unit:mb-payroll" in _subjects(html), "DIG602 is still open"
    assert "Waived 1" in _text(html)


def test_invalid_settings_are_listed_instead_of_findings(
    admin_client: Client, demo: Government
) -> None:
    demo.check_config = {"rules": {"DIG999": {}}}
    demo.save()
    html = _page(admin_client, URL)
    assert "check settings are invalid" in html
    assert "check settings of &#x27;djibouti&#x27; rules.DIG999: unknown rule DIG999" in html


def test_an_unknown_government_is_not_found(admin_client: Client, demo: Government) -> None:
    assert admin_client.get("/org/nowhere/checks/").status_code == 404


def test_the_government_and_unit_pages_link_to_the_checks(
    admin_client: Client, demo: Government
) -> None:
    assert f'<a href="{URL}">' in _page(admin_client, "/org/djibouti/")
    assert f'<a href="{URL}?unit=mb">' in _page(admin_client, "/org/djibouti/units/mb/")


def test_the_page_is_translated(admin_client: Client, demo: Government) -> None:
    french = _page(admin_client, URL, Accept_Language="fr")
    assert "Constituer des équipes de service" in french
    assert '<html lang="fr"' in french
    assert '<td lang="en" dir="ltr">' in french, "the engine's English is marked as English"
    arabic = _page(admin_client, URL, Accept_Language="ar")
    assert 'dir="rtl"' in arabic and '<td lang="en" dir="ltr">' in arabic
    assert "وزارة الميزانية" in arabic, "ministries by their Arabic name in the filter"


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_the_organisation(
    admin_client: Client, demo: Government
) -> None:
    before = _queries(admin_client, URL + "?unit=mb")
    ministry = Unit.objects.get(government=demo, code="mb")
    role = make_role(slug="software-developer")
    for i in range(15):
        team = make_unit(parent=ministry, kind="team", code=f"extra-{i}")
        for _ in range(4):
            make_position(unit=team, role=role)
    assert _queries(admin_client, URL + "?unit=mb") == before == SIGNED_IN + 11


def test_the_rules_page_has_an_anchor_and_a_fix_per_rule(client: Client) -> None:
    html = _page(client, "/checks/rules/")
    for rule in default_registry():
        assert f'<h3 id="{rule.code}">{rule.code} ' in html
        assert f'href="#{rule.code}"' in html
    assert "How to fix" in html and "Why it matters" in html
    assert "<table>\n      <caption>Parameters of DIG602</caption>" in html
    assert '<h2 id="scores">Scores</h2>' in html


def test_the_rules_page_is_translated(client: Client) -> None:
    french = _page(client, "/checks/rules/", Accept_Language="fr")
    assert '<html lang="fr"' in french
    assert "Comment corriger" in french
    assert '<dd lang="en" dir="ltr">' in french


def test_every_principle_of_the_engine_has_a_translatable_title() -> None:
    from digiteam.checks.engine import PRINCIPLES
    from digiteam.web.templatetags.digiteam_checks import PRINCIPLE_TITLES

    assert {slug: str(title) for slug, title in PRINCIPLE_TITLES.items()} == {
        p.slug: p.title for p in PRINCIPLES
    }
