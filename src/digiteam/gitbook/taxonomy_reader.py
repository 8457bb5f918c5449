"""Read the taxonomy shape: ``<details>`` groups, each a ``<summary>`` and ``###`` roles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from digiteam.gitbook.anchors import anchors_for
from digiteam.gitbook.errors import GitbookReadError
from digiteam.gitbook.inline import clean_text, parse_heading
from digiteam.gitbook.model import Category, RoleEntry, TaxonomyDocument
from digiteam.gitbook.source import HEADING, Source, open_source, paragraphs

_DETAILS_OPEN = re.compile(r"^\s*<details(\s[^>]*)?>\s*$", re.IGNORECASE)
_DETAILS_CLOSE = re.compile(r"^\s*</details>\s*$", re.IGNORECASE)
_SUMMARY = re.compile(r"^\s*<summary>(?P<name>.*?)</summary>\s*$", re.IGNORECASE)
ROLE_LEVEL = 3


@dataclass
class _Role:
    raw: str
    line: int
    body: list[str] = field(default_factory=list)


@dataclass
class _Group:
    line: int
    name: str | None = None
    roles: list[_Role] = field(default_factory=list)


def read_taxonomy(text: str, *, path: str = "<taxonomy>") -> TaxonomyDocument:
    source = open_source(text, path)
    title, _, _ = source.title()
    groups = _groups(source)
    if not any(group.roles for group in groups):
        raise GitbookReadError(path, 1, "no <details> group with '###' role headings")
    anchors = page_anchors(source)
    categories = tuple(
        Category(
            group.name or "", group.line, tuple(_entry(r, anchors[r.line]) for r in group.roles)
        )
        for group in groups
    )
    return TaxonomyDocument(path, title, source.front_matter, categories, source.repairs)


def page_anchors(source: Source) -> dict[int, str]:
    """Anchor of every heading by line: all headings of a page share one set of anchors."""
    found = [
        (i + 1, m["text"]) for i, line in enumerate(source.lines) if (m := HEADING.match(line))
    ]
    found = [(number, text) for number, text in found if number > source.body_start]
    return dict(zip((n for n, _ in found), anchors_for(t for _, t in found), strict=True))


def _groups(source: Source) -> list[_Group]:
    groups: list[_Group] = []
    current: _Group | None = None
    for index in range(source.body_start, len(source.lines)):
        line, number = source.lines[index], index + 1
        if _DETAILS_OPEN.match(line):
            if current is not None:
                raise _error(
                    source, number, f"<details> inside the group opened at line {current.line}"
                )
            current = _Group(number)
        elif _DETAILS_CLOSE.match(line):
            if current is None:
                raise _error(source, number, "</details> without a matching <details>")
            groups.append(_close(source, current))
            current = None
        elif current is not None:
            _group_line(source, current, line, number)
        elif _role_heading(line) is not None:
            raise _error(source, number, "role heading outside a <details> group")
    if current is not None:
        raise _error(source, current.line, "<details> is never closed")
    return groups


def _group_line(source: Source, group: _Group, line: str, number: int) -> None:
    summary = _SUMMARY.match(line)
    heading = _role_heading(line)
    if summary and group.name is None and not group.roles:
        group.name = clean_text(summary["name"])
    elif summary:
        raise _error(source, number, "a second <summary> in one group")
    elif heading is not None:
        if group.name is None:
            raise _error(source, number, "role heading before the group's <summary>")
        group.roles.append(_Role(heading, number))
    elif group.roles:
        group.roles[-1].body.append(line)


def _close(source: Source, group: _Group) -> _Group:
    if group.name is None:
        raise _error(source, group.line, "<details> group without a <summary>")
    return group


def _role_heading(line: str) -> str | None:
    match = HEADING.match(line)
    if match and len(match["level"]) == ROLE_LEVEL:
        return match["text"]
    return None


def _entry(role: _Role, anchor: str) -> RoleEntry:
    parts = parse_heading(role.raw)
    return RoleEntry(
        title=parts.title,
        raw_heading=role.raw,
        anchor=anchor,
        description=paragraphs(role.body),
        line=role.line,
        link_url=parts.link_url,
        note=parts.note,
    )


def _error(source: Source, line: int, message: str) -> GitbookReadError:
    return GitbookReadError(source.path, line, message)
