"""Signing in, in a real browser: accessible in every language, errors announced, then in."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import axe_violations, screenshot
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


@pytest.fixture
def page(anonymous_page: Any) -> Any:
    """Signing in starts in a browser nobody is signed in to."""
    return anonymous_page


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_sign_in_page_has_no_axe_violations(page: Any, live_server: Any, language: str) -> None:
    page.goto(f"{live_server.url}/taxonomy/")
    page.select_option("#language-select", language)
    page.locator(".language button").click()
    page.goto(f"{live_server.url}/accounts/login/")
    assert axe_violations(page) == []
    page.fill("#id_username", "nobody")
    page.fill("#id_password", "wrong")
    page.locator(".sign-in button").click()
    assert page.locator(".error-summary[role=alert]").is_visible()
    assert axe_violations(page) == []
    screenshot(page, f"{language}-sign-in-error")


def test_a_user_signs_in_with_the_keyboard_and_out_again(page: Any, live_server: Any) -> None:
    make_user(username="amina", password=PASSWORD, first_name="Amina", last_name="Haroun")
    page.goto(f"{live_server.url}/accounts/login/?next=/taxonomy/")
    assert page.evaluate("document.activeElement.id") == "id_username"
    page.keyboard.type("amina")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/taxonomy/")
    assert page.locator(".account-name").inner_text() == "Signed in as Amina Haroun"
    assert axe_violations(page) == []
    screenshot(page, "en-signed-in")
    page.get_by_role("button", name="Sign out").click()
    assert page.get_by_role("heading", level=1).inner_text() == "You have signed out"
