"""`digiteam serve` as a deployment runs it: migrate, serve, probe, stop with SIGTERM."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError
from django.db.migrations.recorder import MigrationRecorder
from pytest_django import Settings

from digiteam.cli import server

DIGITEAM = str(Path(sys.executable).parent / "digiteam")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env() -> dict[str, str]:
    # SQLite in the data folder, whatever the surrounding run uses
    return {k: v for k, v in os.environ.items() if not k.startswith("DIGITEAM_")}


def _get(url: str, deadline: float) -> tuple[int, str]:
    """Status and body, retried while the server starts; an HTTP error status is an answer."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_serve_answers_the_probes_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    data = tmp_path / "data"
    migrate = [DIGITEAM, "migrate", "--data-dir", str(data)]
    done = subprocess.run(migrate, env=_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(data / "digiteam.sqlite3") as db:  # the shared cache's table
        assert db.execute("select count(*) from digiteam_cache").fetchone() == (0,)

    port = _free_port()
    args = [DIGITEAM, "serve", "--workers", "2", "--port", str(port), "--data-dir", str(data)]
    server_process = subprocess.Popen(
        args, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        base = f"http://127.0.0.1:{port}"
        assert _get(f"{base}/healthz", time.monotonic() + 90) == (200, "ok")
        status, body = _get(f"{base}/readyz", time.monotonic() + 5)
        assert (status, json.loads(body)) == (200, {"status": "ready"})
        status, css = _get(f"{base}/static/digiteam/site.css", time.monotonic() + 5)
        assert status == 200 and "--brand" in css  # collected at start, served by WhiteNoise
        assert (data / "static" / "staticfiles.json").exists()
    finally:
        stopped_at = time.monotonic()
        server_process.send_signal(signal.SIGTERM)
        try:
            output, _ = server_process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            server_process.kill()
            output, _ = server_process.communicate()
    assert server_process.returncode == 0, output
    assert time.monotonic() - stopped_at < 10, output
    assert "with 2 worker(s) of 4 thread(s)" in output
    assert "Not ready" not in output
    assert output.count("Serving digiteam") == 1  # no worker wrote the parent's buffer again


def test_the_default_number_of_workers_follows_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    for cores, workers in ((1, 3), (2, 5), (3, 7), (4, 8), (64, 8)):
        monkeypatch.setattr(os, "sched_getaffinity", lambda _, n=cores: set(range(n)))
        assert server.default_workers() == workers


def test_workers_and_threads_are_positive() -> None:
    parser = load_command_class("digiteam.cli", "serve").create_parser("digiteam", "serve")
    for option in ("--workers", "--threads"):
        for bad in ("0", "-2", "two"):
            with pytest.raises(CommandError, match="not a positive whole number"):
                parser.parse_args([option, bad])


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """`serve` as called by the command, without starting a server."""
    calls: list[dict[str, object]] = []
    monkeypatch.setattr(
        "digiteam.cli.management.commands.serve.serve", lambda **kwargs: calls.append(kwargs)
    )
    return calls


@pytest.mark.django_db
def test_serve_passes_its_options_and_says_when_not_ready(
    served: list[dict[str, object]],
) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("serve", "--workers", "3", "--threads", "2", stdout=out, stderr=err)
    assert served == [{"host": "127.0.0.1", "port": 8000, "workers": 3, "threads": 2}]
    assert err.getvalue() == ""

    MigrationRecorder.Migration.objects.filter(app="cli").delete()
    call_command("serve", stdout=out, stderr=err)
    assert served[1]["workers"] == server.default_workers()
    assert "Not ready: 1 migration(s) not applied: run digiteam migrate." in err.getvalue()


def test_static_files_are_collected_when_missing_or_stale(
    tmp_path: Path, settings: Settings
) -> None:
    source = tmp_path / "source"
    source.mkdir()
    (source / "app.css").write_text("body { color: black }")
    settings.STATICFILES_DIRS = [source]
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    assert server.static_collect_if_stale() is True  # no manifest yet
    manifest = tmp_path / "static" / "staticfiles.json"
    assert "app.css" in manifest.read_text()
    assert server.static_collect_if_stale() is False  # nothing newer

    later = manifest.stat().st_mtime + 10
    os.utime(source / "app.css", (later, later))  # an upgrade brought a new file
    assert server.static_collect_if_stale() is True


def test_nothing_is_collected_in_debug_where_whitenoise_reads_the_apps(
    tmp_path: Path, settings: Settings
) -> None:
    settings.STATIC_ROOT = tmp_path / "static"  # conftest: plain storage, as in debug
    assert server.static_collect_if_stale() is False
    assert not (tmp_path / "static").exists()
