"""Five failed sign-ins for one username from one address lock that pair out for 15 minutes."""

from __future__ import annotations

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.utils import timezone

from tests.factories import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PASSWORD = "correct horse battery staple"
HOME = "203.0.113.7"


def _try(password: str, *, username: str = "amina", ip: str = HOME) -> int:
    response = Client(REMOTE_ADDR=ip).post(LOGIN, {"username": username, "password": password})
    return response.status_code


@pytest.fixture
def amina() -> None:
    make_user(username="amina", password=PASSWORD)


def _fail(times: int) -> list[int]:
    return [_try("wrong") for _ in range(times)]


def test_settings() -> None:
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_the_fifth_failure_locks_out_even_the_right_password(amina: None) -> None:
    assert _fail(4) == [200] * 4
    response = Client(REMOTE_ADDR=HOME).post(LOGIN, {"username": "amina", "password": "wrong"})
    page = response.content.decode()
    assert response.status_code == 429
    assert "There were 5 failed attempts to sign in with this username" in page
    assert "Try again in 15 minutes." in page
    assert _try(PASSWORD) == 429


def test_the_lockout_is_by_username_and_address_together(amina: None) -> None:
    _fail(5)
    assert _try(PASSWORD, ip="198.51.100.20") == 302, "the same user from elsewhere"
    make_user(username="omar", password=PASSWORD)
    assert _try(PASSWORD, username="omar") == 302, "another user from the same address"


def test_the_lockout_ends_after_fifteen_minutes(amina: None) -> None:
    _fail(5)
    assert _try(PASSWORD) == 429
    earlier = timezone.now() - datetime.timedelta(minutes=15, seconds=1)
    AccessAttempt.objects.update(attempt_time=earlier)
    assert _try(PASSWORD) == 302


def test_a_success_resets_the_count(amina: None) -> None:
    _fail(4)
    assert _try(PASSWORD) == 302
    assert _fail(4) == [200] * 4, "four more failures are allowed again"
