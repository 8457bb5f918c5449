"""Load test: pages and API pages read by wrk while another client writes, on PostgreSQL.

    uv run python bench/load.py [--positions 100000] [--duration 60] [--connections 64]
                                [--workers 4] [--writers 2] [--timeout 30] [--database-url URL]
                                [--write]

Builds a throw-away database on the PostgreSQL server of ``--database-url`` or, without it, on
a private cluster it starts for the run (127.0.0.1, a free port, a temporary directory,
``fsync=off``) and stops at the end with ``pg_ctl``. Loads the reference data and a generated
organisation, makes an administrator (signed in once, as a browser would) and an API token,
and starts ``digiteam serve --workers 4`` on 127.0.0.1. Then, for ``--duration`` seconds:

- reads: wrk (``-t2 -c64 --latency``) over seven URLs in turn: the government's dashboard, a
  filtered positions list, the unit page and the org chart of the largest ministry (pages, with
  the session cookie), two filtered API pages of 100 positions and the API's units (with the
  token). Every URL must answer 200 before the run; during it, any other status is an error;
- writes: ``--writers`` threads, each in a loop: read a position (its ETag), PATCH its sourcing
  or its status with ``If-Match``; every tenth turn, create a position and delete it. A 412
  (two writers on one position) is counted apart; any other failure is an error.

Prints a Markdown table (requests, req/s, p50/p90/p99, errors) and the server's own timings per
path from its access log. With ``--write``, also saves the figures to
``bench/results/load.json`` (replacing the earlier run's) and rewrites the generated blocks of
docs/performance.md (``_report.py``). Exit status 1 on any error. Skips with a message, and
exit status 0, where wrk or PostgreSQL's programs are missing.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import http.cookiejar
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import _report
from _serve import (
    environment,
    free_port,
    log,
    pg_bin,
    postgresql,
    prepare,
    serving,
    wrk,
    wrk_figures,
)
from _setup import db_version

PASSWORD = "load-test-only-9f3c"  # a throw-away administrator of a throw-away database
ACCESS = re.compile(r'"(GET|POST|PATCH|DELETE) (\S+) HTTP/1\.1" (\d{3}) \d+ (\d+)ms')

LUA = """\
-- written by bench/load.py for one run; removed with its temporary directory
local urls = {%s}
local threads = {}
function setup(thread)
  thread:set("first", #threads)
  table.insert(threads, thread)
end
function init(args)
  i, not_ok = first, 0
end
function request()
  i = i %% #urls + 1
  return wrk.format("GET", urls[i][1], {[urls[i][2]] = urls[i][3]})
end
function response(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
end
function done(summary, latency, requests)
  local n = 0
  for _, thread in ipairs(threads) do n = n + thread:get("not_ok") end
  io.write(string.format("Answers other than 200: %%d\\n", n))
end
"""
NOT_200 = re.compile(r"Answers other than 200: (\d+)")
FLIPS = {"sourcing": ("internal", "secondment"), "status": ("planned", "approved")}


def sign_in(base: str) -> str:
    """Sign in through the sign-in page as a browser does; the Cookie header of the session."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base}/accounts/login/", timeout=30) as page:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
    if found is None:
        raise SystemExit("no CSRF token on the sign-in page")
    form = {"username": "bench", "password": PASSWORD, "csrfmiddlewaretoken": found.group(1)}
    opener.open(f"{base}/accounts/login/", urllib.parse.urlencode(form).encode(), timeout=30)
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        raise SystemExit("signing in failed: no session cookie")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


class Client:
    """One keep-alive connection to the server, as a program using the API would hold."""

    def __init__(self, base: str, token: str, timeout: float):
        self.address = urllib.parse.urlsplit(base).netloc
        self.token, self.timeout = token, timeout
        self.conn = http.client.HTTPConnection(self.address, timeout=timeout)

    def call(
        self, method: str, path: str, body: Any = None, etag: str = ""
    ) -> tuple[int, str, Any]:
        """Status, ETag and JSON body; status 0 when the connection failed (then reopened)."""
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        if etag:
            headers["If-Match"] = etag
        try:
            data = None if body is None else json.dumps(body)
            self.conn.request(method, path, data, headers)
            answer = self.conn.getresponse()
            raw = answer.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.address, timeout=self.timeout)
            return 0, "", None
        try:
            data = json.loads(raw) if raw else None
        except ValueError:  # an error page
            data = None
        return answer.status, answer.headers.get("ETag", ""), data


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ms: list[float] = []
        self.counts: collections.Counter[str] = collections.Counter()

    def add(self, kind: str, status: int, expected: int, started: float) -> bool:
        """A write that took from ``started`` until now."""
        with self.lock:
            self.ms.append((time.perf_counter() - started) * 1000)
            if status == expected:
                self.counts[kind] += 1
            elif status == 412:
                self.counts["412"] += 1
            else:
                self.counts[f"error {kind} {status}"] += 1
        return status == expected

    def fail(self, what: str) -> None:
        """A failure before a write (reading the position, or the client itself)."""
        with self.lock:
            self.counts[f"error {what}"] += 1


def write_loop(client: Client, api: str, pool: list[dict[str, Any]], until: float, seed: int,
               tally: Tally) -> None:  # fmt: skip
    """Until ``until``: change a position (GET for its ETag, then PATCH with If-Match), its
    sourcing or its status in turn; every tenth turn create a position, then delete it."""
    rng = random.Random(seed)
    turn = 0
    while time.monotonic() < until:
        turn += 1
        try:
            write_once(client, api, rng.choice(pool), turn, tally)
        except Exception as error:  # counted, and the client goes on
            tally.fail(f"{type(error).__name__}: {error}")


def write_once(client: Client, api: str, model: dict[str, Any], turn: int, tally: Tally) -> None:
    if turn % 10 == 0:
        body = {"unit": model["unit"], "role": model["role"], "title": "Load test"}
        started = time.perf_counter()
        status, etag, made = client.call("POST", f"{api}/positions", body)
        if tally.add("create", status, 201, started):
            started = time.perf_counter()
            status, _, _ = client.call("DELETE", f"{api}/positions/{made['code']}", None, etag)
            tally.add("delete", status, 204, started)
        return
    status, etag, position = client.call("GET", f"{api}/positions/{model['code']}")
    if status != 200:
        tally.fail(f"read {status}")
        return
    field = "sourcing" if turn % 2 else "status"
    one, other = FLIPS[field]
    change = {field: other if position[field] == one else one}
    started = time.perf_counter()
    status, _, _ = client.call("PATCH", f"{api}/positions/{model['code']}", change, etag)
    tally.add("change", status, 200, started)


def database_connections() -> int:
    """The connections to the run's database other than this one: the server's, kept open
    between requests (``CONN_MAX_AGE``), one per worker thread that has served a request."""
    from django.db import connection, connections

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        (count,) = cursor.fetchone()
    connections.close_all()
    return int(count)


def sample_load(samples: list[float], until: float) -> None:
    """The 1-minute load average every 5 seconds until ``until``."""
    while time.monotonic() + 5 < until:
        time.sleep(5)
        samples.append(os.getloadavg()[0])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def urls_for(base: str, gov: str, token: str, cookie: str) -> tuple[list[tuple[str, str]], str]:
    """The URLs to read, each with its credential header, after checking each answers 200; the
    largest ministry's code."""
    from django.db import connections

    from digiteam.organisation.models import Position, Unit

    ministries = Unit.objects.filter(government__code=gov, kind="ministry")
    sizes = {m.code: Position.objects.filter(unit__path__startswith=m.path).count()
             for m in ministries}  # fmt: skip
    ministry = max(sizes, key=lambda code: (sizes[code], code))
    page, api = f"/org/{gov}", f"/api/v1/governments/{gov}"
    urls = [
        (f"{page}/dashboard/", f"Cookie: {cookie}"),
        (f"{page}/positions/?status=vacant&sourcing=internal", f"Cookie: {cookie}"),
        (f"{page}/units/{ministry}/", f"Cookie: {cookie}"),
        (f"{page}/units/{ministry}/chart/", f"Cookie: {cookie}"),
        (f"{api}/positions?status=filled&page_size=100", f"Authorization: Bearer {token}"),
        (f"{api}/positions?unit={ministry}&sort=-fte&page=2&page_size=100",
         f"Authorization: Bearer {token}"),
        (f"{api}/units?page_size=100", f"Authorization: Bearer {token}"),
    ]  # fmt: skip
    for path, header in urls:
        name, value = header.split(": ", 1)
        for attempt in ("cold", "warm"):
            started = time.perf_counter()
            request = urllib.request.Request(base + path, headers={name: value})
            with urllib.request.urlopen(request, timeout=120) as answer:
                size = len(answer.read())
                if answer.status != 200 or answer.url != base + path:
                    raise SystemExit(f"{path}: {answer.status} at {answer.url}, not 200")
            ms = (time.perf_counter() - started) * 1000
            log(f"{path}: 200, {size / 1024:.0f} KiB, {ms:.0f} ms ({attempt})")
    connections.close_all()
    return urls, ministry


def access_log(path: Path, offset: int, ministry: str) -> dict[str, list[tuple[int, int]]]:
    """(status, ms) per method and path in the server's access log from ``offset`` on; codes of
    single positions and the ministry's are replaced by placeholders (queries are not logged)."""
    by_path: dict[str, list[tuple[int, int]]] = collections.defaultdict(list)
    with path.open() as lines:
        lines.seek(offset)
        for line in lines:
            if (found := ACCESS.search(line)) is not None:
                method, url, status, ms = found.groups()
                url = re.sub(r"/positions/[^/]+$", "/positions/<code>", url)
                url = url.replace(f"/{ministry}/", "/<ministry>/")
                by_path[f"{method} {url}"].append((int(status), int(ms)))
    return by_path


def server_errors(path: Path) -> list[str]:
    """The last 40 lines of the server's error log but the expected 412s, without this
    machine's directories."""
    lines = [line for line in path.read_text().splitlines()
             if line.strip() and not line.startswith("Precondition Failed:")]  # fmt: skip
    return [_report.scrub_paths(line) for line in lines[-40:]]


def run(args: argparse.Namespace, logs: Path) -> dict[str, Any]:
    load: dict[str, Any] = {"before": os.getloadavg()}
    log(f"preparing {args.positions:,} positions (load average {load['before'][0]:.2f})")
    gov, token = prepare(args.positions, password=PASSWORD)
    with serving(args.port or free_port(), args.workers, logs=logs) as base:
        cookie = sign_in(base)
        urls, ministry = urls_for(base, gov, token, cookie)
        api = f"/api/v1/governments/{gov}"
        status, _, page = Client(base, token, args.timeout).call(
            "GET", f"{api}/positions?status=planned&sourcing=internal&page_size=100"
        )
        if status != 200 or not page["results"]:
            raise SystemExit(f"no planned internal position to change ({status})")
        script = logs / "mix.lua"
        entries = [f"{{{json.dumps(path)}, {json.dumps(h.split(': ', 1)[0])}, "
                   f"{json.dumps(h.split(': ', 1)[1])}}}" for path, h in urls]  # fmt: skip
        script.write_text(LUA % ", ".join(entries))
        offset = (logs / "access.log").stat().st_size  # only the run's requests from here on
        tally, samples = Tally(), [os.getloadavg()[0]]
        until = time.monotonic() + args.duration
        writers = [
            threading.Thread(
                target=write_loop,
                args=(Client(base, token, args.timeout), api, page["results"], until, n, tally),
            )
            for n in range(args.writers)
        ]
        for writer in writers:
            writer.start()
        sampler = threading.Thread(target=sample_load, args=(samples, until))
        sampler.start()
        log(f"reading with wrk and writing with {args.writers} clients for {args.duration:g} s")
        out = wrk(base + urls[0][0], args.duration, args.connections, threads=args.threads,
                  script=str(script), timeout=args.timeout)  # fmt: skip
        for thread in [*writers, sampler]:
            thread.join()
        load["during"] = samples
        load["after"] = os.getloadavg()
        held = database_connections()
    time.sleep(0.5)  # the server has stopped: its log is complete
    reads = wrk_figures(out)
    found = NOT_200.search(out)
    reads["not_200"] = int(found.group(1)) if found else -1
    return {
        "urls": [path for path, _ in urls],
        "ministry": ministry,
        "reads": reads,
        "wrk": out,
        "writes": {"counts": dict(tally.counts), "ms": tally.ms},
        "load": load,
        "server": access_log(logs / "access.log", offset, ministry),
        "server_errors": server_errors(logs / "error.log"),
        "connections": held,
    }


def report(args: argparse.Namespace, out: dict[str, Any], database: str) -> tuple[str, int]:
    r, load = out["reads"], out["load"]
    counts, ms = collections.Counter(out["writes"]["counts"]), out["writes"]["ms"]
    socket_errors = sum(int(r[k]) for k in ("connect", "read", "write", "timeout"))
    read_errors = max(int(r["non_2xx"]), int(r["not_200"])) + socket_errors
    write_errors = sum(n for kind, n in counts.items() if kind.startswith("error"))
    done = sum(n for kind, n in counts.items() if kind in ("change", "create", "delete"))
    during = out["load"]["during"]
    lines = [
        f"Load test, {args.positions:,} positions, {database}, `digiteam serve --workers "
        f"{args.workers}` (4 threads each) on 127.0.0.1, {args.duration:g} s; reads: wrk "
        f"-t{args.threads} -c{args.connections} --timeout {args.timeout:g}s over "
        f"{len(out['urls'])} URLs in turn; writes: {args.writers} API clients at the same time.",
        "",
        "| client | requests | per second | p50 | p90 | p99 | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
        f"| reads (wrk, {args.connections} connections) | {r['requests']:,.0f} | "
        f"{r['rps']:.1f} | {r['p50_ms']:,.0f} ms | {r['p90_ms']:,.0f} ms | {r['p99_ms']:,.0f} ms "
        f"| {read_errors}: {r['not_200']:.0f} not 200, socket errors connect {r['connect']:.0f} "
        f"read {r['read']:.0f} write {r['write']:.0f} timeout {r['timeout']:.0f} |",
        f"| writes ({args.writers} clients: PATCH, POST, DELETE with If-Match) | {done:,} | "
        f"{done / args.duration:.1f} | {percentile(ms, 0.5):,.0f} ms | "
        f"{percentile(ms, 0.9):,.0f} ms | {percentile(ms, 0.99):,.0f} ms | "
        f"{write_errors}; 412 (contended, expected): {counts['412']} |",
        "",
        f"Writes: {counts['change']:,} changes, {counts['create']:,} creations, "
        f"{counts['delete']:,} deletions"
        + "".join(f"; {k}: {n}" for k, n in sorted(counts.items()) if k.startswith("error"))
        + ".",
        f"Load average (1 min): {load['before'][0]:.2f} before, {min(during):.2f} to "
        f"{max(during):.2f} during the run, {load['after'][0]:.2f} after. Connections to the "
        f"database held by the server at the end: {out['connections']} ({args.workers} workers "
        "x 4 threads at most).",
        "",
        "The server's own time per path (access log, the query left out):",
        "",
        "| path | requests | p50 | p99 | max | over 2 s | not 2xx |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for path, rows in sorted(out["server"].items(), key=lambda item: -len(item[1])):
        took = [m for _, m in rows]
        slow, bad = sum(m > 2000 for m in took), sum(not 200 <= s < 300 for s, _ in rows)
        lines.append(
            f"| `{path}` | {len(rows):,} | {statistics.median(took):,.0f} ms | "
            f"{percentile(took, 0.99):,.0f} ms | {max(took):,} ms | {slow} | {bad} |"
        )
    errors = read_errors + write_errors
    if out["server_errors"]:  # the 412s above are expected; anything else is shown
        lines += ["", "The server's error log:", "", "```", *out["server_errors"], "```"]
    lines += ["", f"Errors: {errors} ({'none' if not errors else 'see above'})."]
    return "\n".join(lines), errors


SETTINGS = ("positions", "duration", "connections", "threads", "workers", "writers", "timeout")


def block(stored: dict[str, Any] | None) -> str:
    """The "load" block of docs/performance.md: the latest ``--write`` run."""
    lines = ["### Load test (generated from `bench/results/load.json`)", ""]
    if not stored:
        return "\n".join([*lines, "No results yet: `uv run python bench/load.py --write`."])
    text, _ = report(argparse.Namespace(**stored["settings"]), stored, stored["database"])
    return "\n".join([*lines, _report.measured_on(stored), "", text])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--positions", type=int, default=100_000)
    parser.add_argument("--duration", type=float, default=60, help="seconds (60)")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads (2)")
    parser.add_argument("--workers", type=int, default=4, help="server worker processes (4)")
    parser.add_argument("--writers", type=int, default=2, help="writing clients (2)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds per request (30)")
    parser.add_argument("--port", type=int, default=0, help="the server's (a free one)")
    parser.add_argument("--database-url", help="a PostgreSQL server (else a private cluster)")
    parser.add_argument(
        "--write",
        action="store_true",
        help="save the figures to bench/results/load.json and rewrite the generated blocks of "
        "docs/performance.md",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("skipped: wrk is not installed (apt-get install wrk); nothing was measured.")
        return
    bin_dir = pg_bin()
    if not args.database_url and bin_dir is None:
        print("skipped: PostgreSQL is not installed (apt-get install postgresql) and no "
              "--database-url was given; nothing was measured.")  # fmt: skip
        return
    if args.write:  # before the run, not after it
        _report.check_before_run()
    began = _report.utc_now()
    with (
        tempfile.TemporaryDirectory(prefix="digiteam-load-") as tmp,
        postgresql(args.database_url, bin_dir) as server_url,
        environment(server_url, "load") as database,
    ):
        out = run(args, Path(tmp))
        from django.db import connection

        version = db_version(connection)
        connection.close()
    text, errors = report(args, out, database)
    print(text)
    if args.write:
        del out["wrk"]  # the figures read from it are kept
        out |= {"settings": {name: getattr(args, name) for name in SETTINGS}, "database": database}
        out |= _report.provenance(began, out["load"]["before"], version, "load.py", sys.argv[1:])
        _report.write_results("load", out)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
