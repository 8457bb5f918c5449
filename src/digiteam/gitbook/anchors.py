"""The anchors GitBook gives to headings, so links can be checked and written.

Rules (checked against the GovStack documents, whose links were made by GitBook):

* the visible text counts: a Markdown link gives its text, HTML entities are decoded,
  backslash escapes and emphasis markers are dropped; a trailing note stays part of it;
* lowercase; "&" reads as "and" (``Monitoring & Evaluation`` -> ``monitoring-and-evaluation``);
* apostrophes vanish; every other punctuation mark separates words (``UX/UI`` -> ``ux-ui``);
* separators and whitespace become one hyphen; leading and trailing hyphens go;
* on one page a repeated anchor gets ``-1``, ``-2`` ... in order of appearance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from digiteam.gitbook.inline import visible_heading_text

_APOSTROPHES = re.compile(r"['\u2019\u2018]")
_SEPARATORS = re.compile(r"[^\w\s-]|_")
_HYPHENS = re.compile(r"[\s-]+")


def heading_anchor(text: str) -> str:
    """The anchor of one heading, before de-duplication."""
    text = visible_heading_text(text).lower().replace("&", " and ")
    text = _SEPARATORS.sub(" ", _APOSTROPHES.sub("", text))
    return _HYPHENS.sub("-", text).strip("-")


def anchors_for(headings: Iterable[str]) -> list[str]:
    """Anchors for the headings of one page, in order, with GitBook's -N suffixes."""
    taken: set[str] = set()
    last_suffix: dict[str, int] = {}
    result = []
    for heading in headings:
        base = anchor = heading_anchor(heading)
        suffix = last_suffix.get(base, 0)
        while anchor in taken:
            suffix += 1
            anchor = f"{base}-{suffix}"
        last_suffix[base] = suffix
        taken.add(anchor)
        result.append(anchor)
    return result
