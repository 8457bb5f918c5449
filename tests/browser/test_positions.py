"""The position pages of the demo government in a real browser, as an administrator, a viewer and
a ministry's editor: validation shown and focused, staffing, bulk edit, Arabic, accessibility."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from digiteam.accounts.models import MembershipRole
from digiteam.organisation.demo import demo_load
from digiteam.organisation.models import Government, Position, Unit
from digiteam.reference import reference_load
from tests.browser.conftest import axe_violations, screenshot, sign_in
from tests.factories import make_membership, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOV = "/org/djibouti"
POSITIONS = GOV + "/positions/"
EDIT = POSITIONS + "tax-dev-1/edit/"  # in the Ministry of Economy and Finance (mefi)
ELSEWHERE = POSITIONS + "school-dev-1/edit/"  # in the Ministry of Education (menfop)
PEOPLE = GOV + "/people/"
MAIN_PAGES = [POSITIONS, EDIT, PEOPLE, PEOPLE + "fa/", GOV + "/units/mefi/move/", GOV + "/sizing/"]
MAIN_PAGES += [GOV + "/files/"]


@pytest.fixture
def site(live_server: Any) -> str:
    reference_load()
    demo_load()
    government = Government.objects.get(code="djibouti")
    make_person(government=government, name="Fatouma Ali", code="fa", email="fa@example.org")
    return str(live_server.url)


def _member_page(browser: Any, live_server: Any, role: str, unit: str = "") -> Any:
    government = Government.objects.get(code="djibouti")
    units = (Unit.objects.get(government=government, code=unit),) if unit else ()
    membership = make_membership(government=government, role=role, units=units)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    sign_in(context, live_server, membership.user)
    return context.new_page()


def _set_language(page: Any, site: str, code: str) -> None:
    page.goto(f"{site}/org/")
    page.select_option("#language-select", code)
    page.locator(".language button").click()
    page.wait_for_load_state()


def test_each_role_reaches_what_it_may_and_no_more(
    page: Any, browser: Any, live_server: Any, site: str
) -> None:
    page.goto(site + POSITIONS)
    expect(page.get_by_role("link", name="New position")).to_be_visible()
    expect(page.locator('input[name="selected"]').first).to_be_visible()

    viewer = _member_page(browser, live_server, MembershipRole.VIEWER)
    viewer.goto(site + POSITIONS)
    expect(viewer.locator("h1")).to_contain_text("Positions of")
    assert viewer.locator('input[name="selected"]').count() == 0
    assert viewer.get_by_role("link", name="New position").count() == 0
    assert viewer.goto(site + EDIT).status == 403
    viewer.context.close()

    editor = _member_page(browser, live_server, MembershipRole.EDITOR, unit="mefi")
    assert editor.goto(site + EDIT).status == 200
    response = editor.goto(site + ELSEWHERE)
    assert response.status == 403
    expect(editor.locator("main")).to_contain_text("You do not have access to this page")
    assert editor.goto(site + POSITIONS + "school-dev-1/assign/").status == 403
    assert editor.goto(site + GOV + "/units/menfop/edit/").status == 403
    assert editor.goto(site + GOV + "/units/menfop/move/").status == 403
    assert editor.goto(site + PEOPLE).status == 403, "no personal-data permission"
    assert editor.goto(site + "/org/nowhere/positions/").status == 404
    editor.context.close()


def test_an_invalid_fte_is_announced_focused_and_located(page: Any, site: str) -> None:
    page.goto(site + EDIT)
    page.fill("#id_fte", "3")
    page.get_by_role("button", name="Save the position").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("FTE: FTE is more than 0 and at most 1.")
    expect(page.locator("#id_fte-error")).to_have_text("FTE is more than 0 and at most 1.")
    expect(page.locator("#id_fte")).to_have_attribute("aria-invalid", "true")
    summary.get_by_role("link").first.click()
    expect(page.locator("#id_fte")).to_be_focused()
    assert Position.objects.get(code="tax-dev-1").fte == 1
    assert axe_violations(page) == []
    screenshot(page, "en-position-edit-error")


def test_a_person_is_assigned_to_a_position(page: Any, site: str) -> None:
    page.goto(site + POSITIONS + "ms-database/")
    page.get_by_role("link", name="Assign").first.click()
    page.select_option("#id_person", "fa")
    page.fill("#id_fte", "1")
    page.locator("form.edit-form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Person assigned.")
    expect(page.locator("main")).to_contain_text("Fatouma Ali")


def test_two_positions_change_sourcing_together(page: Any, site: str) -> None:
    page.goto(site + POSITIONS + "?unit=ms")
    page.get_by_label("Choose ms-cio").check()
    page.get_by_role("button", name="Apply to the chosen positions").click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text("Choose a new sourcing")
    assert axe_violations(page) == []
    screenshot(page, "en-positions-bulk-error")
    expect(page.get_by_label("Choose ms-cio")).to_be_checked()  # the choice is kept
    page.get_by_role("link", name="Back to the positions").click()
    page.get_by_label("Choose ms-cio").check()
    page.get_by_label("Choose ms-database").check()
    page.select_option("#bulk-sourcing", "secondment")
    page.get_by_role("button", name="Apply to the chosen positions").click()
    expect(page.locator("main")).to_contain_text("2 positions updated.")
    assert "unit=ms" in page.url, "back to the same filtered list"
    codes = Position.objects.filter(sourcing="secondment", unit__code="ms")
    assert sorted(codes.values_list("code", flat=True)) == ["ms-cio", "ms-database"]


def test_every_position_of_the_page_is_chosen_at_once(page: Any, site: str) -> None:
    page.goto(site + POSITIONS + "?unit=ms")
    every = page.get_by_label("Choose every position on this page")
    rows = page.locator("tbody input[name=selected]")
    assert rows.count() == 2  # ms-cio and ms-database
    every.check()
    assert all(rows.nth(i).is_checked() for i in range(rows.count()))
    rows.first.uncheck()
    assert every.evaluate("box => box.indeterminate && !box.checked")
    every.click()  # from mixed: every row again
    assert all(rows.nth(i).is_checked() for i in range(rows.count()))
    every.uncheck()
    assert not any(rows.nth(i).is_checked() for i in range(rows.count()))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_main_pages_have_no_axe_violations(page: Any, site: str, language: str) -> None:
    _set_language(page, site, language)
    for path in MAIN_PAGES:
        page.goto(site + path)
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert axe_violations(page) == [], path
        screenshot(page, f"{language}-{path.strip('/').replace('/', '-')}")
