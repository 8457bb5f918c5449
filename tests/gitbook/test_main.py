"""``python -m digiteam.gitbook``: the findings of the given files, and an exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from digiteam.gitbook.__main__ import main


def test_clean_files_exit_zero(fixtures: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(fixtures / "taxonomy_clean.md"), str(fixtures / "composition_clean.md")]) == 0
    assert capsys.readouterr().out == ""


def test_errors_exit_one_and_other_files_are_scanned(
    fixtures: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("## Notes\n\nIt isn\u00e2\u20ac\u2122t a table.\n", encoding="utf-8")
    files = [fixtures / "composition_defects.md", fixtures / "taxonomy_defects.md", notes]
    assert main([*map(str, files), "--json"]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    from_notes = [(f["code"], f["line"]) for f in lines if f["path"] == str(notes)]
    assert from_notes == [("damaged-encoding", 3)]
    assert len(lines) == 21


def test_unreadable_file_exit_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"ok\n\xff\n")
    assert main([str(bad)]) == 2
    assert capsys.readouterr().err.startswith(f"{bad}:2: not UTF-8")
