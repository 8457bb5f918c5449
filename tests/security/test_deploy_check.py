"""``digiteam check-deploy`` is clean with the production environment docs/deploy.md gives,
and names what is missing without it."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path


def _clean() -> dict[str, str]:
    """This process's environment without digiteam's settings and the browser tests' flag."""
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DIGITEAM_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = _clean()
    return subprocess.run(
        [sys.executable, "-m", "digiteam", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def _production(tmp_path: Path) -> dict[str, str]:
    return {
        "DIGITEAM_DATA_DIR": str(tmp_path),
        "DIGITEAM_SECRET_KEY": secrets.token_urlsafe(50),
        "DIGITEAM_ALLOWED_HOSTS": "digiteam.example.org",
        "DIGITEAM_HTTPS": "1",
        "DIGITEAM_PROXY_COUNT": "1",
    }


def test_the_production_settings_pass_the_deployment_checks(tmp_path: Path) -> None:
    out = _run(_production(tmp_path), "check-deploy")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "WARNING" not in out.stdout + out.stderr
    assert "System check identified no issues" in out.stdout


def test_without_https_each_missing_protection_is_named(tmp_path: Path) -> None:
    env = {**_production(tmp_path), "DIGITEAM_HTTPS": "0"}
    out = _run(env, "check-deploy")
    assert out.returncode == 1
    for code in ["W004", "W008", "W012", "W016"]:  # HSTS, redirect, session and CSRF cookies
        assert f"security.{code}" in out.stderr, code


def test_debug_and_a_weak_key_are_refused(tmp_path: Path) -> None:
    env = {**_production(tmp_path), "DIGITEAM_DEBUG": "1", "DIGITEAM_SECRET_KEY": "short"}
    out = _run(env, "check-deploy")
    assert out.returncode == 1
    assert "security.W018" in out.stderr and "security.W009" in out.stderr


def test_the_organisation_check_keeps_its_name(tmp_path: Path) -> None:
    out = _run({"DIGITEAM_DATA_DIR": str(tmp_path)}, "check", "--help")
    assert "--government" in out.stdout and "--deploy" not in out.stdout


def test_the_https_settings_follow_the_environment(tmp_path: Path) -> None:
    code = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'digiteam.settings'; "
        "django.setup(); from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_PROXY_SSL_HEADER, s.CSRF_TRUSTED_ORIGINS)"
    )
    clean = _clean()
    env = {
        **clean,
        **_production(tmp_path),
        "DIGITEAM_HSTS_SECONDS": "3600",
        "DIGITEAM_CSRF_TRUSTED_ORIGINS": "https://digiteam.example.org",
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.split(" ", 4) == [
        "True",
        "True",
        "True",
        "3600",
        "('HTTP_X_FORWARDED_PROTO', 'https') ['https://digiteam.example.org']\n",
    ], out.stderr
    env["DIGITEAM_PROXY_COUNT"] = "two"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert "DIGITEAM_PROXY_COUNT must be a whole number, not 'two'" in out.stderr
