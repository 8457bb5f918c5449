"""GitBook Markdown in and out: the GovStack taxonomy of roles and the team composition.

A pure format adapter (no Django): ``read_*`` give frozen documents with source lines,
``check`` reports their defects as findings, ``write_*`` give Markdown whose links resolve.
"""

from digiteam.gitbook.anchors import anchors_for, heading_anchor
from digiteam.gitbook.encoding import find_damaged_encoding
from digiteam.gitbook.errors import GitbookReadError, GitbookWriteError, NotGitbookDocument
from digiteam.gitbook.findings import Finding
from digiteam.gitbook.model import (
    Category,
    CompositionDocument,
    EncodingRepair,
    FunctionRow,
    RoleEntry,
    RoleLink,
    TaxonomyDocument,
    normalised,
)
from digiteam.gitbook.reader import read_composition, read_file, read_taxonomy, read_text
from digiteam.gitbook.report import CODES, check
from digiteam.gitbook.writer import role_link, with_anchors, write_composition, write_taxonomy

__all__ = [
    "CODES",
    "Category",
    "CompositionDocument",
    "EncodingRepair",
    "Finding",
    "FunctionRow",
    "GitbookReadError",
    "GitbookWriteError",
    "NotGitbookDocument",
    "RoleEntry",
    "RoleLink",
    "TaxonomyDocument",
    "anchors_for",
    "check",
    "find_damaged_encoding",
    "heading_anchor",
    "normalised",
    "read_composition",
    "read_file",
    "read_taxonomy",
    "read_text",
    "role_link",
    "with_anchors",
    "write_composition",
    "write_taxonomy",
]
