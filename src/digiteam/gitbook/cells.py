"""Table cells of a GitBook composition: pipe splitting and the items of a roles cell.

A roles cell is either HTML (``<p>· <a href="file.md#anchor">Text</a></p>`` repeated) or
Markdown (``• [Text](file.md#anchor)``), or plain text. ``<p>``, ``<br>``, ``<li>``, new lines
and bullets separate items; an item with links gives those links, one without gives text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from digiteam.gitbook.inline import MD_LINK, collapse, unescape_backslashes

_BREAKING_TAGS = {"p", "br", "li", "div", "ul", "ol", "tr", "td"}
_BULLETS = re.compile(r"[\u2022\u00b7\u25aa\u25cf\n]")
_FILLER = " \t-*+,;:.\u2022\u00b7"
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
_TRAILING_FILLER = re.compile(f"(?<!\\\\)[{re.escape(_FILLER)}]+$")


@dataclass(frozen=True)
class CellItem:
    links: tuple[tuple[str, str], ...]  # (text, href)
    text: str  # what is left once links and bullets are removed


def split_row(line: str) -> list[str]:
    """The cells of a pipe-table row (escaped pipes stay in their cell)."""
    body = line.strip()
    body = body.removeprefix("|")
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [cell.strip() for cell in _PIPE_SPLIT.split(body)]


def roles_cell_items(cell: str) -> list[CellItem]:
    parser = _CellParser()
    parser.feed(cell)
    parser.close()
    return [item for item in (_item(tokens) for tokens in parser.items()) if item]


def cell_text(cell: str) -> str:
    """Plain text of a cell: tags dropped, entities decoded, escapes removed."""
    parser = _CellParser()
    parser.feed(cell)
    parser.close()
    words = [text for tokens in parser.items() for _, text, _ in tokens]
    return collapse(unescape_backslashes(" ".join(words)))


# A token is (kind, text, href) with kind "text" or "link".
Token = tuple[str, str, str]


class _CellParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._items: list[list[Token]] = [[]]
        self._href: str | None = None
        self._link_text: list[str] = []

    def items(self) -> list[list[Token]]:
        return [tokens for tokens in self._items if tokens]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._link_text = []
        elif tag in _BREAKING_TAGS:
            self._items.append([])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKING_TAGS:
            self._items.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self._items[-1].append(("link", "".join(self._link_text), self._href))
            self._href = None
        elif tag in _BREAKING_TAGS:
            self._items.append([])

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._link_text.append(data)
            return
        for i, piece in enumerate(_BULLETS.split(data)):
            if i:
                self._items.append([])
            self._items[-1] += _markdown_tokens(piece)


def _markdown_tokens(text: str) -> list[Token]:
    tokens: list[Token] = []
    last = 0
    for match in MD_LINK.finditer(text):
        tokens += [("text", text[last : match.start()], ""), ("link", match[1], match[2])]
        last = match.end()
    tokens.append(("text", text[last:], ""))
    return tokens


def _item(tokens: list[Token]) -> CellItem | None:
    links = tuple(
        (collapse(unescape_backslashes(text)), href)
        for kind, text, href in tokens
        if kind == "link"
    )
    # Bullets and separators are trimmed before unescaping, so "\-" stays a hyphen.
    rest = collapse(" ".join(t for kind, t, _ in tokens if kind == "text"))
    rest = unescape_backslashes(_TRAILING_FILLER.sub("", rest.lstrip(_FILLER)))
    if not links and not rest:
        return None
    return CellItem(links, "" if links else rest)
