"""The organisation pages in a real browser: keyboard-operable tree, accessible in English and
Arabic, usable without JavaScript."""

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

TREE = "/org/testland/"
PAGES = [TREE, "/org/testland/units/mde/", "/org/testland/positions/agency-dev/"]


@pytest.fixture
def site(live_server: Any) -> str:
    gov = make_government(
        code="testland",
        name="Republic of Testland",
        name_ar="جمهورية تستلاند",
        currency="DJF",
        illustrative=True,
    )
    root = make_unit(government=gov, code="gov", kind="government", name="Government of Testland")
    ministry = make_unit(
        parent=root,
        code="mde",
        kind="ministry",
        name="Ministry of Digital Economy",
        name_ar="وزارة الاقتصاد الرقمي",
        tags=["digital"],
    )
    agency = make_unit(
        parent=ministry,
        code="agency",
        kind="agency",
        name="Digital Agency",
        name_ar="الوكالة الرقمية",
    )
    make_unit(parent=agency, code="platform", kind="team", name="Platform Team")
    make_unit(parent=root, code="health", kind="ministry", name="Ministry of Health")
    role = make_role(slug="developer", title="Software developer", title_ar="مطور برمجيات")
    head = make_position(
        unit=ministry,
        role=role,
        code="mde-head",
        title="Head of digital",
        status="vacant",
        vacant_since=datetime.date(2024, 3, 1),
        annual_cost="90000",
    )
    developer = make_position(
        unit=agency,
        role=role,
        code="agency-dev",
        sourcing="contract",
        vendor=make_vendor(government=gov),
        fte="0.5",
        status="filled",
        annual_cost="1250000.50",
        reports_to=head,
    )
    make_person(government=gov, name="Omar Said", position=developer)
    return str(live_server.url)


def _set_language(page: Any, site: str, code: str) -> None:
    page.goto(f"{site}/org/")
    page.select_option("#language-select", code)
    page.locator(".language button").click()
    page.wait_for_load_state()


def _tab_to(page: Any, selector: str, limit: int = 40) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_unit_expands_and_collapses_with_the_keyboard(page: Any, site: str) -> None:
    page.goto(site + TREE)
    toggle = page.locator('button.tree-toggle[aria-controls="sub-mde"]')
    children = page.locator("#sub-mde")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(children).to_be_hidden()

    _tab_to(page, 'button[aria-controls="sub-mde"]')
    page.keyboard.press("Enter")
    expect(children.locator(".tree-name", has_text="Digital Agency")).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(toggle).to_be_focused()
    expect(page.locator('button.tree-toggle[aria-controls="sub-agency"]')).to_have_count(1)
    screenshot(page, "org-tree-expanded")
    assert axe_violations(page) == []

    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(children).to_be_hidden()
    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(children).to_be_visible()


def test_without_javascript_the_toggle_leads_to_the_unit_page(
    browser: Any, live_server: Any, site: str
) -> None:
    context = signed_in_context(browser, live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto(site + TREE)
    page.locator('a.tree-toggle[data-controls="sub-mde"]').click()
    page.wait_for_url("**/org/testland/units/mde/")
    assert "Digital Agency" in page.locator("#sub-units ~ ul.tree").inner_text()
    context.close()


def test_search_filters_as_you_type(page: Any, site: str) -> None:
    page.goto(site + TREE)
    page.fill("#unit-q", "agency")
    page.wait_for_url("**q=agency**")
    page.locator("#search-status").get_by_text("1 unit matches").wait_for()
    results = page.locator("#org-results").inner_text()
    assert "Digital Agency" in results and "Ministry of Digital Economy" in results
    assert "Ministry of Health" not in results


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_org_pages_have_no_axe_violations(page: Any, site: str, language: str) -> None:
    _set_language(page, site, language)
    for path in ["/org/", *PAGES]:
        page.goto(site + path)
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator(".banner").count() == 1, "the illustrative-data banner"
        assert axe_violations(page) == [], path
        name = path.strip("/").replace("/", "-")
        screenshot(page, f"{language}-{name}")


def test_arabic_tree_is_right_to_left(page: Any, site: str) -> None:
    _set_language(page, site, "ar")
    page.goto(site + TREE)
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator('button[aria-controls="sub-mde"]').click()
    expect(page.locator("#sub-mde .tree-name", has_text="الوكالة الرقمية")).to_be_visible()
    nested = page.locator("#sub-mde").bounding_box()
    parent = page.locator("#org-results > ul.tree").bounding_box()
    assert nested["x"] + nested["width"] < parent["x"] + parent["width"], "indented from the right"
    screenshot(page, "ar-org-tree-expanded")
