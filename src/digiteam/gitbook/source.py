"""A document's text prepared for reading: lines, front matter, title, paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from digiteam.gitbook.encoding import prepare_text
from digiteam.gitbook.frontmatter import read_front_matter
from digiteam.gitbook.inline import clean_text, parse_heading
from digiteam.gitbook.model import EncodingRepair

# An ATX heading: level, text, optional closing hashes.
HEADING = re.compile(r"^(?P<level>#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")


@dataclass(frozen=True)
class Source:
    path: str
    lines: list[str]  # lines[i] is line i + 1
    repairs: tuple[EncodingRepair, ...]
    front_matter: dict[str, str]
    body_start: int  # index of the first line after the front matter

    def title(self) -> tuple[str, str | None, int | None]:
        """Clean text, raw text and line index of the first level-1 heading, if any."""
        for i in range(self.body_start, len(self.lines)):
            match = HEADING.match(self.lines[i])
            if match and len(match["level"]) == 1:
                return parse_heading(match["text"]).title, match["text"], i
        return "", None, None


def open_source(text: str, path: str) -> Source:
    text, repairs = prepare_text(text)
    lines = text.split("\n")
    front_matter, body_start = read_front_matter(lines, path)
    return Source(path, lines, repairs, front_matter, body_start)


def is_blank(line: str) -> bool:
    """Blank once entities are decoded (GitBook writes lone ``&#x20;`` lines)."""
    return not clean_text(line)


def paragraphs(lines: list[str]) -> str:
    """Clean text of Markdown lines, paragraphs (split on blank lines) joined by a blank line."""
    result: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if is_blank(line):
            if current:
                result.append(clean_text(" ".join(current)))
            current = []
        else:
            current.append(line)
    return "\n\n".join(p for p in result if p)
