"""Settings come from the environment, with safe defaults."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection


@pytest.mark.django_db
def test_engine_is_the_one_configured() -> None:
    """.ci/run sets DIGITEAM_EXPECT_ENGINE for its PostgreSQL pass; SQLite is the default."""
    url = os.environ.get("DIGITEAM_DATABASE_URL", "")
    default = "postgresql" if url.startswith(("postgres", "postgresql")) else "sqlite"
    expected = os.environ.get("DIGITEAM_EXPECT_ENGINE", default)
    assert connection.vendor == expected


def _settings_in_subprocess(env: dict[str, str], expr: str) -> str:
    code = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'digiteam.settings'; "
        f"django.setup(); from django.conf import settings; print({expr})"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DIGITEAM_")}
    out = subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    env = {"DIGITEAM_DATA_DIR": str(tmp_path)}
    first = _settings_in_subprocess(env, "settings.SECRET_KEY")
    second = _settings_in_subprocess(env, "settings.SECRET_KEY")
    assert first == second and len(first) >= 50
    key_file = tmp_path / "secret_key"
    assert key_file.read_text() == first
    assert key_file.stat().st_mode & 0o077 == 0


def test_defaults_are_safe(tmp_path: Path) -> None:
    env = {"DIGITEAM_DATA_DIR": str(tmp_path)}
    assert _settings_in_subprocess(env, "settings.DEBUG") == "False"
    db = _settings_in_subprocess(env, "settings.DATABASES['default']['NAME']")
    assert db == str(tmp_path / "digiteam.sqlite3")


def test_database_url_selects_postgresql(tmp_path: Path) -> None:
    env = {
        "DIGITEAM_DATA_DIR": str(tmp_path),
        "DIGITEAM_DATABASE_URL": "postgresql://u@127.0.0.1:5432/plan",
    }
    engine = _settings_in_subprocess(env, "settings.DATABASES['default']['ENGINE']")
    assert engine == "django.db.backends.postgresql"


def test_debug_is_off_in_this_run() -> None:
    assert settings.DEBUG is False
