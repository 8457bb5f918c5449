"""The checks pages in a real browser: accessible in English, French and Arabic, filters that
work with and without JavaScript, and score bars as long as their scores."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from digiteam.organisation.demo import demo_load
from tests.browser.conftest import axe_violations, screenshot, signed_in_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHECKS = "/org/djibouti/checks/"
RULES = "/checks/rules/"


@pytest.fixture
def site(live_server: Any, shipped_reference: object) -> str:
    government = demo_load()
    assert government is not None
    government.check_config = {"today": "2026-11-25"}
    government.save()
    return str(live_server.url)


def _set_language(page: Any, site: str, code: str) -> None:
    page.goto(f"{site}/org/")
    page.select_option("#language-select", code)
    page.locator(".language button").click()
    page.wait_for_load_state()


def _subjects(page: Any) -> list[str]:
    return [c.strip() for c in page.locator("#checks-results tbody code.code").all_inner_texts()]


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_checks_and_rules_pages_have_no_axe_violations(page: Any, site: str, language: str) -> None:
    _set_language(page, site, language)
    for path in [CHECKS, CHECKS + "?unit=mb&severity=warning", RULES]:
        page.goto(site + path)
        assert page.locator("html").get_attribute("lang") == language
        assert axe_violations(page) == [], path
        name = path.strip("/").replace("/", "-").replace("?", "-").replace("&", "-")
        screenshot(page, f"{language}-{name}")


def test_filters_work_without_javascript(browser: Any, live_server: Any, site: str) -> None:
    context = signed_in_context(browser, live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto(site + CHECKS)
    page.select_option("#filter-unit", "mb")
    page.select_option("#filter-severity", "warning")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/org/djibouti/checks/?unit=mb&severity=warning")
    assert _subjects(page) == ["unit:mb-payroll"] * 2
    expect(page.locator("#checks-status")).to_have_text("2 open findings shown of 18")
    context.close()


def test_a_filter_change_updates_the_findings_in_place(page: Any, site: str) -> None:
    page.goto(site + CHECKS)
    assert len(_subjects(page)) == 18
    page.locator("#filter-unit").focus()
    page.select_option("#filter-unit", "mi")
    page.wait_for_url("**unit=mi**")
    expect(page.locator("#checks-status")).to_have_text("2 open findings shown of 18")
    assert _subjects(page) == [
        "unit:mi-civil-status",
        "service:birth-certificate",
    ]
    expect(page.locator("#filter-unit")).to_be_focused()  # the swap leaves the focus alone
    expect(page.locator("h1")).to_have_count(1)


def test_a_bar_is_as_long_as_its_score_and_starts_on_the_reading_side(page: Any, site: str) -> None:
    for language in ["en", "ar"]:
        _set_language(page, site, language)
        page.goto(site + CHECKS)
        row = page.locator("table.scores tbody tr").nth(2)  # service teams: 91.7
        bar = row.locator(".bar").bounding_box()
        fill = row.locator(".bar-fill").bounding_box()
        assert fill["width"] == pytest.approx(0.917 * (bar["width"] - 2), abs=1.5)
        if language == "ar":
            assert fill["x"] + fill["width"] == pytest.approx(bar["x"] + bar["width"] - 1, abs=1.5)
        else:
            assert fill["x"] == pytest.approx(bar["x"] + 1, abs=1.5)
