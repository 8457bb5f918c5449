"""Every error is an RFC 9457 problem; a field error says which field."""

from __future__ import annotations

import pytest

from tests.api.conftest import TokenClient, Tree

pytestmark = pytest.mark.django_db

POSITION = "/api/v1/governments/testland/positions/dev-a1"
MATCH = {"If-Match": '"1"'}


def _is_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert set(body) == {"type", "title", "status", "detail", "instance", "errors"}
    assert body["status"] == status and body["title"] and body["type"].endswith(str(status))
    return body


def test_a_service_error_is_located_at_its_field(tree: Tree, token_client: TokenClient) -> None:
    body = _is_problem(
        token_client(tree.government).send("PATCH", POSITION, {"fte": "3"}, **MATCH), 422
    )
    assert body["errors"] == [{"field": "fte", "message": "FTE is more than 0 and at most 1."}]
    assert body["instance"] == POSITION
    tree.position_a1.refresh_from_db()
    assert tree.position_a1.version == 1, "nothing changed"


def test_a_malformed_value_is_located_too(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government)
    body = _is_problem(api.send("PATCH", POSITION, {"fte": "many", "status": "?"}, **MATCH), 422)
    assert {e["field"] for e in body["errors"]} == {"fte", "status"}
    query = _is_problem(api.get("/api/v1/governments/testland/positions?page=0&sort=size"), 422)
    fields = {e["field"]: e["message"] for e in query["errors"]}
    assert set(fields) == {"page", "sort"}
    assert fields["sort"].startswith("Sort by one of: unit, role")


def test_codes_that_name_nothing_are_located(tree: Tree, token_client: TokenClient) -> None:
    body = {"unit": "nowhere", "role": "juggler", "vendor": "acme", "reports_to": "boss"}
    problem = _is_problem(token_client(tree.government).send("PUT", POSITION, body, **MATCH), 422)
    assert [e["field"] for e in problem["errors"]] == ["unit", "role", "vendor", "reports_to"]


def test_a_body_that_is_not_json_is_a_bad_request(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government)
    response = api.patch(POSITION, "{fte:", content_type="application/json", headers=MATCH)
    _is_problem(response, 400)


def test_not_found_is_a_problem(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government)
    _is_problem(api.get("/api/v1/governments/testland/positions/nobody"), 404)
    _is_problem(api.get("/api/v1/governments/nowhere"), 404)


def test_problems_speak_the_callers_language(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government)
    response = api.send("PATCH", POSITION, {"fte": "3"}, **{"Accept-Language": "fr", **MATCH})
    body = _is_problem(response, 422)
    assert body["title"] not in {"", "Invalid data"}, "in French"
    assert body["errors"][0]["field"] == "fte"
    assert body["errors"][0]["message"] != "FTE is more than 0 and at most 1."
