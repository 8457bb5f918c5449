"""Under the strict Content-Security-Policy, no page breaks: the browser reports no violation on
the main pages, their scripts (org tree, chart, htmx filters), the admin and the API docs."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from digiteam.organisation.demo import demo_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOV = "/org/djibouti/"
PAGES = [
    "/",
    "/org/",
    GOV,
    GOV + "dashboard/",
    GOV + "checks/",
    GOV + "chart/",
    GOV + "units/mb/",
    GOV + "units/mb/chart/",
    GOV + "positions/",
    GOV + "sizing/",
    GOV + "files/",
    "/taxonomy/",
    "/templates/",
    "/checks/rules/",
    "/accounts/tokens/",
    "/admin/",
    "/admin/organisation/position/",
    "/admin/auth/user/add/",
    "/api/v1/docs",
]


@pytest.fixture
def site(live_server: Any, shipped_reference: object) -> str:
    assert demo_load() is not None
    return str(live_server.url)


def _violations(page: Any) -> list[str]:
    """Collects what the browser refused because of the policy, and script errors."""
    found: list[str] = []
    page.on(
        "console",
        lambda m: (
            found.append(f"{page.url}: {m.text}")
            if "Content Security Policy" in m.text or "Refused to" in m.text
            else None
        ),
    )
    page.on("pageerror", lambda e: found.append(f"{page.url}: {e}"))
    return found


def test_no_page_breaks_the_policy(page: Any, site: str) -> None:
    found = _violations(page)
    for path in PAGES:
        response = page.goto(site + path)
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        page.wait_for_load_state("networkidle")
    assert found == [], "\n".join(found)


def test_the_scripts_run_under_the_policy(page: Any, site: str) -> None:
    found = _violations(page)
    page.goto(site + GOV)
    closed = page.locator('button.tree-toggle[aria-expanded="false"]').first  # org-tree.js
    controls = closed.get_attribute("aria-controls")
    closed.click()  # htmx loads the sub-units
    toggle = page.locator(f'button.tree-toggle[aria-controls="{controls}"]')
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator(f"#{controls} li").first).to_be_visible()
    page.fill("#unit-q", "ministry")  # htmx search as you type
    expect(page).to_have_url(re.compile(r"q=ministry"))
    page.goto(site + "/taxonomy/")
    page.fill("#q", "developer")
    expect(page).to_have_url(re.compile(r"q=developer"))  # htmx pushed the search
    assert found == [], "\n".join(found)


def test_the_sign_in_page_keeps_to_the_policy(anonymous_page: Any, site: str) -> None:
    found = _violations(anonymous_page)
    for path in ["/accounts/login/", "/admin/login/", "/taxonomy/"]:
        anonymous_page.goto(site + path)
        anonymous_page.wait_for_load_state("networkidle")
    assert found == [], "\n".join(found)
