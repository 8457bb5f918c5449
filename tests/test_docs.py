"""Docs generated from the code stay true; every command explains itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from django.core.management import get_commands, load_command_class

from digiteam.cli import COMMANDS

ROOT = Path(__file__).resolve().parents[1]


def test_generated_docs_are_current() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "generate_docs.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_every_digiteam_command_has_help() -> None:
    ours = {name: app for name, app in get_commands().items() if app.startswith("digiteam")}
    assert {name.replace("_", "-") for name in ours} <= set(COMMANDS)
    for name, app in ours.items():
        assert load_command_class(app, name).help, name


def test_readme_and_docs_link_to_files_that_exist() -> None:
    import re

    for page in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text()):
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"
