"""A token's writes are recorded as its user's, through the API, naming the token."""

from __future__ import annotations

import pytest

from digiteam.audit.models import ChangeSet
from tests.api.conftest import TokenClient, Tree

pytestmark = pytest.mark.django_db


def test_a_token_write_is_attributed_to_its_user_and_name(
    tree: Tree, token_client: TokenClient
) -> None:
    api = token_client(tree.government, name="nightly HR sync")
    url = "/api/v1/governments/testland/positions/dev-a1"
    assert api.send("PATCH", url, {"title": "Lead"}, **{"If-Match": '"1"'}).status_code == 200
    change_set = ChangeSet.objects.get()
    assert change_set.user == api.user and change_set.username == api.user.username
    assert (change_set.token, change_set.via) == ("nightly HR sync", "api")
    change = change_set.changes.get()
    assert change.before["title"] == "" and change.after["title"] == "Lead"


def test_a_session_write_is_the_users_through_the_api(tree: Tree, session_client) -> None:
    client = session_client(tree.government)
    url = "/api/v1/governments/testland/positions/dev-a1"
    assert client.send("PATCH", url, {"title": "Lead"}, **{"If-Match": '"1"'}).status_code == 200
    change_set = ChangeSet.objects.get()
    assert (change_set.user, change_set.token, change_set.via) == (client.user, "", "api")
