"""Reference data over the API: roles, categories, scales and templates, read by any caller."""

from __future__ import annotations

import pytest

from digiteam.accounts.models import MembershipRole
from digiteam.compositions.models import Template
from digiteam.taxonomy.models import Role
from tests.api.conftest import ApiClient, TokenClient
from tests.factories import make_government

pytestmark = pytest.mark.django_db

REF = "/api/v1/reference"


@pytest.fixture
def api(shipped_reference: object, token_client: TokenClient) -> ApiClient:
    return token_client(make_government(), role=MembershipRole.VIEWER, read_write=False)


def test_roles_are_paged_and_filtered_by_category(api: ApiClient) -> None:
    page = api.get(f"{REF}/roles?page_size=5").json()
    assert page["count"] == Role.objects.count() and len(page["results"]) == 5
    category = api.get(f"{REF}/role-categories").json()[0]["slug"]
    some = api.get(f"{REF}/roles?category={category}&page_size=500").json()["results"]
    assert some and all(category in r["categories"] for r in some)
    cio = api.get(f"{REF}/roles/chief-information-officer").json()
    assert cio["title"] == Role.objects.get(slug="chief-information-officer").title
    assert api.get(f"{REF}/roles/nobody").status_code == 404


def test_a_template_has_its_functions_slots_and_rules(api: ApiClient) -> None:
    slugs = [t["slug"] for t in api.get(f"{REF}/templates").json()]
    assert "djibouti-digital-team" in slugs and len(slugs) == Template.objects.count()
    template = api.get(f"{REF}/templates/djibouti-digital-team").json()
    slots = [s for f in template["functions"] for s in f["slots"]]
    assert any(s["role"] == "chief-information-officer" for s in slots)
    assert all(s["rules"] or s["role"] for s in slots) and any(s["rules"] for s in slots)
    assert api.get(f"{REF}/templates/nothing").status_code == 404


def test_scales_list_their_levels_lowest_first(api: ApiClient) -> None:
    scales = api.get(f"{REF}/scales").json()
    assert scales
    ranks = [level["rank"] for level in scales[0]["levels"]]
    assert ranks == sorted(ranks) and ranks


def test_reading_needs_a_caller_and_writing_an_administrator(api: ApiClient) -> None:
    assert ApiClient().get(f"{REF}/roles").status_code == 401
    refused = api.send("POST", f"{REF}/roles", {"slug": "x"})
    assert refused.status_code == 403  # a read-only token; any token but an administrator's
    role = api.get(f"{REF}/roles/chief-information-officer")
    assert role["ETag"] == f'"{role.json()["version"]}"'
    assert api.get(f"{REF}/templates/djibouti-digital-team")["ETag"] == '"1"'
    assert api.get(f"{REF}/role-categories/{role.json()['categories'][0]}")["ETag"] == '"1"'
