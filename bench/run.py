"""Organisation benchmarks at national scale: import, sizing, checks and pages, each beside a
floor.

    uv run python bench/run.py [--sizes 10000,100000] [--runs N] [--database-url URL]
                               [--only import,sizing,checks,pages] [--json results.json]
                               [--write] [--budget-minutes 10] [--force]

Each size runs in its own process on its own fresh database: a temporary SQLite data dir, or,
with ``--database-url``, a throw-away database created on that PostgreSQL server (the URL's
own database is only used to create and drop it). Prints Markdown tables. With ``--write`` it
also saves the figures to ``bench/results/sqlite.json`` or ``postgresql.json`` (replacing that
engine's earlier run) and rewrites the generated blocks of docs/performance.md from every
results file (``_report.py``). A size above 100,000 is skipped when the sizes before it predict
it would take longer than ``--budget-minutes`` (unless ``--force``); a size still running after
``--timeout-minutes`` is stopped.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import _report

HERE = Path(__file__).resolve().parent
MINISTRIES = {10_000: 50, 100_000: 200, 1_000_000: 800}
TARGETS = {"import": 2.0, "sizing": 2.0, "checks": 3.0, "dashboard": 3.0, "chart": 3.0, "tree": 3.0}
TITLES = {
    "import": "Import an org file into an empty database (`org_import`)",
    "sizing": "Sizing `djibouti-digital-team` over the whole government (plan, then apply)",
    "checks": "All checks on the government (`snapshot_from_db` + `run_checks`)",
    "dashboard": "The dashboard page of the whole government, beside the aggregate query",
    "chart": "The org chart page of one ministry, beside a bare HTML page",
    "tree": "The unit tree page of one ministry, beside a bare HTML page",
}
PAGES = ("dashboard", "chart", "tree")
VARIANTS = {
    "without_audit": "digiteam without its audit rows",
    "layout": "floor: an empty page in the site's layout",
}
FLOORS = frozenset({"layout"})
BENCHES = ("import", "sizing", "checks", "pages")


def ministries_for(positions: int) -> int:
    return MINISTRIES.get(positions, max(1, round(50 * (positions / 10_000) ** 0.6)))


def run_size(
    positions: int, runs: int, env: dict[str, str], timeout: float, only: str
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="digiteam-bench-") as tmp:
        out = Path(tmp) / "result.json"
        env = {**env, "DIGITEAM_DATA_DIR": str(Path(tmp) / "data")}
        cmd = [
            sys.executable,
            str(HERE / "_org_size.py"),
            "--positions",
            str(positions),
            "--ministries",
            str(ministries_for(positions)),
            "--runs",
            str(runs),
            "--out",
            str(out),
            "--only",
            only,
        ]
        subprocess.run(cmd, env=env, check=True, timeout=timeout)  # killed on timeout
        return json.loads(out.read_text())


class ThrowAwayDatabase:
    """A database of its own on the server of ``url``, dropped on exit."""

    def __init__(self, url: str, name: str):
        self.url, self.name = url, name

    def __enter__(self) -> str:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
            conn.execute(f'CREATE DATABASE "{self.name}"')
        parts = urlsplit(self.url)
        return urlunsplit(parts._replace(path="/" + self.name))

    def __exit__(self, *exc: object) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def estimate_s(done: list[dict[str, Any]], positions: int, runs: int) -> float | None:
    """Seconds a size would take: the last size's time per run, grown as the last two grew."""
    if not done:
        return None
    last = done[-1]
    exponent = 1.0
    if len(done) > 1:
        prev = done[-2]
        grew = (last["wall_s"] / last["runs"]) / (prev["wall_s"] / prev["runs"])
        exponent = max(1.0, math.log(grew) / math.log(last["positions"] / prev["positions"]))
    return last["wall_s"] / last["runs"] * runs * (positions / last["positions"]) ** exponent


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _row(
    label: str, b: dict[str, Any], ours_key: str, target: float, floor_key: str = "floor"
) -> str:
    ours, floor = median(b["times"][ours_key]), median(b["times"][floor_key])
    ratio = _report.ratio(b, ours_key, floor_key)
    pairs = [d / f for d, f in zip(b["times"][ours_key], b["times"][floor_key], strict=True)]
    return (
        f"| {label} | {len(b['times']['floor'])} | {fmt_s(ours)} | "
        f"{fmt_s(floor)} | {ratio:.2f} | {min(pairs):.1f} to {max(pairs):.1f} | "
        f"≤ {target:g} | {'yes' if ratio <= target else 'no'} |"
    )


def tables(results: list[dict[str, Any]], heading: str = "###") -> str:
    lines = []
    for bench, target in TARGETS.items():
        if not any(bench in r for r in results):
            continue
        lines += [
            "",
            f"{heading} {TITLES[bench]}",
            "",
            "| positions | runs | digiteam median | floor median | ratio | each run | target"
            " | met? |",
            "| ---: | ---: | ---: | ---: | ---: | :---: | ---: | --- |",
        ]
        for r in results:
            if bench not in r:
                continue
            b = r[bench]
            lines.append(_row(f"{r['positions']:,}", b, "digiteam", target))
            for variant in b["times"]:
                if variant not in ("digiteam", "floor"):
                    label = f"{r['positions']:,} ({VARIANTS.get(variant, variant)})"
                    if variant in FLOORS:  # digiteam beside a second floor
                        lines.append(_row(label, b, "digiteam", target, floor_key=variant))
                    else:
                        lines.append(_row(label, b, variant, target))
    lines += ["", "Details:"]
    for r in results:
        lines += [
            "",
            f"- {r['positions']:,} positions, {r['ministries']} ministries, "
            f"{r['yaml_mib']:.1f} MiB of YAML; process max RSS {r['maxrss_mib']:.0f} MiB; "
            f"{r['wall_s']:.0f} s for the size.",
        ]
        if "import" in r:
            rows = ", ".join(f"{k} {v:,}" for k, v in r["import"]["rows"].items() if v)
            lines.append(f"  - import writes {rows}.")
        if "sizing" in r:
            siz = r["sizing"]
            lines.append(
                f"  - sizing adds {siz['rows']:,} positions; of digiteam's time, the plan: median "
                f"{fmt_s(median(siz['plan_times']))}, the apply (reading again, comparing the "
                f"basis, writing, audit): {fmt_s(median(siz['apply_times']))}."
            )
        if "checks" in r:
            chk = r["checks"]
            ours = median(chk["times"]["digiteam"])
            read = median(chk["rows_floor_times"])
            lines.append(
                f"  - checks: {chk['positions']:,} positions, {chk['rules']} rules, "
                f"{chk['findings']:,} findings; snapshot median "
                f"{fmt_s(median(chk['snapshot_times']))}, rules the rest; the floor returns "
                f"{chk['groups']:,} groups. Reading the snapshot's own {chk['queries']} queries "
                f"raw: median {fmt_s(read)} (digiteam / that = {ours / read:.1f}). Peak memory "
                f"of one checks run (tracemalloc): {chk['peak_traced_mib']:.0f} MiB."
            )
        for bench in PAGES:
            if bench in r and r[bench].get("note"):
                lines.append(f"  - {bench}: {r[bench]['note']}")
    if len(results) > 1:
        lines += [
            "",
            "Growth (median time at the larger size / at the smaller):",
            "",
            "| benchmark | sizes | digiteam | floor | positions |",
            "| --- | --- | ---: | ---: | ---: |",
        ]
        for bench in TARGETS:
            for a, b in itertools.pairwise(results):
                if bench not in a or bench not in b:
                    continue
                grow = {
                    k: median(b[bench]["times"][k]) / median(a[bench]["times"][k])
                    for k in ("digiteam", "floor")
                }
                lines.append(
                    f"| {bench} | {a['positions']:,} → {b['positions']:,} | "
                    f"x{grow['digiteam']:.1f} | x{grow['floor']:.1f} | "
                    f"x{b['positions'] / a['positions']:.3g} |"
                )
    return "\n".join(lines)


def blocks(stored: dict[str, Any]) -> dict[str, str]:
    """The summary and each engine's block of docs/performance.md, from the results files."""
    runs = {engine: stored[engine] for engine in _report.ENGINES if engine in stored}
    out = {"summary": _report.summary(runs, TARGETS)}
    for engine, label in _report.ENGINES.items():
        lines = [f"### {label} (generated from `bench/results/{engine}.json`)", ""]
        if engine not in runs:
            url = " --database-url postgresql://…" if engine == "postgresql" else ""
            lines.append(f"No results yet: `uv run python bench/run.py{url} --write`.")
        else:
            lines += [_report.measured_on(runs[engine]), tables(runs[engine]["results"], "####")]
            lines += [f"\n- {line}" for line in runs[engine]["skipped"]]
        out[engine] = "\n".join(lines)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000", help="positions, comma-separated")
    parser.add_argument(
        "--runs",
        type=int,
        help="import runs per size (default 3, 1 above 100,000); sizing and checks run at least 5",
    )
    parser.add_argument("--database-url", help="a PostgreSQL server to run on (else SQLite)")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument(
        "--write",
        action="store_true",
        help="save the figures to bench/results/<engine>.json and rewrite the generated blocks "
        "of docs/performance.md",
    )
    parser.add_argument(
        "--only",
        default=",".join(BENCHES),
        help=f"benchmarks to run, comma-separated, of {','.join(BENCHES)} (all); without "
        "import the organisation is imported once, untimed",
    )
    parser.add_argument("--budget-minutes", type=float, default=10)
    parser.add_argument("--timeout-minutes", type=float, default=60)
    parser.add_argument(
        "--force", action="store_true", help="run every size, whatever the estimate"
    )
    args = parser.parse_args()
    if args.write:  # before the run, not after it
        _report.check_before_run()
    began, load = _report.utc_now(), os.getloadavg()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    env = {k: v for k, v in os.environ.items() if k != "DIGITEAM_DATABASE_URL"}
    results: list[dict[str, Any]] = []
    skipped = []
    for positions in sizes:
        runs = args.runs or (3 if positions <= 100_000 else 1)
        guess = estimate_s(results, positions, runs) if positions > 100_000 else None
        if guess is not None and guess > args.budget_minutes * 60 and not args.force:
            skipped.append(
                f"{positions:,} positions: not run, estimated {guess / 60:.1f} min "
                f"> budget {args.budget_minutes:g} min (--force to run it)"
            )
            print(skipped[-1], file=sys.stderr)
            continue
        print(f"{positions:,} positions, {runs} runs…", file=sys.stderr, flush=True)
        started = time.perf_counter()
        if args.database_url:
            name = f"digiteam_bench_{positions}_{os.getpid()}"
            with ThrowAwayDatabase(args.database_url, name) as url:
                result = run_size(
                    positions,
                    runs,
                    {**env, "DIGITEAM_DATABASE_URL": url},
                    args.timeout_minutes * 60,
                    args.only,
                )
        else:
            result = run_size(positions, runs, env, args.timeout_minutes * 60, args.only)
        result["wall_s"] = time.perf_counter() - started
        results.append(result)
    if not results:
        raise SystemExit("no size was run")
    if args.json:
        args.json.write_text(json.dumps({"results": results, "skipped": skipped}, indent=1))
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {results[0]['db_version']}."
    )
    print(f"Command: {' '.join(['uv run python bench/run.py', *sys.argv[1:]])}")
    print(tables(results))
    for line in skipped:
        print(f"\n- {line}")
    if args.write:
        record = {"results": results, "skipped": skipped}
        record |= _report.provenance(began, load, results[0]["db_version"], "run.py", sys.argv[1:])
        _report.write_results(results[0]["vendor"], record)


if __name__ == "__main__":
    main()
