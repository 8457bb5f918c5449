"""The dashboard in a real browser, with the shipped reference data and the demo organisation:
accessible in English and Arabic, the bars growing the reading way."""

from __future__ import annotations

from typing import Any

import pytest

from digiteam.organisation.demo import demo_load
from digiteam.reference import reference_load
from tests.browser.conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DASHBOARD = "/org/djibouti/dashboard/"


@pytest.fixture
def site(live_server: Any) -> str:
    reference_load()
    demo_load()
    return str(live_server.url)


def _set_language(page: Any, site: str, code: str) -> None:
    page.goto(f"{site}/org/")
    page.select_option("#language-select", code)
    page.locator(".language button").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_dashboard_has_no_axe_violations(page: Any, site: str, language: str) -> None:
    _set_language(page, site, language)
    page.goto(site + "/")
    assert page.url == site + DASHBOARD, "the only government's dashboard is the home page"
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator(".banner").count() == 1, "the illustrative-data banner"
    assert page.locator(".dash-chart").count() >= 5
    assert axe_violations(page) == []
    screenshot(page, f"dashboard-{language}")


def test_bars_grow_the_reading_way(page: Any, site: str) -> None:
    """Left to right in English, right to left in Arabic: a bar starts beside its label."""
    widths = {}
    for language in ["en", "ar"]:
        _set_language(page, site, language)
        page.goto(site + DASHBOARD)
        track = page.locator(".dash-bar-track svg").first.bounding_box()
        bar = page.locator(".dash-bar-track rect").first.bounding_box()
        label = page.locator(".dash-bar-label").first.bounding_box()
        if language == "en":
            assert label["x"] < track["x"] and abs(bar["x"] - track["x"]) <= 2
        else:
            assert label["x"] > track["x"]
            assert abs((bar["x"] + bar["width"]) - (track["x"] + track["width"])) <= 2
        widths[language] = bar["width"] / track["width"]
    assert widths["en"] == pytest.approx(widths["ar"], abs=0.01)
