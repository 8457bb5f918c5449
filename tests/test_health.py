"""/healthz and /readyz as a proxy or an orchestrator sees them; state shared by every process."""

from __future__ import annotations

from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import OperationalError
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from pytest_django import Settings

from digiteam.accounts.guards import with_login_required


@pytest.fixture
def login_enforced(settings: Settings) -> None:
    settings.MIDDLEWARE = with_login_required(settings.MIDDLEWARE)


def test_healthz_answers_ok_without_the_database(client: Client) -> None:
    # no django_db mark: any query in the request would fail the test
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_ready_on_a_migrated_database(client: Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_unavailable_while_a_migration_is_not_applied(client: Client) -> None:
    MigrationRecorder.Migration.objects.filter(app="cli", name="0001_cache_table").delete()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "reason": "1 migration(s) not applied: run digiteam migrate",
        "unapplied": ["cli.0001_cache_table"],
    }


def test_readyz_is_unavailable_when_the_database_does_not_answer(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    down = OperationalError('connection to server at "db.internal" failed: password wrong')
    with mock.patch.object(MigrationRecorder, "applied_migrations", side_effect=down):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "reason": "database unreachable"}
    assert b"db.internal" not in response.content  # details go to the log only
    assert 'connection to server at "db.internal" failed' in caplog.text


@pytest.mark.django_db
@pytest.mark.usefixtures("login_enforced")
def test_probes_need_no_sign_in_when_sign_in_is_enforced(client: Client) -> None:
    assert client.get("/").status_code == 302  # the middleware is on
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200


def test_probes_only_answer_reads(client: Client) -> None:
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_the_cache_and_the_sessions_live_in_the_database() -> None:
    # another worker or host sees what this one stored: nothing is kept in process memory
    assert django_settings.CACHES["default"]["BACKEND"].endswith("db.DatabaseCache")
    assert django_settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert django_settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    cache.set("shared", {"by": "worker 1"})
    assert cache.get("shared") == {"by": "worker 1"}
