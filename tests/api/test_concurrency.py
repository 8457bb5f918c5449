"""Versions: GET sends the ETag; a change needs If-Match; a stale one changes nothing (412)."""

from __future__ import annotations

import pytest

from digiteam.audit.models import Change
from digiteam.organisation.models import Position
from tests.api.conftest import TokenClient, Tree

pytestmark = pytest.mark.django_db

URL = "/api/v1/governments/testland/positions/dev-a1"


def _unchanged(tree: Tree) -> None:
    position = Position.objects.get(pk=tree.position_a1.pk)
    assert (position.version, position.title, position.fte) == (1, "", 1)
    assert not Change.objects.filter(object_id=position.pk).exists()


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_a_change_without_if_match_is_refused(
    tree: Tree, token_client: TokenClient, method: str
) -> None:
    body = None if method == "DELETE" else {"unit": "a1", "role": "developer", "title": "Lead"}
    response = token_client(tree.government).send(method, URL, body)
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    _unchanged(tree)


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_a_stale_if_match_changes_nothing(
    tree: Tree, token_client: TokenClient, method: str
) -> None:
    body = None if method == "DELETE" else {"unit": "a1", "role": "developer", "title": "Lead"}
    response = token_client(tree.government).send(method, URL, body, **{"If-Match": '"7"'})
    assert response.status_code == 412
    assert response["ETag"] == '"1"', "the current version, to read again"
    _unchanged(tree)


def test_a_malformed_if_match_is_a_bad_request(tree: Tree, token_client: TokenClient) -> None:
    response = token_client(tree.government).send("PATCH", URL, {"title": "x"}, **{"If-Match": "*"})
    assert response.status_code == 400
    _unchanged(tree)


def test_two_clients_change_one_position_and_exactly_one_is_refused(
    tree: Tree, token_client: TokenClient
) -> None:
    amina, omar = (
        token_client(tree.government, name="amina"),
        token_client(tree.government, name="omar"),
    )
    seen = [client.get(URL)["ETag"] for client in (amina, omar)]
    assert seen == ['"1"', '"1"']
    first = amina.send("PATCH", URL, {"title": "Amina's"}, **{"If-Match": seen[0]})
    second = omar.send("PATCH", URL, {"fte": "0.5"}, **{"If-Match": seen[1]})
    assert sorted([first.status_code, second.status_code]) == [200, 412]
    position = Position.objects.get(pk=tree.position_a1.pk)
    assert (position.title, position.fte, position.version) == ("Amina's", 1, 2)
    retry = omar.send("PATCH", URL, {"fte": "0.5"}, **{"If-Match": second["ETag"]})
    assert retry.status_code == 200 and retry.json()["title"] == "Amina's"
