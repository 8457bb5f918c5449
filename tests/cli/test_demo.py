"""`digiteam demo` on a fresh data folder, as a new user runs it."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

DIGITEAM = str(Path(sys.executable).parent / "digiteam")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env() -> dict[str, str]:
    # the demo promises embedded SQLite: no database URL from the surrounding run
    return {k: v for k, v in os.environ.items() if not k.startswith("DIGITEAM_")}


def _get(url: str, deadline: float) -> tuple[int, str]:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_demo_serves_the_taxonomy_and_reuses_its_data(tmp_path: Path) -> None:
    port = _free_port()
    args = [DIGITEAM, "demo", "--port", str(port), "--data-dir", str(tmp_path / "data")]
    server = subprocess.Popen(
        args, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        status, page = _get(f"http://127.0.0.1:{port}/taxonomy/", time.monotonic() + 90)
        assert status == 200
        assert "Chief information officer (CIO)" in page
        _, org = _get(f"http://127.0.0.1:{port}/org/", time.monotonic() + 5)
        assert "Government of Djibouti (illustrative)" in org
        _, css = _get(f"http://127.0.0.1:{port}/static/digiteam/site.css", time.monotonic() + 5)
        assert "--brand" in css
    finally:
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output
    password = re.search(r"password: (\S+)", output)
    assert password and len(password.group(1)) >= 12
    assert (tmp_path / "data" / "digiteam.sqlite3").exists()

    again = subprocess.run(
        [*args, "--no-serve"], env=_env(), capture_output=True, text=True, timeout=120
    )
    assert again.returncode == 0, again.stderr
    assert "exists" in again.stdout and password.group(1) not in again.stdout


def test_help_lists_the_commands() -> None:
    out = subprocess.run([DIGITEAM, "--help"], capture_output=True, text=True, env=_env())
    assert out.returncode == 0
    for command in ("demo", "load-reference", "gitbook", "serve"):
        assert command in out.stdout
    for command in ("demo", "load-reference", "serve"):
        sub = subprocess.run([DIGITEAM, command, "--help"], capture_output=True, text=True)
        assert sub.returncode == 0 and "usage:" in sub.stdout
