"""Read GitBook Markdown files: the taxonomy of roles and the team composition table."""

from __future__ import annotations

import re
from pathlib import Path

from digiteam.gitbook.composition_reader import find_table, read_composition
from digiteam.gitbook.encoding import decode_bytes
from digiteam.gitbook.errors import GitbookReadError, NotGitbookDocument
from digiteam.gitbook.model import CompositionDocument, TaxonomyDocument
from digiteam.gitbook.source import open_source
from digiteam.gitbook.taxonomy_reader import read_taxonomy

__all__ = ["read_composition", "read_file", "read_taxonomy", "read_text"]

_DETAILS = re.compile(r"^\s*<details[\s>]", re.IGNORECASE | re.MULTILINE)


def read_text(path: str | Path) -> str:
    """A file's text, or GitbookReadError naming the file and the line of the first bad byte."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise GitbookReadError(str(path), 1, f"cannot open: {exc.strerror}") from exc
    return decode_bytes(data, str(path))


def read_file(path: str | Path) -> TaxonomyDocument | CompositionDocument:
    """Read a file as whichever kind it is: ``<details>`` groups, else a table."""
    name = str(path)
    text = read_text(path)
    if _DETAILS.search(text):
        return read_taxonomy(text, path=name)
    if find_table(open_source(text, name)) is not None:
        return read_composition(text, path=name)
    message = "neither a taxonomy (<details> groups of '###' roles) nor a composition (a table)"
    raise NotGitbookDocument(name, 1, message)
