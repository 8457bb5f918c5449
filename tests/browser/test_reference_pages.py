"""The reference pages in a real browser: accessible, keyboard-usable, right-to-left in Arabic."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/taxonomy/", "/taxonomy/chief-information-officer/", "/templates/"]


@pytest.fixture
def site(live_server: Any) -> str:
    from digiteam.reference import reference_load

    reference_load()
    return str(live_server.url)


def _set_language(page: Any, site: str, code: str) -> None:
    page.goto(f"{site}/taxonomy/")
    page.select_option("#language-select", code)
    page.get_by_role("button", name="Change").or_(page.locator(".language button")).first.click()


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_main_pages_have_no_axe_violations(page: Any, site: str, language: str) -> None:
    _set_language(page, site, language)
    for path in PAGES:
        page.goto(site + path)
        assert page.locator("html").get_attribute("lang") == language
        assert axe_violations(page) == [], path
        screenshot(page, f"{language}-{path.strip('/').replace('/', '-')}")


def test_arabic_is_laid_out_right_to_left(page: Any, site: str) -> None:
    _set_language(page, site, "ar")
    page.goto(f"{site}/templates/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('main')).direction") == "rtl"


def test_search_filters_as_you_type(page: Any, site: str) -> None:
    page.goto(f"{site}/taxonomy/")
    page.fill("#q", "security")
    page.wait_for_url("**q=security**")
    results = page.locator("#results")
    assert "Chief information security officer (CISO)" in results.inner_text()
    assert "Government minister" not in results.inner_text()


def test_keyboard_reaches_the_skip_link_first(page: Any, site: str) -> None:
    page.goto(f"{site}/taxonomy/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
