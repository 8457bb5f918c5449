"""Sort GitBook files into the taxonomy, the composition and other pages, and check them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from digiteam.gitbook import (
    CompositionDocument,
    Finding,
    GitbookReadError,
    TaxonomyDocument,
    check,
    find_damaged_encoding,
    read_text,
)
from digiteam.gitbook.findings import sort_key
from digiteam.gitbook.reader import read_file


@dataclass
class GitbookFiles:
    taxonomy: TaxonomyDocument
    compositions: list[CompositionDocument] = field(default_factory=list)
    other_pages: dict[str, str] = field(default_factory=dict)  # path -> text


def gitbook_files_read(paths: list[Path]) -> GitbookFiles:
    """Read every file; GitbookReadError (file and line) when one cannot be read."""
    taxonomy: TaxonomyDocument | None = None
    compositions: list[CompositionDocument] = []
    others: dict[str, str] = {}
    for path in paths:
        text = read_text(path)
        try:
            doc = read_file(path)
        except GitbookReadError:
            others[str(path)] = text  # a page of prose: only its encoding is checked
            continue
        if isinstance(doc, TaxonomyDocument):
            if taxonomy is not None:
                raise GitbookReadError(str(path), 1, "a second taxonomy; give one")
            taxonomy = doc
        else:
            compositions.append(doc)
    if taxonomy is None:
        where = str(paths[0]) if paths else "(no file)"
        raise GitbookReadError(where, 1, "no taxonomy among the files (<details> groups of roles)")
    return GitbookFiles(taxonomy, compositions, others)


def gitbook_files_check(files: GitbookFiles) -> list[Finding]:
    findings = check(files.taxonomy)
    for composition in files.compositions:
        # the taxonomy's own findings were counted once above
        findings += [f for f in check(files.taxonomy, composition) if f.path == composition.path]
    for path, text in files.other_pages.items():
        findings += find_damaged_encoding(text, path)
    return sorted(findings, key=sort_key)
