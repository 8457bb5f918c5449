"""Write GitBook Markdown in the shape of the GovStack pages, with links that resolve.

Anchors come from ``anchors.py``, like the reader's: ``with_anchors`` gives each role the anchor
its written heading will have (``-1``, ``-2`` for repeated titles), ``role_link`` links a role
by that anchor, and both writers refuse a document whose anchors or links would not resolve.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import quote

from digiteam.gitbook.anchors import anchors_for
from digiteam.gitbook.errors import GitbookWriteError
from digiteam.gitbook.frontmatter import write_front_matter
from digiteam.gitbook.model import (
    Category,
    CompositionDocument,
    FunctionRow,
    RoleEntry,
    RoleLink,
    TaxonomyDocument,
)
from digiteam.gitbook.taxonomy_reader import read_taxonomy

TAXONOMY_FILENAME = "govstack-user-profiles-taxonomy.md"
BULLET = "\u00b7"

# Characters that would otherwise be read as Markdown: escaped with a backslash.
_MARKDOWN = re.compile(r"([\\_\[\]`])")
# Written as entities: "*" (no emphasis, no note), "<" and ">" (no HTML), and "&" where it
# would start an entity.
_ENTITIES = {"*": "&#x2A;", "<": "&#x3C;", ">": "&#x3E;", "&": "&#x26;"}
_ENTITY_CHARS = re.compile(r"[*<>]|&(?=#|[A-Za-z0-9]+;)")
# A paragraph starting like a heading, quote, list, rule or table; "1." starting a list.
_BLOCK_START = re.compile(r"^([#>+\-|=])")
_ORDERED = re.compile(r"^(\d+)([.)])")
_EDGE = "-+,;:.*"  # what the reader trims from the ends of a plain role


def _inline(text: str) -> str:
    text = _MARKDOWN.sub(r"\\\1", text)
    return _ENTITY_CHARS.sub(lambda m: _ENTITIES[m.group()], text)


def escape_text(text: str) -> str:
    """Text for a heading or paragraph that GitBook shows as is."""
    return _ORDERED.sub(r"\1\\\2", _BLOCK_START.sub(r"\\\1", _inline(text)))


def escape_cell(text: str) -> str:
    """Text for a pipe-table cell (pipes escaped; no block syntax there)."""
    return _inline(text).replace("|", "\\|")


def heading_markdown(role: RoleEntry) -> str:
    """The heading text written for a role: title (as a link if it had one) and note."""
    title = escape_text(role.title)
    if role.link_url:
        title = f"[{title}]({role.link_url})"
    return f"{title} \\*{escape_text(role.note)}" if role.note else title


def with_anchors(doc: TaxonomyDocument) -> TaxonomyDocument:
    """The document with each role's anchor set to the one its written heading gets."""
    headings = [escape_text(doc.title)] if doc.title else []
    headings += [heading_markdown(role) for role in doc.roles]
    anchors = iter(anchors_for(headings)[1 if doc.title else 0 :])
    categories = tuple(
        replace(c, roles=tuple(replace(r, anchor=next(anchors)) for r in c.roles))
        for c in doc.categories
    )
    return replace(doc, categories=categories)


def role_link(
    role: RoleEntry,
    *,
    text: str | None = None,
    target_file: str = TAXONOMY_FILENAME,
    line: int = 0,
) -> RoleLink:
    """A link to a role (of a document passed through ``with_anchors`` or read from a file)."""
    return RoleLink(text=text or role.title, target_file=target_file, anchor=role.anchor, line=line)


def write_taxonomy(doc: TaxonomyDocument) -> str:
    parts = [write_front_matter(doc.front_matter)]
    if doc.title:
        parts.append(f"# {escape_text(doc.title)}\n\n")
    parts += [_category(category) for category in doc.categories]
    text = "".join(parts)
    _check_anchors(doc, text)
    return text


def _category(category: Category) -> str:
    lines = ["<details>", "", f"<summary>{escape_text(category.name)}</summary>", ""]
    for role in category.roles:
        lines += [f"### {heading_markdown(role)}", ""]
        for paragraph in filter(None, role.description.split("\n\n")):
            lines += [escape_text(paragraph), ""]
    lines += ["</details>", "", ""]
    return "\n".join(lines)


def _check_anchors(doc: TaxonomyDocument, text: str) -> None:
    written = read_taxonomy(text, path=doc.path).roles
    problems = [
        f"line {role.line}: role '{role.title}' has anchor #{role.anchor} but its heading "
        f"gives #{again.anchor} (use with_anchors)"
        for role, again in zip(doc.roles, written, strict=True)
        if role.anchor != again.anchor
    ]
    if problems:
        raise GitbookWriteError(problems)


def write_composition(
    doc: CompositionDocument,
    *,
    taxonomy_filename: str = TAXONOMY_FILENAME,
    taxonomy: TaxonomyDocument | None = None,
) -> str:
    """The composition page; links without a target file point to ``taxonomy_filename``.

    With ``taxonomy``, every link must reach one of its roles, or GitbookWriteError is raised.
    """
    if taxonomy is not None:
        _check_links(doc, taxonomy)
    parts = [write_front_matter(doc.front_matter)]
    if doc.title:
        parts.append(f"# {escape_text(doc.title)}\n\n")
    if doc.intro:
        parts += [f"{escape_text(p)}\n\n" for p in doc.intro.split("\n\n") if p]
    header = " | ".join(escape_cell(column) for column in doc.columns)
    parts += [f"| {header} |\n", "| --- | --- | --- |\n"]
    parts += [_row(row, taxonomy_filename) for row in doc.functions]
    return "".join(parts)


def _row(row: FunctionRow, taxonomy_filename: str) -> str:
    items = [_link_html(link, taxonomy_filename) for link in row.links]
    items += [f"<p>{BULLET} {_plain_role(text)}</p>" for text in row.plain_roles]
    cells = (escape_cell(row.name), "".join(items), escape_cell(row.composition))
    return "| " + " | ".join(cells) + " |\n"


def _plain_role(text: str) -> str:
    """Plain role text; punctuation at its ends escaped, as the reader trims separators."""
    stripped = text.lstrip(_EDGE + " ")
    core = stripped.rstrip(_EDGE + " ")
    head, tail = text[: len(text) - len(stripped)], stripped[len(core) :]
    return _protect(head) + escape_cell(core) + _protect(tail)


def _protect(edge: str) -> str:
    return "".join(ch if ch == " " else "\\" + ch for ch in edge)


def _link_html(link: RoleLink, taxonomy_filename: str) -> str:
    target = quote(link.target_file or taxonomy_filename, safe="/-_.~")
    href = f"{target}#{quote(link.anchor, safe='-_.~')}" if link.anchor else target
    return f'<p>{BULLET} <a href="{href}">{escape_cell(link.text)}</a></p>'


def _check_links(doc: CompositionDocument, taxonomy: TaxonomyDocument) -> None:
    anchors = {role.anchor for role in taxonomy.roles}
    problems = [
        f"line {link.line}: link '{link.text}' goes to #{link.anchor}, which no role has"
        for row in doc.functions
        for link in row.links
        if link.anchor not in anchors
    ]
    if problems:
        raise GitbookWriteError(problems)
