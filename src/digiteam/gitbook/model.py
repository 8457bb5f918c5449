"""What was read from a GitBook document: frozen records, each with its 1-based source line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EncodingRepair:
    """A run of mojibake found at ``line`` and the text it was read as."""

    line: int
    damaged: str
    repaired: str


@dataclass(frozen=True)
class RoleEntry:
    title: str  # display form: markup, entities, escapes and the trailing note removed
    raw_heading: str  # the heading text exactly as written after ``###``
    anchor: str  # the anchor GitBook gives this heading on the page (with -1, -2 ...)
    description: str  # clean text; paragraphs joined by a blank line
    line: int
    link_url: str | None = None  # when the heading itself is a Markdown link
    note: str | None = None  # trailing remark such as "*exact role from ..." (without "*")


@dataclass(frozen=True)
class Category:
    name: str
    line: int
    roles: tuple[RoleEntry, ...]


@dataclass(frozen=True)
class TaxonomyDocument:
    path: str
    title: str
    front_matter: dict[str, str]
    categories: tuple[Category, ...]
    repairs: tuple[EncodingRepair, ...] = ()

    @property
    def roles(self) -> tuple[RoleEntry, ...]:
        return tuple(role for category in self.categories for role in category.roles)


@dataclass(frozen=True)
class RoleLink:
    text: str
    target_file: str  # the part of the href before "#"
    anchor: str  # the part after "#", URL-decoded ("" when there is none)
    line: int


@dataclass(frozen=True)
class FunctionRow:
    name: str
    line: int
    links: tuple[RoleLink, ...]
    plain_roles: tuple[str, ...]  # role cell text that is not a link
    composition: str


@dataclass(frozen=True)
class CompositionDocument:
    path: str
    title: str
    front_matter: dict[str, str]
    intro: str
    columns: tuple[str, str, str]
    functions: tuple[FunctionRow, ...]
    repairs: tuple[EncodingRepair, ...] = ()


Projection = tuple[object, ...]


def normalised(doc: TaxonomyDocument | CompositionDocument) -> Projection:
    """The content of a document without lines, path, raw text or repairs (for comparisons)."""
    if isinstance(doc, TaxonomyDocument):
        return (
            doc.title,
            tuple(sorted(doc.front_matter.items())),
            tuple((c.name, tuple(_role(r) for r in c.roles)) for c in doc.categories),
        )
    return (
        doc.title,
        tuple(sorted(doc.front_matter.items())),
        doc.intro,
        doc.columns,
        tuple(_function(f) for f in doc.functions),
    )


def _role(role: RoleEntry) -> Projection:
    return (role.title, role.anchor, role.description, role.link_url, role.note)


def _function(row: FunctionRow) -> Projection:
    links = tuple((link.text, link.target_file, link.anchor) for link in row.links)
    return (row.name, links, row.plain_roles, row.composition)
