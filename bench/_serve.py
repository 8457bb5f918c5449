"""What the benchmarks that load a server share: a PostgreSQL cluster of their own, a fresh
database with a generated organisation, ``digiteam serve`` on 127.0.0.1, wrk and its output
(``api.py``, ``load.py``)."""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
REQUESTS = re.compile(r"^\s+(\d+) requests in ([\d.]+)(us|ms|s|m)", re.MULTILINE)
PERCENTILE = re.compile(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$", re.MULTILINE)
NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def log(message: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def prepare(positions: int, password: str | None = None) -> tuple[str, str]:
    """Migrate, load the reference data and a generated organisation (``generate_org(seed=1)``,
    50 ministries at 10,000 positions, 200 at 100,000); an administrator ``bench`` (with
    ``password``, to sign in to the pages) and a read-write API token of theirs. Returns the
    government's code and the token's secret."""
    sys.path.insert(0, str(HERE))
    from _setup import django_with_fresh_database

    django_with_fresh_database()
    from django.contrib.auth import get_user_model
    from django.db import connections
    from django.utils import timezone

    from digiteam.accounts.services import api_token_create
    from digiteam.organisation.generator import generate_org
    from digiteam.organisation.models import Government
    from digiteam.organisation.orgfile import org_dump, org_import
    from digiteam.reference import reference_load

    reference_load()
    ministries = max(1, round(50 * (positions / 10_000) ** 0.6))
    org = generate_org(ministries=ministries, positions=positions, seed=1)
    org_import(text=org_dump(org, "yaml"), filename="generated.yaml")
    admin = get_user_model().objects.create_superuser("bench", password=password)
    _, secret = api_token_create(
        user=admin,
        name="bench",
        expires=timezone.now() + datetime.timedelta(days=1),
        read_write=True,
    )
    code = Government.objects.get().code
    connections.close_all()  # the server's workers hold the connections from here on
    return code, secret


@contextmanager
def environment(database_url: str | None, label: str) -> Iterator[str]:
    """The settings of a benchmark's server (a temporary data dir, ``_bench_settings``) in
    ``os.environ``, on a throw-away database of the PostgreSQL server of ``database_url`` or on
    SQLite. Yields the database's name for the report; everything is removed on exit."""
    sys.path.insert(0, str(HERE))
    from run import ThrowAwayDatabase

    with tempfile.TemporaryDirectory(prefix=f"digiteam-bench-{label}-") as tmp:
        os.environ.update(
            {
                "DIGITEAM_DATA_DIR": str(Path(tmp) / "data"),
                "DJANGO_SETTINGS_MODULE": "_bench_settings",
                "PYTHONPATH": os.pathsep.join(
                    filter(None, [str(HERE), os.environ.get("PYTHONPATH")])
                ),
            }
        )
        if database_url:
            name = f"digiteam_bench_{label}_{os.getpid()}"
            with ThrowAwayDatabase(database_url, name) as url:
                os.environ["DIGITEAM_DATABASE_URL"] = url
                yield "PostgreSQL"
        else:
            os.environ.pop("DIGITEAM_DATABASE_URL", None)
            yield "SQLite"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pg_bin() -> Path | None:
    """The programs of the newest PostgreSQL installed by Debian's packages, if any."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: tuple(int(n) for n in p.parts[-3].split(".") if n.isdigit()),
    )
    return found[-1].parent if found else None


@contextmanager
def private_cluster(bin_dir: Path) -> Iterator[str]:
    """A PostgreSQL cluster of its own in a temporary directory, on 127.0.0.1 only; stopped
    (``pg_ctl stop`` on its data directory, else its postmaster's PID) and removed on exit."""
    tmp = Path(tempfile.mkdtemp(prefix="digiteam-bench-pg-"))
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_pg:
        shutil.chown(tmp, "postgres", "postgres")
    data, port = tmp / "data", free_port()
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {tmp}"
    options += " -c fsync=off -c synchronous_commit=off"  # a throw-away cluster
    initdb = [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust"]
    start = [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(tmp / "server.log"), "-w"]
    quiet: dict[str, Any] = {"stdout": subprocess.DEVNULL, "check": True, "timeout": 120}
    try:
        subprocess.run([*as_pg, *initdb, "-E", "UTF8", "--locale=C.UTF-8"], **quiet)
        subprocess.run([*as_pg, *start, "start", "-o", options], **quiet)
        log(f"PostgreSQL cluster started on 127.0.0.1:{port}")
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        pid_file = data / "postmaster.pid"
        pid = int(pid_file.read_text().split()[0]) if pid_file.exists() else None
        stop = [*as_pg, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]
        if subprocess.run(stop, stdout=subprocess.DEVNULL, timeout=120).returncode and pid:
            os.kill(pid, signal.SIGQUIT)
        shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def postgresql(database_url: str | None, bin_dir: Path | None) -> Iterator[str]:
    """The server of ``database_url``, else a private cluster for the run."""
    if database_url:
        yield database_url
        return
    assert bin_dir is not None
    with private_cluster(bin_dir) as url:
        yield url


def wait_ready(base: str, server: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server stopped before it was ready")
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the server was not ready after {timeout:g} s")


@contextmanager
def serving(port: int, workers: int, logs: Path | None = None) -> Iterator[str]:
    """``digiteam serve`` on 127.0.0.1 with the current environment, until /readyz answers;
    yields its base URL. Stopped on exit by its own PID: SIGTERM, then SIGKILL after 60 s.
    With ``logs``, its access log goes to ``logs/access.log`` and its errors to ``error.log``."""
    base = f"http://127.0.0.1:{port}"
    digiteam = shutil.which("digiteam") or str(Path(sys.executable).with_name("digiteam"))
    with contextlib.ExitStack() as files:
        out = files.enter_context(open(logs / "access.log", "ab")) if logs else subprocess.DEVNULL
        err = files.enter_context(open(logs / "error.log", "ab")) if logs else None
        server = subprocess.Popen(
            [digiteam, "serve", "--host", "127.0.0.1", "--port", str(port),
             "--workers", str(workers)],
            env={**os.environ}, stdout=out, stderr=err,
        )  # fmt: skip
    try:
        wait_ready(base, server)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wrk(
    url: str,
    seconds: float,
    connections: int,
    *,
    threads: int = 1,
    headers: Sequence[str] = (),
    script: str | None = None,
    timeout: float | None = None,
) -> str:
    """wrk's output for one bounded run (``--latency``) on ``url``."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    if timeout:
        command += ["--timeout", f"{timeout:g}s"]
    return subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout


def wrk_figures(out: str) -> dict[str, float]:
    """Requests, req/s, p50/p75/p90/p99 in ms, non-2xx-or-3xx answers and socket errors."""
    rate, requests = RATE.search(out), REQUESTS.search(out)
    percentiles = {f"p{m.group(1)}_ms": float(m.group(2)) * TO_MS[m.group(3)]
                   for m in PERCENTILE.finditer(out)}  # fmt: skip
    if rate is None or requests is None or "p99_ms" not in percentiles:
        raise SystemExit(f"unreadable wrk output:\n{out}")
    bad, socket = NON_2XX.search(out), SOCKET.search(out)
    errors = [int(n) for n in socket.groups()] if socket else [0, 0, 0, 0]
    return {
        "requests": int(requests.group(1)),
        "rps": float(rate.group(1)),
        **percentiles,
        "non_2xx": int(bad.group(1)) if bad else 0,
        **dict(zip(["connect", "read", "write", "timeout"], errors, strict=True)),
    }
