"""Read the composition shape: a title, an introduction and a three-column pipe table."""

from __future__ import annotations

import re
from urllib.parse import unquote

from digiteam.gitbook.cells import cell_text, roles_cell_items, split_row
from digiteam.gitbook.errors import GitbookReadError
from digiteam.gitbook.model import CompositionDocument, FunctionRow, RoleLink
from digiteam.gitbook.source import HEADING, Source, open_source, paragraphs

COLUMNS = 3
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def read_composition(text: str, *, path: str = "<composition>") -> CompositionDocument:
    source = open_source(text, path)
    title, _, title_index = source.title()
    header = find_table(source)
    if header is None:
        raise GitbookReadError(path, 1, "no Markdown table (header row and '---' separator row)")
    columns = _cells(source, header)
    start = source.body_start if title_index is None else title_index + 1
    intro_lines = [line for line in source.lines[start:header] if not HEADING.match(line)]
    rows = []
    index = header + 2
    while index < len(source.lines) and source.lines[index].lstrip().startswith("|"):
        rows.append(_row(source, index))
        index += 1
    return CompositionDocument(
        path=path,
        title=title,
        front_matter=source.front_matter,
        intro=paragraphs(intro_lines),
        columns=(cell_text(columns[0]), cell_text(columns[1]), cell_text(columns[2])),
        functions=tuple(rows),
        repairs=source.repairs,
    )


def find_table(source: Source) -> int | None:
    """Index of the header row of the first pipe table, if any."""
    lines = source.lines
    for i in range(source.body_start, len(lines) - 1):
        if lines[i].lstrip().startswith("|") and _SEPARATOR.match(lines[i + 1]):
            return i
    return None


def _cells(source: Source, index: int) -> list[str]:
    cells = split_row(source.lines[index])
    if len(cells) != COLUMNS:
        message = f"table row has {len(cells)} columns, expected {COLUMNS}"
        raise GitbookReadError(source.path, index + 1, message)
    return cells


def _row(source: Source, index: int) -> FunctionRow:
    name, roles, composition = _cells(source, index)
    number = index + 1
    links: list[RoleLink] = []
    plain: list[str] = []
    for item in roles_cell_items(roles):
        links += [_link(text, href, number) for text, href in item.links]
        if item.text:
            plain.append(item.text)
    return FunctionRow(cell_text(name), number, tuple(links), tuple(plain), cell_text(composition))


def _link(text: str, href: str, line: int) -> RoleLink:
    target, _, anchor = href.partition("#")
    return RoleLink(text=text, target_file=unquote(target), anchor=unquote(anchor), line=line)
