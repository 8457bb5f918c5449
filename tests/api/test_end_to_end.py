"""A program with one read-write token builds a government's organisation through the API alone,
sizes it, checks it and exports it; the audit trail names the token on every change set.

After the administrator, its token and the shipped reference data are made, nothing is written
but through HTTP.
"""

from __future__ import annotations

import json

import pytest

from digiteam.audit.models import ChangeSet
from digiteam.organisation.models import Government
from tests.api.conftest import ApiClient, TokenClient

pytestmark = pytest.mark.django_db

GOV = "/api/v1/governments/lagoon"
TEMPLATE = "djibouti-digital-team"
ROOT_ONLY = (
    "format: digiteam-org/1\ngovernment: {code: lagoon, name: Republic of Lagoon}\n"
    "units:\n- {id: gov, kind: government, name: Government of Lagoon}\n"
)


def _ok(response, status: int = 200) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.content
    return response.json()


def _create_government(api: ApiClient) -> None:
    """POST /governments where it exists (its top unit is "gov"); else an organisation file."""
    response = api.send("POST", "/api/v1/governments", {"code": "lagoon", "name": "Lagoon"})
    if response.status_code == 405:
        _ok(api.send("POST", GOV + "/org-file/apply", {"text": ROOT_ONLY}))
    else:
        _ok(response, 201)


def test_build_size_check_and_export_with_one_token(
    shipped_reference: object, token_client: TokenClient
) -> None:
    api = token_client("admin", name="builder")
    setup = set(ChangeSet.objects.values_list("pk", flat=True))  # the reference data's
    _create_government(api)

    # the organisation: a ministry with a team, two positions, one of them held
    ministry = {"code": "health", "kind": "ministry", "name": "Ministry of Health", "parent": "gov"}
    _ok(api.send("POST", GOV + "/units", ministry), 201)
    team = {"code": "health-dev", "kind": "team", "name": "Health developers", "parent": "health"}
    _ok(api.send("POST", GOV + "/units", team), 201)
    cio = {"code": "cio", "unit": "health", "role": "chief-information-officer", "status": "filled"}
    _ok(api.send("POST", GOV + "/positions", cio), 201)
    dev = {"code": "dev-1", "unit": "health-dev", "role": "software-developer", "reports_to": "cio"}
    _ok(api.send("POST", GOV + "/positions", dev), 201)
    people = api.send("POST", GOV + "/people", {"name": "Amina Hassan", "code": "amina"})
    has_people = people.status_code not in (404, 405)  # the people endpoints may be missing
    if has_people:
        _ok(people, 201)
        holder = {"person": "amina", "start": "2025-01-01"}
        _ok(api.send("POST", GOV + "/positions/cio/assignments", holder), 201)

    # sizing: the plan, then exactly that plan applied
    plan = _ok(api.send("POST", GOV + "/sizing/plan", {"template": TEMPLATE}))
    assert plan["totals"]["add"] > 0
    done = _ok(
        api.send("POST", GOV + "/sizing/apply", {"template": TEMPLATE, "basis": plan["basis"]})
    )
    assert done["applied"] and done["totals"] == plan["totals"]
    sized = {line["code"] for line in done["lines"] if line["action"] == "add"}

    # checks: a report over what was built
    report = _ok(api.get(GOV + "/checks"))
    assert "findings" in report and report["checked_on"]

    # export: the file holds what was built and sized
    exported = api.get(GOV + "/org-file?format=json&people=true")
    assert exported.status_code == 200
    org = json.loads(exported.content)
    units = {u["id"]: u for u in org["units"]}
    assert {"gov", "health", "health-dev"} <= set(units)
    assert units["health-dev"]["parent"] == "health"
    positions = {p["id"]: p for u in org["units"] for p in u.get("positions", [])}
    assert positions["dev-1"]["reports_to"] == "cio"
    assert sized <= set(positions)
    if has_people:
        (amina,) = org["people"]
        assert amina["id"] == "amina" and amina["assignments"][0]["position"] == "cio"

    # the audit trail: every change set made through the API is the token's
    government = Government.objects.get(code="lagoon")
    made = ChangeSet.objects.exclude(pk__in=setup)
    assert made.filter(government_code=government.code).count() >= 5
    assert {(c.token, c.username) for c in made} == {("builder", api.user.username)}
    assert made.filter(via="sizing").count() == 1
