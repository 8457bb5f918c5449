"""`digiteam demo` on a fresh data folder, as a new user runs it."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

DIGITEAM = str(Path(sys.executable).parent / "digiteam")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env() -> dict[str, str]:
    # the demo promises embedded SQLite: no database URL from the surrounding run
    return {k: v for k, v in os.environ.items() if not k.startswith("DIGITEAM_")}


def _get(
    url: str, deadline: float, opener: urllib.request.OpenerDirector | None = None
) -> tuple[int, str, str]:
    """Status, body and the address it came from after redirects, retried while starting."""
    while True:
        try:
            with (opener or urllib.request.build_opener()).open(url, timeout=5) as response:
                return response.status, response.read().decode(), response.url
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _read_lines(process: subprocess.Popen[str], lines: list[str]) -> None:
    for line in process.stdout or ():
        lines.append(line)


def _printed_password(lines: list[str], deadline: float) -> str:
    while time.monotonic() < deadline:
        found = re.search(r"password: (\S+)", "".join(lines))
        if found:
            return found.group(1)
        time.sleep(0.1)
    raise AssertionError("no password printed: " + "".join(lines))


def _sign_in(base: str, password: str) -> str:
    """Sign in through the form as a new user does; the organisation list it leads to."""
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    _, form, _ = _get(f"{base}/accounts/login/?next=/org/", time.monotonic() + 5, browser)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert token, form
    data = {
        "csrfmiddlewaretoken": token.group(1),
        "username": "admin",
        "password": password,
        "next": "/org/",
    }
    request = urllib.request.Request(
        f"{base}/accounts/login/",
        data=urllib.parse.urlencode(data).encode(),
        headers={"Referer": f"{base}/accounts/login/"},
    )
    with browser.open(request, timeout=10) as response:
        assert response.url == f"{base}/org/", "signed in, back to the page asked for"
        return str(response.read().decode())


def test_demo_serves_the_taxonomy_and_reuses_its_data(tmp_path: Path) -> None:
    port = _free_port()
    args = [DIGITEAM, "demo", "--port", str(port), "--data-dir", str(tmp_path / "data")]
    server = subprocess.Popen(
        args, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: list[str] = []  # the output, read as it comes: the password is needed meanwhile
    reader = threading.Thread(target=_read_lines, args=(server, lines), daemon=True)
    reader.start()
    base = f"http://127.0.0.1:{port}"
    try:
        status, page, _ = _get(f"{base}/taxonomy/", time.monotonic() + 90)
        assert status == 200, "the taxonomy is public"
        assert "Chief information officer (CIO)" in page
        _, _, landed = _get(f"{base}/org/", time.monotonic() + 5)
        assert landed == f"{base}/accounts/login/?next=/org/", "the organisation needs sign-in"
        org = _sign_in(base, _printed_password(lines, time.monotonic() + 5))
        assert "Government of Djibouti (illustrative)" in org
        _, css, _ = _get(f"{base}/static/digiteam/site.css", time.monotonic() + 5)
        assert "--brand" in css
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        reader.join(timeout=5)
    output = "".join(lines)
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
