"""Sizing and files of the demo government in a real browser: the plan is shown before it is
applied; an uploaded organisation file is summarised before it replaces anything."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from digiteam.organisation.demo import demo_load
from digiteam.organisation.models import Position
from digiteam.reference import reference_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOV = "/org/djibouti"


@pytest.fixture
def site(live_server: Any) -> str:
    reference_load()
    demo_load()
    return str(live_server.url)


def test_a_template_is_applied_after_its_plan_is_shown(page: Any, site: str) -> None:
    before = Position.objects.count()
    page.goto(site + GOV + "/sizing/")
    page.get_by_role("button", name="Show the plan").click()
    expect(page.locator("#plan")).to_be_visible()
    assert Position.objects.count() == before, "showing the plan changes nothing"
    page.get_by_role("button", name="Apply this plan").click()
    expect(page.locator(".messages, [role=status]").first).to_be_visible()
    assert Position.objects.count() != before
    expect(page.get_by_text("Nothing to add or retire")).to_be_visible()


def test_an_org_file_is_checked_then_imported_on_confirmation(
    page: Any, site: str, tmp_path: Path
) -> None:
    scientists = Position.objects.filter(role__slug="data-scientist")
    before = scientists.count()
    exported = page.request.get(site + GOV + "/files/org.yaml").text()
    changed = exported.replace("role: database-manager", "role: data-scientist", 1)
    assert changed != exported
    upload = tmp_path / "djibouti.yaml"
    upload.write_text(changed, encoding="utf-8")
    page.goto(site + GOV + "/files/")
    page.set_input_files("input[type=file]", str(upload))
    page.get_by_role("button", name="Check the file").click()
    confirm = page.get_by_role("button", name="Confirm import")
    expect(confirm).to_be_visible()
    assert scientists.count() == before, "not yet"
    confirm.click()
    expect(page.locator(".messages")).to_contain_text("replaced from djibouti.yaml")
    assert scientists.count() == before + 1
