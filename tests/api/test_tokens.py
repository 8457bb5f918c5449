"""Personal API tokens: made on the web page (secret shown once), hashed, expiring, revocable."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.test import Client
from django.utils import timezone

from digiteam.accounts.models import ApiToken
from digiteam.accounts.services import LAST_USE_EVERY, api_token_create, api_token_use
from tests.api.conftest import ApiClient, TokenClient, Tree
from tests.factories import make_user

pytestmark = pytest.mark.django_db

POSITION = "/api/v1/governments/testland/positions/dev-a1"


def _signed_in() -> Client:
    client = Client()
    client.force_login(make_user(username="amina"))
    return client


def _make(client: Client, **fields: str) -> str:
    data = {"name": "nightly sync", "lifetime": "30", "access": "read", **fields}
    response = client.post("/accounts/tokens/", data)
    assert response.status_code == 201
    page = response.content.decode()
    start = page.index('value="dgt_') + len('value="')
    return page[start : page.index('"', start)]


def test_the_secret_is_shown_once_and_only_its_hash_is_kept() -> None:
    client = _signed_in()
    secret = _make(client)
    assert len(secret) > 40 and secret.startswith("dgt_")
    token = ApiToken.objects.get()
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {str(v) for v in token.__dict__.values()}
    listing = client.get("/accounts/tokens/").content.decode()
    assert secret not in listing, "never shown again"
    assert "nightly sync" in listing and token.prefix in listing and secret.startswith(token.prefix)
    assert "Never" in listing, "not used yet"
    assert response_never_caches(client)


def response_never_caches(client: Client) -> bool:
    response = client.post("/accounts/tokens/", {"name": "x", "lifetime": "30", "access": "read"})
    return "no-store" in response["Cache-Control"]


def test_a_token_made_on_the_page_opens_the_api(tree: Tree) -> None:
    secret = _make(_signed_in())
    assert ApiClient(token=secret).get("/api/v1/governments").json()["count"] == 0
    assert ApiClient(token=secret + "x").get("/api/v1/governments").status_code == 401


def test_the_form_says_what_is_missing() -> None:
    response = _signed_in().post("/accounts/tokens/", {"name": " ", "lifetime": "7"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and 'aria-invalid="true"' in page
    assert not ApiToken.objects.exists()


def test_an_expired_token_is_refused_with_a_problem(tree: Tree) -> None:
    user = make_user(is_superuser=True)
    made = timezone.now() - datetime.timedelta(days=10)
    _token, secret = api_token_create(
        user=user, name="old", expires=made + datetime.timedelta(days=1), now=made
    )
    response = ApiClient(token=secret).get("/api/v1/governments")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert "expired" in response.json()["detail"]


def test_expiry_is_in_the_future_and_within_a_year() -> None:
    from django.core.exceptions import ValidationError

    user = make_user()
    for days in (-1, 400):
        with pytest.raises(ValidationError) as error:
            api_token_create(
                user=user, name="x", expires=timezone.now() + datetime.timedelta(days=days)
            )
        assert "expires" in error.value.message_dict


def test_revoking_on_the_page_stops_the_token(tree: Tree, token_client: TokenClient) -> None:
    api = token_client("admin")
    owner = Client()
    owner.force_login(api.user)
    assert api.get("/api/v1/governments").status_code == 200
    assert api.token is not None
    url = f"/accounts/tokens/{api.token.pk}/revoke/"
    assert "Revoke the token" in owner.get(url).content.decode()
    assert owner.post(url)["Location"] == "/accounts/tokens/"
    assert api.get("/api/v1/governments").status_code == 401
    assert "Revoked" in owner.get("/accounts/tokens/").content.decode()


def test_nobody_revokes_another_users_token(tree: Tree, token_client: TokenClient) -> None:
    api = token_client("admin")
    assert api.token is not None
    stranger = _signed_in()
    assert stranger.post(f"/accounts/tokens/{api.token.pk}/revoke/").status_code == 404
    assert api.get("/api/v1/governments").status_code == 200
    assert api.token.prefix not in stranger.get("/accounts/tokens/").content.decode()


def test_a_read_only_token_reads_but_writes_nothing(tree: Tree, token_client: TokenClient) -> None:
    api = token_client(tree.government, read_write=False)
    assert api.get(POSITION).status_code == 200
    response = api.send("PATCH", POSITION, {"title": "Lead"}, **{"If-Match": '"1"'})
    assert response.status_code == 403
    assert response.json()["detail"] == "This token may only read."
    tree.position_a1.refresh_from_db()
    assert tree.position_a1.title == "" and tree.position_a1.version == 1


def test_last_use_is_recorded_at_most_once_a_minute() -> None:
    user = make_user()
    start = timezone.now()
    token, secret = api_token_create(
        user=user, name="x", expires=start + datetime.timedelta(days=1), now=start
    )
    assert token.last_used_at is None
    api_token_use(secret=secret, now=start)
    assert ApiToken.objects.get().last_used_at == start
    api_token_use(secret=secret, now=start + datetime.timedelta(seconds=30))
    assert ApiToken.objects.get().last_used_at == start, "not written again within the minute"
    later = start + LAST_USE_EVERY
    api_token_use(secret=secret, now=later)
    assert ApiToken.objects.get().last_used_at == later


def test_a_call_records_the_last_use(tree: Tree, token_client: TokenClient) -> None:
    api = token_client("admin")
    api.get("/api/v1/governments")
    assert ApiToken.objects.get().last_used_at is not None


def test_the_header_links_to_the_tokens_page() -> None:
    page = _signed_in().get("/accounts/tokens/").content.decode()
    assert 'href="/accounts/tokens/"' in page and "API tokens" in page


def test_an_administrator_sees_tokens_and_revokes_them_in_the_admin(
    tree: Tree, token_client: TokenClient
) -> None:
    api = token_client(tree.government, name="hr sync")
    admin = Client()
    admin.force_login(make_user(is_superuser=True, is_staff=True))
    listing = admin.get("/admin/accounts/apitoken/").content.decode()
    assert "hr sync" in listing and api.secret not in listing  # type: ignore[attr-defined]
    assert api.token is not None
    admin.post(
        "/admin/accounts/apitoken/",
        {"action": "revoke", "_selected_action": [str(api.token.pk)]},
    )
    assert api.get("/api/v1/governments").status_code == 401
