"""The generated blocks of docs/performance.md: what ``bench/*.py --write`` writes and keeps."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT / "bench"))  # the benchmarks import each other from there
import _report  # noqa: E402

PROSE_BEFORE = "# Performance\r\n\nHand-written, trailing spaces   \n\tand a tab, «ünïcode».\n\n"
PROSE_AFTER = "\n\nMore prose: <!-- a comment of our own --> ends here\n"


def doc_with_markers() -> str:
    return (
        PROSE_BEFORE
        + "".join(
            f"{_report.begin(name)}\nstale\n{_report.end(name)}\n\nbetween {name}\n\n"
            for name in _report.BLOCKS
        )
        + PROSE_AFTER
    )


def size(positions: int, ratios: dict[str, float], runs: int = 3) -> dict[str, Any]:
    """One size as ``run_size`` returns it: each benchmark's floor takes 1 s a run and digiteam
    ``ratio`` s (``sizing_bare``: sizing without its audit rows)."""

    def times(ratio: float, **more: float) -> dict[str, list[float]]:
        out = {"digiteam": [ratio] * runs, "floor": [1.0] * runs}
        return out | {name: [value] * runs for name, value in more.items()}

    result: dict[str, Any] = {
        "positions": positions,
        "ministries": 50,
        "runs": runs,
        "vendor": "sqlite",
        "db_version": "SQLite 3.40.1",
        "yaml_mib": 2.9,
        "maxrss_mib": 217.0,
        "wall_s": 44.0,
    }
    if "import" in ratios:
        result["import"] = {"times": times(ratios["import"]), "rows": {"position": positions}}
    if "sizing" in ratios:
        result["sizing"] = {
            "times": times(ratios["sizing"], without_audit=ratios["sizing_bare"]),
            "plan_times": [0.5] * runs,
            "apply_times": [0.5] * runs,
            "rows": positions // 5,
        }
    if "checks" in ratios:
        result["checks"] = {
            "times": times(ratios["checks"]),
            "snapshot_times": [0.3] * runs,
            "rows_floor_times": [0.1] * runs,
            "queries": 9,
            "positions": positions,
            "groups": positions,
            "findings": 576,
            "rules": 22,
            "peak_traced_mib": 11.0,
        }
    for page in ("dashboard", "chart", "tree"):
        if page in ratios:
            result[page] = {"times": times(ratios[page], layout=0.5), "note": f"/{page}/"}
    return result


def record(results: list[dict[str, Any]], database: str = "SQLite 3.40.1") -> dict[str, Any]:
    """A results file as ``bench/run.py --write`` saves it."""
    return {
        "results": results,
        "skipped": [],
        "measured": {"from": "2026-11-27T10:00:00Z", "to": "2026-11-27T10:31:00Z"},
        "machine": {
            "cores": 2,
            "architecture": "x86_64",
            "python": "3.11.7",
            "database": database,
            "load_average_before": [3.1, 2.9, 2.5],
        },
        "command": "uv run python bench/run.py --sizes 10000 --write",
        "code": "a1b2c3d",
    }


def summary_row(text: str, label: str) -> list[str]:
    line = next(line for line in text.splitlines() if line.startswith(f"| {label} |"))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_replacing_a_block_keeps_the_prose_around_it_byte_for_byte() -> None:
    doc = doc_with_markers()
    new = _report.replace_blocks(doc, {"summary": "| a | table |\n"}, Path("perf.md"))
    start = doc.index(_report.begin("summary")) + len(_report.begin("summary"))
    assert new[:start] == doc[:start]
    assert new[new.index(_report.end("summary")) :] == doc[doc.index(_report.end("summary")) :]
    assert f"{_report.begin('summary')}\n\n| a | table |\n\n{_report.end('summary')}" in new
    assert _report.replace_blocks(new, {"summary": "| a | table |"}, Path("perf.md")) == new


def test_publish_writes_the_results_file_and_every_block(tmp_path: Path) -> None:
    doc, results = tmp_path / "performance.md", tmp_path / "results"
    doc.write_bytes(doc_with_markers().encode())
    _report.publish("sqlite", record([size(10_000, {"checks": 2.5})]), results, doc)
    text = doc.read_bytes().decode()
    assert (results / "sqlite.json").exists()
    assert text.startswith(PROSE_BEFORE) and text.endswith(PROSE_AFTER)
    assert "stale" not in text
    assert "| 10,000 | 3 | 2.50 s | 1.00 s | 2.50 | 2.5 to 2.5 | ≤ 3 | yes |" in text
    assert "Measured on 27 November 2026, 10:00 to 10:31 UTC: 2 cores (x86_64)" in text


def test_a_sqlite_run_keeps_the_postgresql_figures(tmp_path: Path) -> None:
    doc, results = tmp_path / "performance.md", tmp_path / "results"
    doc.write_bytes(doc_with_markers().encode())
    postgresql = record([size(10_000, {"checks": 4.0})], database="PostgreSQL 15.18")
    _report.publish("postgresql", postgresql, results, doc)
    _report.publish("sqlite", record([size(10_000, {"checks": 2.5})]), results, doc)
    text = doc.read_bytes().decode()
    assert "PostgreSQL 15.18; load average" in text and "SQLite 3.40.1; load average" in text
    assert summary_row(text, "all checks")[3:5] == ["2.50", "4.00"]


def test_a_missing_end_marker_fails_naming_it_and_changes_nothing(tmp_path: Path) -> None:
    doc, results = tmp_path / "performance.md", tmp_path / "results"
    before = doc_with_markers().replace(_report.end("load"), "").encode()
    doc.write_bytes(before)
    with pytest.raises(_report.MarkerError) as raised:
        _report.publish("sqlite", record([size(10_000, {"checks": 2.5})]), results, doc)
    assert str(doc) in str(raised.value) and _report.end("load") in str(raised.value)
    assert doc.read_bytes() == before
    assert sorted(tmp_path.iterdir()) == [doc]  # no results file, no temporary file
    with pytest.raises(_report.MarkerError, match="missing"):
        _report.doc_check(doc)


def test_markers_out_of_order_fail() -> None:
    doc = doc_with_markers()
    begin, end = _report.begin("api"), _report.end("api")
    swapped = doc.replace(begin, "\0").replace(end, begin).replace("\0", end)
    with pytest.raises(_report.MarkerError, match="comes before"):
        _report.replace_blocks(swapped, {"api": ""}, Path("perf.md"))


def test_the_summary_says_whether_each_target_is_met_from_the_ratios() -> None:
    ten = {"import": 1.5, "sizing": 1.9, "sizing_bare": 1.5, "checks": 2.5, "dashboard": 4.0}
    hundred = {"import": 2.1, "sizing": 2.0, "sizing_bare": 1.0, "checks": 3.5, "dashboard": 5.0}
    sqlite = record([size(10_000, ten | {"chart": 3.0}), size(100_000, hundred)])
    text = _report.summary(
        {"sqlite": sqlite},
        {"import": 2, "sizing": 2, "checks": 3, "dashboard": 3, "chart": 3, "tree": 3},
    )
    assert summary_row(text, "what") == [
        "what",
        "floor",
        "target",
        "SQLite 10,000",
        "SQLite 100,000",
        "met?",
    ]
    why = f"([why, and the plan](#{_report.WHY}))"
    assert summary_row(text, "import an org file")[2:] == ["≤ 2", "1.50", "2.10", f"partly {why}"]
    assert summary_row(text, "sizing, plan then apply, audit included")[3:] == [
        "1.90",
        "2.00",
        "yes",
    ]
    assert summary_row(text, "the same without its audit rows")[3:] == ["1.50", "1.00", "yes"]
    assert summary_row(text, "all checks")[3:] == ["2.50", "3.50", f"partly {why}"]
    assert summary_row(text, "dashboard page of the whole government")[3:] == [
        "4.00",
        "5.00",
        f"no {why}",
    ]
    assert summary_row(text, "org chart page of one ministry")[3:] == ["3.00", "", "yes"]
    assert summary_row(text, "unit page of one ministry")[3:] == ["", "", "not measured"]


def test_a_block_says_when_how_and_on_which_code_a_run_was_measured() -> None:
    line = _report.measured_on(record([]))
    assert line.startswith("Measured on 27 November 2026, 10:00 to 10:31 UTC: 2 cores (x86_64)")
    assert "Command: `uv run python bench/run.py --sizes 10000 --write`, code `a1b2c3d`." in line
    assert _report.measured_on(record([]) | {"code": ""}).endswith("--write`.")


def test_the_command_line_keeps_no_url_and_no_directory() -> None:
    argv = [
        "--database-url",
        "postgresql://me:secret@db.example.org:5432/postgres",
        "--json=/home/me/out.json",
        "--sizes",
        "10000",
        "--write",
    ]
    assert _report.public_command("run.py", argv) == (
        "uv run python bench/run.py --database-url URL --json=out.json --sizes 10000 --write"
    )
    assert _report.scrub_paths(f"{_report.ROOT}/src/a.py") == "./src/a.py"
    assert _report.public_command("run.py", ["--database-url=postgresql://x"]).endswith(
        " --database-url=URL"
    )


def test_the_api_and_load_blocks_render_from_their_results_files() -> None:
    import load

    import api

    figures = {
        "requests": 600,
        "rps": 10.0,
        "p50_ms": 900.0,
        "p90_ms": 2000.0,
        "p99_ms": 3000.0,
        "non_2xx": 0,
        "connect": 0,
        "read": 0,
        "write": 0,
        "timeout": 0,
    }
    entry = record([]) | {
        "settings": {
            "positions": 10_000,
            "connections": 32,
            "duration": 10.0,
            "runs": 1,
            "workers": 2,
        },
        "urls": {"floor": "/bench/bare.json", "digiteam": "/api/v1/governments/g/positions"},
        "count": 7017,
        "results": {"floor": [figures | {"rps": 1000.0}], "digiteam": [figures]},
    }
    assert "Throughput ratio digiteam / floor: 0.01" in api.block({"sqlite": entry})
    run_ = record([]) | {
        "settings": {
            "positions": 100_000,
            "duration": 60.0,
            "connections": 64,
            "threads": 2,
            "workers": 4,
            "writers": 2,
            "timeout": 30.0,
        },
        "database": "PostgreSQL",
        "urls": ["/org/g/dashboard/"],
        "ministry": "m",
        "reads": figures | {"not_200": 0},
        "writes": {"counts": {"change": 90, "412": 1}, "ms": [500.0] * 90},
        "load": {"before": [3.9, 3, 2], "during": [3.8, 8.1], "after": [4.0, 3, 2]},
        "server": {"GET /org/g/dashboard/": [[200, 4000], [200, 1000]]},
        "server_errors": [],
        "connections": 12,
    }
    text = load.block(run_)
    assert "Errors: 0 (none)." in text and "412 (contended, expected): 1" in text


def test_the_summary_links_to_a_heading_of_the_document() -> None:
    doc = _report.DOC.read_text()
    headings = {
        re.sub(r"[^\w\- ]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
        for line in doc.splitlines()
        if line.startswith("#")
    }
    assert _report.WHY in headings


def test_the_committed_blocks_are_what_the_committed_results_render() -> None:
    doc = _report.DOC.read_bytes().decode()
    rendered = _report.replace_blocks(doc, _report.render(_report.results_load()), _report.DOC)
    assert rendered == doc, "docs/performance.md is stale: run uv run python bench/_report.py"
