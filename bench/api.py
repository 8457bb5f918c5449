"""API throughput under load: a filtered page of 100 positions beside a bare JSON endpoint.

    uv run python bench/api.py [--positions 10000] [--connections 32] [--duration 10]
                               [--runs 3] [--workers 2] [--port 8765] [--database-url URL]
                               [--write]

Builds a fresh database (a temporary SQLite data dir, or a throw-away database on the
PostgreSQL server of ``--database-url``) with a generated organisation and an API token, starts
``digiteam serve`` on 127.0.0.1 with the benchmark's settings (``_bench_settings``: the
application plus ``/bench/bare.json``, a route that never ships), and loads both URLs with wrk
(``-t1 -c32``, keep-alive), alternating, after a warm-up. Reports requests per second and the
ratio digiteam / bare (target ≥ 0.5). With ``--write``, also saves the figures to
``bench/results/api.json`` (one entry per database: a run replaces its database's) and rewrites
the generated blocks of docs/performance.md (``_report.py``). Skips with a message, and exit
status 0, where wrk is not installed (``apt-get install wrk``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import urllib.parse
import urllib.request
from typing import Any

import _report
from _serve import environment, log, prepare, serving, wrk, wrk_figures
from _setup import db_version

TARGET = 0.5


def measure(url: str, seconds: float, connections: int, token: str) -> dict[str, float]:
    out = wrk(url, seconds, connections, headers=[f"Authorization: Bearer {token}"])
    figures = wrk_figures(out)
    if figures["non_2xx"]:
        raise SystemExit(f"{url}: {figures['non_2xx']:.0f} answers were not 2xx:\n{out}")
    return figures


def run(args: argparse.Namespace) -> dict[str, Any]:
    gov, token = prepare(args.positions)
    with serving(args.port, args.workers) as base:
        urls = {
            "floor": f"{base}/bench/bare.json",
            "digiteam": f"{base}/api/v1/governments/{gov}/positions?status=filled&page_size=100",
        }
        request = urllib.request.Request(urls["digiteam"])
        request.add_header("Authorization", f"Bearer {token}")
        with urllib.request.urlopen(request, timeout=30) as answer:
            page = json.load(answer)
        if len(page["results"]) != 100:
            raise SystemExit(f"the filtered page has {len(page['results'])} positions, not 100")
        for url in urls.values():  # warm-up: workers started, caches filled
            measure(url, 2, args.connections, token)
        results: dict[str, list[dict[str, float]]] = {name: [] for name in urls}
        for i in range(args.runs):
            order = list(urls) if i % 2 == 0 else list(reversed(urls))
            for name in order:
                results[name].append(measure(urls[name], args.duration, args.connections, token))
            log(
                f"run {i + 1}/{args.runs}: "
                + ", ".join(f"{n} {r[-1]['rps']:.0f} req/s" for n, r in results.items())
            )
    paths = {name: urllib.parse.urlsplit(url)._replace(scheme="", netloc="").geturl()
             for name, url in urls.items()}  # fmt: skip
    return {"urls": paths, "count": page["count"], "results": results}


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


SETTINGS = ("positions", "connections", "duration", "runs", "workers")


def block(stored: dict[str, Any] | None) -> str:
    """The "api" block of docs/performance.md: each database's latest ``--write`` run."""
    lines = ["### API throughput (generated from `bench/results/api.json`)", ""]
    if not stored:
        lines.append("No results yet: `uv run python bench/api.py --write`.")
    for engine, label in _report.ENGINES.items():
        if stored and engine in stored:
            entry = stored[engine]
            args = argparse.Namespace(**entry["settings"])
            lines += [f"#### {label}", "", _report.measured_on(entry), ""]
            lines += [report(args, entry, label), ""]
    return "\n".join(lines)


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
    parser.add_argument(
        "--write",
        action="store_true",
        help="save the figures to bench/results/api.json and rewrite the generated blocks of "
        "docs/performance.md",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("skipped: wrk is not installed (apt-get install wrk); nothing was measured.")
        return
    if args.write:  # before the run, not after it
        _report.check_before_run()
    began, load = _report.utc_now(), os.getloadavg()
    with environment(args.database_url, "api") as database:
        out = run(args)
        from django.db import connection

        version = db_version(connection)
        connection.close()
    print(report(args, out, database))
    if args.write:
        out["settings"] = {name: getattr(args, name) for name in SETTINGS}
        out |= _report.provenance(began, load, version, "api.py", sys.argv[1:])
        stored = _report.results_load().get("api", {})
        _report.write_results("api", {**stored, database.lower(): out})


if __name__ == "__main__":
    main()
