"""API throughput under load: a filtered page of 100 positions beside a bare JSON endpoint.

    uv run python bench/api.py [--positions 10000] [--connections 32] [--duration 10]
                               [--runs 3] [--workers 2] [--port 8765] [--database-url URL]

Builds a fresh database (a temporary SQLite data dir, or a throw-away database on the
PostgreSQL server of ``--database-url``) with a generated organisation and an API token, starts
``digiteam serve`` on 127.0.0.1 with the benchmark's settings (``_bench_settings``: the
application plus ``/bench/bare.json``, a route that never ships), and loads both URLs with wrk
(``-t1 -c32``, keep-alive), alternating, after a warm-up. Reports requests per second and the
ratio digiteam / bare (target ≥ 0.5). Skips with a message, and exit status 0, where wrk is
not installed (``apt-get install wrk``).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TARGET = 0.5
RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
P99 = re.compile(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")


def log(message: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def prepare(positions: int) -> tuple[str, str]:
    """Migrate, load the reference data and a generated organisation; a token. Returns the
    government's code and the token's secret."""
    sys.path.insert(0, str(HERE))
    from _setup import django_with_fresh_database

    django_with_fresh_database()
    from django.contrib.auth import get_user_model
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
    admin = get_user_model().objects.create_superuser("bench", password=None)
    _, secret = api_token_create(
        user=admin, name="bench", expires=timezone.now() + datetime.timedelta(days=1)
    )
    return Government.objects.get().code, secret


def wrk(url: str, seconds: float, connections: int, token: str) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--latency",
         "-H", f"Authorization: Bearer {token}", url],
        capture_output=True, text=True, check=True, timeout=seconds + 60,
    ).stdout  # fmt: skip
    rate = RATE.search(out)
    p99 = P99.search(out)
    bad = NON_2XX.search(out)
    if rate is None or p99 is None:
        raise SystemExit(f"unreadable wrk output:\n{out}")
    if bad:
        raise SystemExit(f"{url}: {bad.group(1)} answers were not 2xx:\n{out}")
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    return {"rps": float(rate.group(1)), "p99_ms": float(p99.group(1)) * scale}


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


def run(args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    os.environ.update(env)
    gov, token = prepare(args.positions)
    base = f"http://127.0.0.1:{args.port}"
    urls = {
        "floor": f"{base}/bench/bare.json",
        "digiteam": f"{base}/api/v1/governments/{gov}/positions?status=filled&page_size=100",
    }
    digiteam = shutil.which("digiteam") or str(Path(sys.executable).with_name("digiteam"))
    server = subprocess.Popen(
        [digiteam, "serve", "--host", "127.0.0.1", "--port", str(args.port),
         "--workers", str(args.workers)],
        env={**os.environ}, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_ready(base, server)
        request = urllib.request.Request(urls["digiteam"])
        request.add_header("Authorization", f"Bearer {token}")
        with urllib.request.urlopen(request, timeout=30) as answer:
            page = json.load(answer)
        if len(page["results"]) != 100:
            raise SystemExit(f"the filtered page has {len(page['results'])} positions, not 100")
        for url in urls.values():  # warm-up: workers started, caches filled
            wrk(url, 2, args.connections, token)
        results: dict[str, list[dict[str, float]]] = {name: [] for name in urls}
        for i in range(args.runs):
            order = list(urls) if i % 2 == 0 else list(reversed(urls))
            for name in order:
                results[name].append(wrk(urls[name], args.duration, args.connections, token))
            log(
                f"run {i + 1}/{args.runs}: "
                + ", ".join(f"{n} {r[-1]['rps']:.0f} req/s" for n, r in results.items())
            )
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
    return {"urls": urls, "count": page["count"], "results": results}


def report(args: argparse.Namespace, out: dict[str, Any], database: str) -> str:
    res = out["results"]
    rps = {n: statistics.median(r["rps"] for r in runs) for n, runs in res.items()}
    p99 = {n: statistics.median(r["p99_ms"] for r in runs) for n, runs in res.items()}
    pairs = [d["rps"] / f["rps"] for d, f in zip(res["digiteam"], res["floor"], strict=True)]
    ratio = rps["digiteam"] / rps["floor"]
    return "\n".join(
        [
            f"API throughput, {args.positions:,} positions, {database}, `digiteam serve` with "
            f"{args.workers} workers on 127.0.0.1, wrk -t1 -c{args.connections} "
            f"-d{args.duration:g}s, {args.runs} runs:",
            "",
            "| endpoint | req/s (median) | p99 latency (median) |",
            "| --- | ---: | ---: |",
            f"| digiteam: `{out['urls']['digiteam'].split('/api/', 1)[1]}` "
            f"({out['count']:,} match, 100 a page) | {rps['digiteam']:.0f} | "
            f"{p99['digiteam']:.1f} ms |",
            f"| floor: `/bench/bare.json` | {rps['floor']:.0f} | {p99['floor']:.1f} ms |",
            "",
            f"Throughput ratio digiteam / floor: {ratio:.2f} (each run {min(pairs):.2f} to "
            f"{max(pairs):.2f}); target ≥ {TARGET:g}: {'met' if ratio >= TARGET else 'missed'}.",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--positions", type=int, default=10_000)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=float, default=10, help="seconds per wrk run (10)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="server worker processes (2)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database-url", help="a PostgreSQL server to run on (else SQLite)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("skipped: wrk is not installed (apt-get install wrk); nothing was measured.")
        return
    from run import ThrowAwayDatabase

    with tempfile.TemporaryDirectory(prefix="digiteam-bench-api-") as tmp:
        env = {
            "DIGITEAM_DATA_DIR": str(Path(tmp) / "data"),
            "DJANGO_SETTINGS_MODULE": "_bench_settings",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")])),
        }
        if args.database_url:
            name = f"digiteam_bench_api_{os.getpid()}"
            with ThrowAwayDatabase(args.database_url, name) as url:
                out = run(args, {**env, "DIGITEAM_DATABASE_URL": url})
            database = "PostgreSQL"
        else:
            os.environ.pop("DIGITEAM_DATABASE_URL", None)
            out = run(args, env)
            database = "SQLite"
    print(report(args, out, database))


if __name__ == "__main__":
    main()
