"""The API tokens and API docs pages in a real browser: accessible, nothing from elsewhere."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_make_a_token_see_its_secret_once_and_revoke_it(
    page: Any, live_server: Any, language: str
) -> None:
    page.goto(f"{live_server.url}/taxonomy/")
    page.select_option("#language-select", language)
    page.locator(".language button").click()
    page.goto(f"{live_server.url}/taxonomy/")
    page.locator(".account a").click()
    assert page.url == f"{live_server.url}/accounts/tokens/"
    assert axe_violations(page) == []
    page.locator(".edit-form button").click()  # no name: the error is announced
    assert page.locator(".error-summary[role=alert]").is_visible()
    assert axe_violations(page) == []
    page.fill("#id_name", "nightly sync")
    page.locator("input[value=read-write]").check()
    page.locator(".edit-form button").click()
    secret = page.locator("#token-secret-value").input_value()
    assert secret.startswith("dgt_")
    assert axe_violations(page) == []
    screenshot(page, f"{language}-api-token-made")
    page.goto(f"{live_server.url}/accounts/tokens/")
    assert secret not in page.content(), "shown once"
    page.locator("tbody a").click()
    page.locator("main form button").click()
    assert page.locator("tbody td").nth(5).inner_text() != ""
    assert axe_violations(page) == []


def test_the_api_docs_page_works_from_this_site_alone(page: Any, live_server: Any) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/api/v1/docs")
    page.locator(".opblock-tag", has_text="positions").first.wait_for()
    assert page.locator(".opblock").count() >= 10
    assert not [e for e in errors if "Content Security Policy" in e], errors
    screenshot(page, "en-api-docs")
