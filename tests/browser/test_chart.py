"""The org chart in a real browser: native disclosures operable by keyboard, accessible in
English and Arabic, right to left in Arabic, and printed whole."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, screenshot, signed_in_context
from tests.factories import (
    make_government,
    make_person,
    make_position,
    make_role,
    make_unit,
    make_vendor,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHART = "/org/testland/chart/"


@pytest.fixture
def site(live_server: Any) -> str:
    gov = make_government(
        code="testland",
        name="Republic of Testland",
        name_ar="جمهورية تستلاند",
        illustrative=True,
    )
    root = make_unit(
        government=gov,
        code="gov",
        kind="government",
        name="Government of Testland",
        name_ar="حكومة تستلاند",
    )
    ministry = make_unit(
        parent=root,
        code="mde",
        kind="ministry",
        name="Ministry of Digital Economy",
        name_ar="وزارة الاقتصاد الرقمي",
    )
    agency = make_unit(
        parent=ministry, code="agency", kind="agency", name="Digital Agency", name_ar="الوكالة"
    )
    health = make_unit(
        parent=root, code="health", kind="ministry", name="Ministry of Health", name_ar="الصحة"
    )
    cio_role = make_role(slug="cio", title="Chief information officer", title_ar="مدير المعلومات")
    developer_role = make_role(slug="developer", title="Software developer", title_ar="مطور")
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
        vendor=make_vendor(government=gov),
        status="filled",
        reports_to=head,
    )
    developer.dotted_to.add(cio)
    make_person(government=gov, name="Omar Said", position=developer)
    for i in range(3):
        make_position(unit=health, role=developer_role, code=f"health-{i}", reports_to=cio)
    return str(live_server.url)


def _set_language(page: Any, site: str, code: str) -> None:
    page.goto(f"{site}/org/")
    page.select_option("#language-select", code)
    page.locator(".language button").click()
    page.wait_for_load_state()


def _tab_to(page: Any, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_chart_has_no_axe_violations(page: Any, site: str, language: str) -> None:
    _set_language(page, site, language)
    page.goto(site + CHART)
    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator("#pos-agency-dev .chart-card")).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, f"chart-{language}")
    page.locator("[data-chart-toggle=close]").click()
    assert axe_violations(page) == [], "collapsed"


def test_a_branch_opens_and_closes_with_enter_and_space(page: Any, site: str) -> None:
    page.goto(site + CHART)
    branch = page.locator("#pos-cio > details")
    summary = branch.locator("> summary")
    report = page.locator("#pos-health-0 .chart-card")
    expect(report).to_be_visible()

    _tab_to(page, "#pos-cio > details > summary")
    page.keyboard.press("Enter")
    expect(branch).not_to_have_attribute("open", "")
    expect(report).to_be_hidden()
    expect(summary).to_be_focused()
    page.keyboard.press("Space")
    expect(branch).to_have_attribute("open", "")
    expect(report).to_be_visible()


def test_expand_all_and_collapse_all(page: Any, site: str) -> None:
    page.goto(site + CHART)
    expect(page.locator(".chart-actions")).to_be_visible()
    page.get_by_role("button", name="Collapse all").click()
    expect(page.locator("#chart details[open]")).to_have_count(0)
    expect(page.locator("[data-chart-status]")).to_have_text("Every branch is collapsed.")
    expect(page.locator("#pos-mde-head > .chart-card")).to_be_hidden()
    page.get_by_role("button", name="Expand all").click()
    expect(page.locator("#chart details:not([open])")).to_have_count(0)
    expect(page.locator("#pos-agency-dev .chart-card")).to_be_visible()


def test_without_javascript_branches_still_toggle(
    browser: Any, live_server: Any, site: str
) -> None:
    context = signed_in_context(browser, live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto(site + CHART)
    expect(page.locator(".chart-actions")).to_be_hidden()
    page.locator("#pos-cio > details > summary").click()
    expect(page.locator("#pos-health-0 .chart-card")).to_be_hidden()
    context.close()


def test_print_shows_every_node_without_the_page_furniture(page: Any, site: str) -> None:
    page.goto(site + CHART)
    page.get_by_role("button", name="Collapse all").click()
    expect(page.locator("#pos-agency-dev .chart-card")).to_be_hidden()
    page.emulate_media(media="print")
    cards = page.locator("#chart .chart-card")
    assert cards.count() == 6
    for i in range(cards.count()):
        expect(cards.nth(i)).to_be_visible()
    for hidden in [".site-header", ".chart-actions", "#chart summary >> nth=0"]:
        expect(page.locator(hidden)).to_be_hidden()
    assert page.locator(".chart-card >> nth=0").evaluate(
        "(e) => getComputedStyle(e).breakInside"
    ) == ("avoid")
    screenshot(page, "chart-print")


def _box(page: Any, selector: str) -> dict[str, float]:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return dict(box)


def test_arabic_chart_is_right_to_left_with_mirrored_connectors(page: Any, site: str) -> None:
    _set_language(page, site, "ar")
    page.goto(site + CHART)
    assert page.locator("html").get_attribute("dir") == "rtl"
    manager = _box(page, "#pos-cio > .chart-card")
    report = _box(page, "#pos-mde-head > .chart-card")
    assert report["x"] + report["width"] < manager["x"] + manager["width"], (
        "indented from the right"
    )
    elbow = page.locator("#pos-mde-head").evaluate(
        "(e) => { const s = getComputedStyle(e, '::after');"
        " return [s.right, s.left, s.borderTopWidth]; }"
    )
    assert elbow[0] == "0px" and elbow[2] == "2px", "the connector starts on the right"
