"""Long commands say what they do on a terminal, and print nothing more anywhere else."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError, OutputWrapper
from django.core.management.color import color_style

from digiteam.cli.progress import Progress


class Terminal(io.StringIO):
    """What a command writing to a terminal writes."""

    def isatty(self) -> bool:
        return True

    def screen(self) -> str:
        """The lines as the terminal shows them: each `\\r` returns to the line's start."""
        lines = []
        for line in self.getvalue().split("\n"):
            shown = ""
            for part in line.split("\r"):
                shown = part + shown[len(part) :]
            lines.append(shown.rstrip())
        return "\n".join(lines)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_nothing_is_written_when_stderr_is_not_a_terminal() -> None:
    stream = io.StringIO()
    with Progress(stream, "org import") as progress:
        progress.stage("reading big.yaml")
        progress.stage("checking and writing")
    assert stream.getvalue() == ""


def test_a_terminal_sees_each_stage_then_the_time_taken() -> None:
    terminal, clock = Terminal(), Clock()
    with Progress(terminal, "org import", clock=clock) as progress:
        progress.stage("reading a-much-longer-file-name.yaml")
        assert terminal.screen() == "org import: reading a-much-longer-file-name.yaml…"
        progress.stage("checking and writing")
        assert terminal.screen() == "org import: checking and writing…"
        clock.now += 12.34
    assert terminal.screen() == "org import: done in 12.3 s\n"
    assert terminal.getvalue().count("\n") == 1  # stages rewrite one line


def test_a_quick_command_leaves_no_trace() -> None:
    terminal, clock = Terminal(), Clock()
    with Progress(terminal, "check", clock=clock) as progress:
        progress.stage("checking")
        clock.now += 0.4
    assert terminal.getvalue() != ""
    assert terminal.screen() == ""


def test_a_failure_clears_the_line_for_the_error_message() -> None:
    terminal, clock = Terminal(), Clock()
    with pytest.raises(CommandError), Progress(terminal, "org import", clock=clock) as progress:
        progress.stage("checking and writing")
        clock.now += 5
        raise CommandError("nothing was imported")
    assert terminal.screen() == ""
    assert terminal.getvalue().endswith("\r")


def test_a_line_never_wraps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.get_terminal_size", lambda: os.terminal_size((20, 24)))
    terminal = Terminal()
    Progress(terminal, "org import").stage("reading a-very-long-file-name.yaml")
    assert terminal.screen() == "org import: reading"


def test_through_a_command_stderr_it_is_neither_red_nor_split_in_lines() -> None:
    terminal = Terminal()
    stderr = OutputWrapper(terminal)
    stderr.style_func = color_style(force_color=True).ERROR  # what Django gives commands
    Progress(stderr, "size").stage("planning")
    assert terminal.getvalue() == "\rsize: planning…"


def generate(path: Path | None, stderr: io.StringIO) -> str:
    out = io.StringIO()
    args = ["--ministries", "3", "--positions", "120", "--seed", "7"]
    call_command(
        "org", "generate", *args, *(["-o", str(path)] if path else []), stdout=out, stderr=stderr
    )
    return out.getvalue()


def test_org_generate_shows_its_stages_on_a_terminal_only() -> None:
    terminal, piped = Terminal(), io.StringIO()
    assert generate(None, terminal) == generate(None, piped)
    assert piped.getvalue() == ""
    assert "\rorg generate: inventing 120 positions…" in terminal.getvalue()
    assert "\rorg generate: formatting as yaml…" in terminal.getvalue()
    assert terminal.screen() == ""  # done within a second: the file starts on a clean line


def test_check_shows_its_stages_on_a_terminal_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    org = Path("org.yaml")
    generate(org, io.StringIO())
    terminal, piped = Terminal(), io.StringIO()
    for stderr in (terminal, piped):
        args = ["--org", str(org), "--fail-on", "never"]
        call_command("check", *args, stdout=io.StringIO(), stderr=stderr)
    assert "\rcheck: reading org.yaml…" in terminal.getvalue()
    assert "\rcheck: checking…" in terminal.getvalue()
    assert piped.getvalue() == ""
