"""The history pages of the demo government in a real browser: a change made in the demo shows
with its author, in English and Arabic, with no accessibility violation."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from digiteam.audit.models import ChangeSet
from digiteam.organisation.demo import demo_load
from digiteam.reference import reference_load
from tests.browser.conftest import axe_violations, screenshot
from tests.browser.test_positions import _set_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOV = "/org/djibouti"
POSITION = GOV + "/positions/tax-dev-1/"
HISTORY = GOV + "/history/position/tax-dev-1/"
CHANGES = GOV + "/changes/"


@pytest.fixture
def site(live_server: Any) -> str:
    reference_load()
    demo_load()
    return str(live_server.url)


def test_a_change_made_in_the_demo_shows_in_its_history_with_its_author(
    page: Any, site: str
) -> None:
    page.goto(site + POSITION + "edit/")
    page.fill("#id_title", "Lead tax developer")
    page.locator("form.edit-form button[type=submit]").click()
    page.goto(site + POSITION)
    page.get_by_role("link", name="Every change to this position").click()
    author = ChangeSet.objects.exclude(username="").latest("at").username
    main = page.locator("main")
    expect(main).to_contain_text("Lead tax developer")
    expect(main).to_contain_text(author)
    expect(main.locator("ins", has_text="Lead tax developer")).to_be_visible()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_history_pages_have_no_axe_violations(page: Any, site: str, language: str) -> None:
    page.goto(site + POSITION + "edit/")
    page.fill("#id_title", "Lead tax developer")
    page.locator("form.edit-form button[type=submit]").click()
    _set_language(page, site, language)
    change_set = ChangeSet.objects.latest("at")
    for path in (HISTORY, CHANGES, f"{CHANGES}?set={change_set.pk}", GOV + "/history/unit/mefi/"):
        page.goto(site + path)
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert axe_violations(page) == [], path
        screenshot(page, f"{language}-history-{path.strip('/').split('/')[-2]}")
