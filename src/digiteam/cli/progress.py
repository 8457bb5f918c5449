"""What a long command is doing, shown on a terminal only.

    with Progress(self.stderr, "org import") as progress:
        progress.stage("reading big.yaml")
        ...
        progress.stage("checking and writing")
        ...

On a terminal, stderr shows one line, rewritten at each stage (``org import: checking and
writing…``) and ending as ``org import: done in 12.3 s``; a command done within a second
leaves no trace. When stderr is not a terminal (a pipe, a file, CI) nothing at all is written,
so output stays what scripts expect. A failure clears the line before Django prints the error.

``progress.stage`` takes a plain string: a service may accept it as an ``on_stage`` callable
without knowing about the command line.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

from django.core.management.base import OutputWrapper

QUIET_UNDER = 1.0  # seconds: a shorter command leaves no "done" line


class Progress:
    def __init__(
        self,
        stream: TextIO | OutputWrapper,
        title: str,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream, self._title, self._clock = stream, title, clock
        isatty = getattr(stream, "isatty", None)
        self.shown = bool(isatty and isatty())
        self._start = clock()
        self._width = 0  # characters on the line now
        self._ended = False

    def stage(self, text: str) -> None:
        """Say what the command does now."""
        self._show(f"{self._title}: {text}…")

    def done(self) -> None:
        """End the line: the time taken, or nothing for a quick command."""
        if self._ended:
            return
        self._ended = True
        elapsed = self._clock() - self._start
        if elapsed < QUIET_UNDER:
            self._show("")
        else:
            self._show(f"{self._title}: done in {elapsed:.1f} s")
            self._write("\n")
            self._width = 0

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.done()
        elif not self._ended:
            self._ended = True
            self._show("")  # the error starts on a clean line

    def _show(self, line: str) -> None:
        if not self.shown:
            return
        line = line[: shutil.get_terminal_size().columns - 1]  # a wrapped line cannot be redrawn
        padding = " " * max(0, self._width - len(line))
        self._write(f"\r{line}{padding}" + ("\r" if not line else ""))
        self._width = len(line)

    def _write(self, text: str) -> None:
        if isinstance(self._stream, OutputWrapper):  # no newline added, no error colour
            self._stream.write(text, style_func=str, ending="")
        else:
            self._stream.write(text)
        self._stream.flush()
