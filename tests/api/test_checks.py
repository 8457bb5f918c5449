"""Checks over the API: the same report as `digiteam check --format json`, from the database or
from an organisation file (saved nowhere), and every problem of a bad input located."""

from __future__ import annotations

import json

import pytest

from digiteam.accounts.models import MembershipRole
from digiteam.organisation.demo import DEMO_FILE, demo_load
from digiteam.organisation.models import Government
from tests.api.conftest import TokenClient
from tests.checks.test_cli import TODAY, check_json

pytestmark = pytest.mark.django_db

CHECKS = "/api/v1/governments/djibouti/checks"


@pytest.fixture
def demo(shipped_reference: object) -> Government:
    government = demo_load()
    assert government is not None
    return government


def test_a_governments_findings_are_the_clis(demo: Government, token_client: TokenClient) -> None:
    api = token_client(demo, role=MembershipRole.VIEWER, read_write=False)
    response = api.get(f"{CHECKS}?today={TODAY}")
    assert response.status_code == 200
    assert response.json() == check_json("--government", "djibouti", "--today", TODAY)
    assert any(f["rule"] == "DIG102" for f in response.json()["findings"])


def test_a_partial_scope_or_another_government_cannot_read_them(
    demo: Government, token_client: TokenClient
) -> None:
    unit = demo.units.filter(parent__isnull=False).first()
    assert token_client(unit).get(CHECKS).status_code == 403
    assert token_client(unit).get("/api/v1/governments/nowhere/checks").status_code == 404


def test_an_uploaded_file_is_checked_and_nothing_saved(
    shipped_reference: object, token_client: TokenClient
) -> None:
    api = token_client("admin")
    text = DEMO_FILE.read_text(encoding="utf-8")
    body = {"text": text, "filename": "djibouti.yaml", "today": TODAY}
    response = api.send("POST", "/api/v1/checks/org-file", body)
    assert response.status_code == 200, response.content
    assert response.json() == check_json("--org", str(DEMO_FILE), "--today", TODAY)
    assert not Government.objects.filter(code="djibouti").exists()


def test_a_bad_file_is_a_located_422(shipped_reference: object, token_client: TokenClient) -> None:
    text = DEMO_FILE.read_text(encoding="utf-8").replace("currency: DJF", "currency: 12", 1)
    text = text.replace("format: digiteam-org/1", "format: nope", 1)
    api = token_client("admin")
    response = api.send("POST", "/api/v1/checks/org-file", {"text": text})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "format"
    assert json.loads(response.content)["detail"]
