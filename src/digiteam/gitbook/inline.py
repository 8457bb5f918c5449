"""Inline Markdown as GitBook writes it: entities, backslash escapes, links, notes."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation
_ENTITY = re.compile(r"&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);")
# One left-to-right pass, so an escaped "\&" is never read as the start of an entity.
_ESCAPE_OR_ENTITY = re.compile(f"{_ESCAPE.pattern}|{_ENTITY.pattern}")
# [text](url) not preceded by a backslash; the url may hold one level of parentheses.
MD_LINK = re.compile(r"(?<!\\)\[((?:\\.|[^\]\\])*)\]\(\s*([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\s*\)")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
# Unescaped emphasis and code markers: formatting, not text.
_EMPHASIS = re.compile(r"(?<!\\)(?:\*+|`+)")
# A trailing remark introduced by an escaped asterisk: "Title \*remark".
_NOTE = re.compile(r"\s\\\*(?P<note>.+)$")


@dataclass(frozen=True)
class HeadingParts:
    title: str
    link_url: str | None
    note: str | None
    markup: tuple[str, ...]  # cleaned: link, html-entity &...;, escape, note, extra-space


def decode_inline(text: str) -> str:
    """Decode HTML entities and remove Markdown backslash escapes."""
    return _ESCAPE_OR_ENTITY.sub(_decode_one, text)


def unescape_backslashes(text: str) -> str:
    return _ESCAPE.sub(r"\1", text)


def collapse(text: str) -> str:
    """Whitespace runs (including no-break spaces) to one space, trimmed."""
    return " ".join(text.split())


def clean_text(text: str) -> str:
    """Plain text of inline Markdown: links reduced to text, tags dropped, decoded."""
    text = MD_LINK.sub(lambda m: m.group(1), text)
    return collapse(decode_inline(_TAG.sub(" ", text)))


def visible_heading_text(raw: str) -> str:
    """The text a reader sees in a heading (links reduced to text, markers dropped)."""
    text = MD_LINK.sub(lambda m: m.group(1), raw)
    text = _EMPHASIS.sub("", _TAG.sub("", text))
    return decode_inline(text)


def parse_heading(raw: str) -> HeadingParts:
    """Split a heading into display title, link URL and trailing note."""
    link = MD_LINK.search(raw)
    note_match = _NOTE.search(raw)
    title_part = raw[: note_match.start()] if note_match else raw
    note = collapse(visible_heading_text(note_match["note"])) if note_match else None
    title = collapse(visible_heading_text(title_part))
    return HeadingParts(title, link.group(2) if link else None, note or None, _markup(raw, link))


def _markup(raw: str, link: re.Match[str] | None) -> tuple[str, ...]:
    found = []
    if link:
        found.append("link")
    entities = sorted(set(_ENTITY.findall(raw)))
    if entities:
        found.append("html-entity " + " ".join(f"&{e};" for e in entities))
    if _ESCAPE.search(raw):
        found.append("escape")
    if _NOTE.search(raw):
        found.append("note")
    if "  " in decode_inline(raw).strip():
        found.append("extra-space")
    return tuple(found)


def _decode_one(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return match.group(1)
    return html.unescape(match.group(0))
