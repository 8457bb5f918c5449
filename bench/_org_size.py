"""One size of the organisation benchmarks, in its own process and its own fresh database.

    python bench/_org_size.py --positions 10000 --ministries 50 --runs 3 --out result.json

Run by ``bench/run.py`` (which chooses the database: ``DIGITEAM_DATA_DIR`` or
``DIGITEAM_DATABASE_URL``); writes its figures as JSON to ``--out``.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _org_floor import (
    database_settle,
    floor_checks,
    floor_import,
    floor_sizing,
    organisation_empty,
    sizing_undo,
    table_counts,
)
from _setup import db_version, django_with_fresh_database

TEMPLATE = "djibouti-digital-team"
BENCHES = ("import", "sizing", "checks", "pages")


def log(message: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def paired(
    ours: Callable[[], object],
    floor: Callable[[], object],
    runs: int,
    before: Callable[[], None],
    after: Callable[[str], None] = lambda name: None,
) -> tuple[dict[str, list[float]], str]:
    """``runs`` times digiteam and floor one after the other, the first of the pair alternating;
    ``before`` and ``after`` (untimed) run around each. Returns the seconds of each, and which
    ran last."""
    times: dict[str, list[float]] = {"digiteam": [], "floor": []}
    last = ""
    for i in range(runs):
        pair = [("floor", floor), ("digiteam", ours)]
        for name, fn in pair if i % 2 == 0 else reversed(pair):
            before()
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
            after(name)
            last = name
        log(
            f"run {i + 1}/{runs}: digiteam {times['digiteam'][-1]:.3f} s, "
            f"floor {times['floor'][-1]:.3f} s"
        )
    return times, last


def bench_import(text: str, runs: int) -> dict[str, Any]:
    from digiteam.organisation.orgfile import org_import

    counts: dict[str, dict[str, int]] = {}

    def ours() -> None:
        org_import(text=text, filename="generated.yaml")

    def after(name: str) -> None:  # both must write the same rows
        counts[name] = table_counts()
        if len(counts) == 2 and counts["floor"] != counts["digiteam"]:
            raise SystemExit(f"the floor does not write the same rows: {counts}")

    times, last = paired(ours, lambda: floor_import(text), runs, organisation_empty, after)
    if last != "digiteam":  # leave digiteam's import in place for what follows
        organisation_empty()
        ours()
    return {"times": times, "rows": counts["digiteam"]}


def rotated(
    fns: Mapping[str, Callable[[], object]],
    runs: int,
    before: Callable[[], None],
    after: Callable[[str], None] = lambda name: None,
) -> tuple[dict[str, list[float]], str]:
    """As ``paired`` for any number of variants: each run times each once, the order rotating
    from run to run. Returns the seconds of each, and which ran last."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    names = list(fns)
    last = ""
    for i in range(runs):
        for name in names[i % len(names) :] + names[: i % len(names)]:
            before()
            start = time.perf_counter()
            fns[name]()
            times[name].append(time.perf_counter() - start)
            after(name)
            last = name
        log(f"run {i + 1}/{runs}: " + ", ".join(f"{n} {t[-1]:.3f} s" for n, t in times.items()))
    return times, last


def bench_sizing(runs: int) -> dict[str, Any]:
    from unittest import mock

    from digiteam.compositions.models import Template
    from digiteam.organisation.models import Government, Position
    from digiteam.organisation.sizing import services
    from digiteam.organisation.sizing.services import sizing_apply, sizing_plan

    gov = Government.objects.get()
    template = Template.objects.get(slug=TEMPLATE)
    if Position.objects.filter(government=gov, slot__isnull=False).exists():
        raise SystemExit("the generated organisation already has sized positions")
    lines = sizing_plan(government=gov, template=template).to_add
    plan_times: list[float] = []
    apply_times: list[float] = []

    def ours() -> None:
        start = time.perf_counter()
        plan = sizing_plan(government=gov, template=template)
        plan_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        sizing_apply(government=gov, template=template, plan=plan)
        apply_times.append(time.perf_counter() - start)

    def ours_without_audit() -> None:
        with mock.patch.object(services, "record_many", lambda *args, **kwargs: 0):
            plan = sizing_plan(government=gov, template=template)
            sizing_apply(government=gov, template=template, plan=plan)

    def undo() -> None:
        sizing_undo(gov.pk)

    def after(name: str) -> None:  # each must add the plan's rows
        added = Position.objects.filter(government=gov, slot__isnull=False).count()
        if added != len(lines):
            raise SystemExit(f"{name} added {added} positions, the plan has {len(lines)}")

    fns = {
        "floor": lambda: floor_sizing(gov.pk, lines),
        "digiteam": ours,
        "without_audit": ours_without_audit,
    }
    times, last = rotated(fns, runs, undo, after)
    if last == "floor":  # leave the template applied for the checks
        undo()
        sizing_apply(government=gov, template=template)
    return {
        "times": times,
        "plan_times": plan_times,
        "apply_times": apply_times,
        "rows": len(lines),
    }


def bench_checks(runs: int) -> dict[str, Any]:
    from django.db import connection

    from digiteam.checks import run_checks
    from digiteam.checks.adapters_db import snapshot_from_db
    from digiteam.organisation.models import Government, Position

    gov = Government.objects.get()
    results: list[Any] = []
    snapshot_times: list[float] = []

    def ours() -> None:
        start = time.perf_counter()
        snapshot = snapshot_from_db(gov)
        snapshot_times.append(time.perf_counter() - start)
        results.append(run_checks(snapshot))

    times, _ = paired(ours, lambda: floor_checks(gov.pk), runs, lambda: None)
    # A second floor: the snapshot's own queries (as Django writes them), read raw.
    queries: list[tuple[str, Any]] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        snapshot_from_db(gov)

    def read_rows() -> None:
        with connection.cursor() as cur:
            for sql, params in queries:
                cur.execute(sql, params)
                cur.fetchall()

    rows_times = []
    for _ in range(runs):
        start = time.perf_counter()
        read_rows()
        rows_times.append(time.perf_counter() - start)
    tracemalloc.start()
    run_checks(snapshot_from_db(gov))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    report = results[-1]
    return {
        "times": times,
        "snapshot_times": snapshot_times,
        "rows_floor_times": rows_times,
        "queries": len(queries),
        "positions": Position.objects.filter(government=gov).count(),
        "groups": floor_checks(gov.pk),
        "findings": len(report.findings),
        "rules": len(report.rules),
        "peak_traced_mib": peak / 2**20,
    }


def bench_pages(runs: int) -> dict[str, Any]:
    """Pages through the whole Django stack (test client, signed in as an administrator), each
    beside its floor: the dashboard beside the checks' aggregate query; a ministry's org chart
    and its unit page (its part of the tree) beside a bare HTML page served the same way."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Q
    from django.test import Client, override_settings

    from digiteam.cli.server import static_collect_if_stale
    from digiteam.organisation.models import Government, Position, Unit

    static_collect_if_stale()  # as ``digiteam serve`` does before it serves
    gov = Government.objects.get()
    # positions per ministry in two grouped reads (a count per ministry took 14 minutes at 1M)
    ministries = {m.path: m.code for m in Unit.objects.filter(government=gov, kind="ministry")}
    paths = dict(Unit.objects.filter(government=gov).values_list("pk", "path"))
    counts = dict.fromkeys(ministries.values(), 0)
    per_unit = (
        Position.objects.filter(government=gov).values_list("unit_id").annotate(n=Count("pk"))
    )
    for unit_id, n in per_unit.order_by():
        ids = paths[unit_id].strip("/").split("/")
        for depth in range(1, len(ids) + 1):
            code = ministries.get("/" + "/".join(ids[:depth]) + "/")
            if code is not None:
                counts[code] += n
                break
    ministry = max(counts, key=lambda code: (counts[code], code))
    units = Unit.objects.filter(
        government=gov, path__startswith=Unit.objects.get(government=gov, code=ministry).path
    ).aggregate(n=Count("pk", filter=Q(pk__isnull=False)))["n"]
    admin = get_user_model().objects.create_superuser("bench", password=None)
    client = Client()
    client.force_login(admin)
    base = f"/org/{gov.code}"

    def get(url: str) -> Callable[[], None]:
        def fetch() -> None:
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")

        return fetch

    out: dict[str, Any] = {}
    with override_settings(ROOT_URLCONF="_bench_urls", ALLOWED_HOSTS=["*"]):
        for name, url, floor in (
            ("dashboard", f"{base}/dashboard/", lambda: floor_checks(gov.pk)),
            ("chart", f"{base}/units/{ministry}/chart/", get("/bench/bare.html")),
            ("tree", f"{base}/units/{ministry}/", get("/bench/bare.html")),
        ):
            get(url)()  # warm: templates compiled, caches filled as a running server has them
            log(f"{name}: {url}")
            fns = {"floor": floor, "digiteam": get(url)}
            if name != "dashboard":  # a second floor: an empty page in the site's layout
                get("/bench/layout.html")()
                fns["layout"] = get("/bench/layout.html")
            times, _ = rotated(fns, runs, lambda: None)
            size = len(client.get(url).content)
            out[name] = {
                "times": times,
                "url": url,
                "note": f"{url}: {size / 1024:.0f} KiB of HTML"
                + (f"; ministry {ministry}: {units:,} units, {counts[ministry]:,} positions"
                   if name != "dashboard" else ""),
            }  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--positions", type=int, required=True)
    parser.add_argument("--ministries", type=int, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--only", default=",".join(BENCHES), help="benchmarks, comma-separated")
    args = parser.parse_args()
    started = time.perf_counter()
    django_with_fresh_database()
    from django.db import connection

    from digiteam.compositions.models import Template
    from digiteam.organisation.generator import generate_org
    from digiteam.organisation.models import Government
    from digiteam.organisation.orgfile import org_dump, org_import
    from digiteam.organisation.sizing.services import sizing_apply
    from digiteam.reference import reference_load

    reference_load()
    log(f"{connection.vendor}: generating {args.positions} positions, {args.ministries} ministries")
    text = org_dump(
        generate_org(ministries=args.ministries, positions=args.positions, seed=1), "yaml"
    )
    result: dict[str, Any] = {
        "positions": args.positions,
        "ministries": args.ministries,
        "runs": args.runs,
        "vendor": connection.vendor,
        "db_version": db_version(connection),
        "yaml_mib": len(text.encode()) / 2**20,
    }
    only = set(args.only.split(","))
    if "import" in only:
        log(f"import ({result['yaml_mib']:.1f} MiB of YAML)")
        result["import"] = bench_import(text, args.runs)
    else:
        log(f"import, once, untimed ({result['yaml_mib']:.1f} MiB of YAML)")
        org_import(text=text, filename="generated.yaml")
    del text
    database_settle()
    gc.collect()
    if "sizing" in only:
        log("sizing")
        result["sizing"] = bench_sizing(max(args.runs, 5))  # cheaper: more runs
    else:
        sizing_apply(
            government=Government.objects.get(), template=Template.objects.get(slug=TEMPLATE)
        )
    if "checks" in only:
        log("checks")
        result["checks"] = bench_checks(max(args.runs, 5))
    if "pages" in only:
        log("pages")
        result.update(bench_pages(max(args.runs, 5)))
    result["maxrss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["wall_s"] = time.perf_counter() - started
    args.out.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
