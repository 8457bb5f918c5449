"""Behind a reverse proxy the lockout counts each client, not the proxy, and no client chooses
the address it is counted under."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory, override_settings

from digiteam.core.security import client_address
from tests.factories import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PASSWORD = "correct horse battery staple"
PROXY = "10.0.0.2"
ALICE = "203.0.113.7"
BOB = "198.51.100.20"


def _sign_in(password: str, *, forwarded_for: str, remote: str = PROXY) -> int:
    client = Client(REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded_for)
    return client.post(LOGIN, {"username": "amina", "password": password}).status_code


@pytest.fixture
def amina() -> None:
    make_user(username="amina", password=PASSWORD)


@override_settings(DIGITEAM_PROXY_COUNT=1)
def test_two_clients_behind_the_proxy_are_locked_out_separately(amina: None) -> None:
    assert [_sign_in("wrong", forwarded_for=ALICE) for _ in range(5)] == [200] * 4 + [429]
    assert _sign_in(PASSWORD, forwarded_for=ALICE) == 429, "Alice's address is locked out"
    assert _sign_in(PASSWORD, forwarded_for=BOB) == 302, "Bob, behind the same proxy, is not"


@override_settings(DIGITEAM_PROXY_COUNT=1)
def test_an_address_a_client_writes_itself_is_ignored(amina: None) -> None:
    # The proxy appends what it saw; whatever the client sent stays on the left.
    for spoofed in ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"]:
        _sign_in("wrong", forwarded_for=f"{spoofed}, {ALICE}")
    assert _sign_in(PASSWORD, forwarded_for=ALICE) == 429
    assert _sign_in(PASSWORD, forwarded_for=f"{ALICE}, {BOB}") == 302, "Bob claiming Alice's"


def test_without_a_proxy_x_forwarded_for_is_ignored(amina: None) -> None:
    for spoofed in ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"]:
        _sign_in("wrong", forwarded_for=spoofed, remote=ALICE)
    assert _sign_in(PASSWORD, forwarded_for=BOB, remote=ALICE) == 429


@pytest.mark.parametrize(
    ("count", "forwarded_for", "expected"),
    [
        (0, "192.0.2.1", PROXY),
        (1, "", PROXY),  # did not come through the proxy
        (1, ALICE, ALICE),
        (1, f"192.0.2.1, {ALICE}", ALICE),
        (2, f"192.0.2.1, {ALICE}, 10.0.0.1", ALICE),
        (2, ALICE, PROXY),  # fewer addresses than proxies
    ],
)
def test_the_client_is_the_address_the_outermost_proxy_saw(
    count: int, forwarded_for: str, expected: str
) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)
    with override_settings(DIGITEAM_PROXY_COUNT=count):
        assert client_address(request) == expected
