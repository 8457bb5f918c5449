"""`digiteam gitbook check`: a report on the documents, exit codes 0 and 2."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import reference_dir

DIGITEAM = str(Path(sys.executable).parent / "digiteam")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([DIGITEAM, "gitbook", *args], capture_output=True, text=True)


def test_report_over_the_real_documents() -> None:
    folder = reference_dir()
    if folder is None:
        pytest.skip("the GovStack documents (../shared/reference) are not on this machine")
    out = _run("check", *sorted(str(p) for p in folder.glob("*.md")), "--format", "json")
    assert out.returncode == 0, out.stderr
    findings = json.loads(out.stdout)
    codes = Counter(f["code"] for f in findings)
    assert codes["duplicate-role-identical"] == 1
    assert codes["duplicate-role-conflicting"] == 2
    assert codes["damaged-encoding"] == 1
    assert codes["empty-cell"] == 1
    assert codes["unresolved-link"] >= 10
    procurement = next(f for f in findings if "#procurement-manager" in f["message"])
    assert "Commercial manager/ procurement manager" in procurement["message"]
    text = _run("check", *sorted(str(p) for p in folder.glob("*.md")))
    assert text.stdout.rstrip().endswith("51 findings: 17 error, 21 warning, 13 info")


def test_unreadable_files_exit_2_with_file_and_line(tmp_path: Path) -> None:
    missing = _run("check", str(tmp_path / "nope.md"))
    assert missing.returncode == 2 and "nope.md" in missing.stderr
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# Roles\n\n<details>\n<summary>A</summary>\n\n### Caf\xe9\n")
    out = _run("check", str(bad))
    assert out.returncode == 2 and f"{bad}:6" in out.stderr


def test_findings_do_not_change_the_exit_code(tmp_path: Path) -> None:
    page = tmp_path / "t.md"
    page.write_text(
        "# T\n\n<details>\n<summary>A</summary>\n\n### Clerk\n\nFiles.\n\n"
        "### Clerk\n\nFiles.\n\n</details>\n"
    )
    out = _run("check", str(page))
    assert out.returncode == 0 and "duplicate-role-identical" in out.stdout
