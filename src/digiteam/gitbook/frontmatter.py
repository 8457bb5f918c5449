"""The YAML-ish front matter GitBook puts between ``---`` lines (flat keys, text values).

Supported: ``key: value`` (surrounding quotes dropped), folded blocks ``key: >-`` (lines joined
by spaces), literal blocks ``key: |`` and nested blocks under ``key:`` (lines kept, dedented).
"""

from __future__ import annotations

import re
import textwrap

from digiteam.gitbook.errors import GitbookReadError

_KEY = re.compile(r"^(?P<key>[A-Za-z0-9_][\w.-]*)\s*:(?:\s+(?P<value>.*?))?\s*$")
_FENCE = "---"


def read_front_matter(lines: list[str], path: str) -> tuple[dict[str, str], int]:
    """Parse front matter at the top of ``lines``; return it and the index of the next line."""
    if not lines or lines[0].strip() != _FENCE:
        return {}, 0
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in (_FENCE, "...")), None)
    if end is None:
        raise GitbookReadError(path, 1, "front matter opened with '---' is never closed")
    values: dict[str, str] = {}
    i = 1
    while i < end:
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            i += 1
            continue
        match = _KEY.match(line)
        if match is None:
            raise GitbookReadError(path, i + 1, f"front matter line is not 'key: value': {line!r}")
        block_end = _block_end(lines, i + 1, end)
        values[match["key"]] = _value(match["value"] or "", lines[i + 1 : block_end])
        i = block_end
    return values, end + 1


def write_front_matter(values: dict[str, str]) -> str:
    if not values:
        return ""
    out = [_FENCE]
    for key, value in values.items():
        out += _write_entry(key, value)
    out.append(_FENCE)
    return "\n".join(out) + "\n\n"


def _block_end(lines: list[str], start: int, end: int) -> int:
    """Indented (or list) lines that belong to the key above them."""
    i = start
    while i < end and (not lines[i].strip() or lines[i][0] in " \t-"):
        i += 1
    return i


def _value(head: str, block: list[str]) -> str:
    if head in (">", ">-", ">+"):
        return _fold(block)
    if head in ("|", "|-", "|+") or not head:
        return textwrap.dedent("\n".join(block)).strip("\n")
    if len(head) >= 2 and head[0] == head[-1] and head[0] in "'\"":
        return head[1:-1]
    return head


def _fold(block: list[str]) -> str:
    paragraphs = " ".join(line.strip() if line.strip() else "\n" for line in block)
    return "\n".join(part.strip() for part in paragraphs.split("\n")).strip()


def _write_entry(key: str, value: str) -> list[str]:
    if any(ch in value for ch in "\n\t") or value != value.strip() or "  " in value:
        return [f"{key}: |-", *(f"  {line}" if line else "" for line in value.split("\n"))]
    plain = f"{key}: {value}"
    if len(plain) <= 80 and value and not _needs_quoting(value):
        return [plain]
    if not value:
        return [f'{key}: ""']
    return [f"{key}: >-", *("  " + line for line in _wrap(value))]


def _wrap(value: str) -> list[str]:
    return textwrap.wrap(value, 76, break_long_words=False, break_on_hyphens=False)


def _needs_quoting(value: str) -> bool:
    return value[0] in "'\"&*!%@[{>|#`-?:,]}" or ": " in value or " #" in value
