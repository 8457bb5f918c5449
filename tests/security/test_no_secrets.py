"""No secret is in the repository: no key file, no private key, no API token, no fixed
Django secret key (docs/security.md#secrets)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN_NAMES = re.compile(r"(^|/)(secret_key|\.env|[^/]*\.pem|[^/]*\.key|id_rsa[^/]*)$")
FORBIDDEN_TEXT = {
    "a private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "an API token": re.compile(r"dgt_[A-Za-z0-9_-]{20,}"),
    "a fixed secret key": re.compile(r"SECRET_KEY\s*=\s*['\"]"),
}


def _tracked() -> list[str]:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        pytest.skip("not a git checkout")
    return out.stdout.splitlines()


def test_no_secret_file_is_tracked() -> None:
    assert [name for name in _tracked() if FORBIDDEN_NAMES.search(name)] == []


def test_no_tracked_text_holds_a_secret() -> None:
    found = []
    for name in _tracked():
        path = ROOT / name
        if not path.is_file() or path.suffix in {".png", ".mo", ".zip", ".sqlite3"}:
            continue
        text = path.read_text(errors="ignore")
        found += [f"{name}: {what}" for what, rx in FORBIDDEN_TEXT.items() if rx.search(text)]
    assert found == []
