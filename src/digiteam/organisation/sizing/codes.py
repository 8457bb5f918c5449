"""Codes of new positions: readable, deterministic and unique in the government. Pure Python.

``<unit code>-<role slug>-<n>`` with the smallest free n; a code longer than 100 characters
keeps its start and gets a stable hash of the full text, so it stays readable and unique.
Codes are valid slugs, as organisation files require.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

MAX_LENGTH = 100


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _join(base: str, n: int) -> str:
    code = f"{base}-{n}"
    if len(code) <= MAX_LENGTH:
        return code
    digest = hashlib.sha256(base.encode("utf-8")).hexdigest()[:8]
    tail = f"-{digest}-{n}"
    return base[: MAX_LENGTH - len(tail)].rstrip("-") + tail


class CodeMaker:
    """Hands out codes not in ``taken`` nor handed out before."""

    def __init__(self, taken: Iterable[str]) -> None:
        self.taken = set(taken)
        self.next: dict[str, int] = {}

    def make(self, unit_code: str, role: str) -> str:
        base = f"{_slug(unit_code)}-{_slug(role)}".strip("-") or "position"
        n = self.next.get(base, 1)
        while (code := _join(base, n)) in self.taken:
            n += 1
        self.next[base] = n + 1
        self.taken.add(code)
        return code
