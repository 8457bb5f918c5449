"""Checks of the composition against the taxonomy its links point to.

Links are matched by anchor against the taxonomy given, whatever file name their href uses.
"""

from __future__ import annotations

from collections import defaultdict

from digiteam.gitbook.anchors import heading_anchor
from digiteam.gitbook.findings import Finding
from digiteam.gitbook.groups import group_reason
from digiteam.gitbook.matching import names_role, normal, rank_candidates, tokens
from digiteam.gitbook.model import (
    CompositionDocument,
    FunctionRow,
    RoleEntry,
    RoleLink,
    TaxonomyDocument,
)

LIKELY = 0.8  # from here a candidate is "probably" the role meant
POSSIBLE = 0.5  # below this there is no close match


def link_findings(comp: CompositionDocument, tax: TaxonomyDocument) -> list[Finding]:
    by_anchor = {role.anchor: role for role in tax.roles}
    findings = []
    for row in comp.functions:
        for link in row.links:
            role = by_anchor.get(link.anchor)
            if role is None:
                findings.append(_unresolved(comp.path, link, tax))
            else:
                findings += _mismatch(comp.path, link, role, tax)
    return findings


def _unresolved(path: str, link: RoleLink, tax: TaxonomyDocument) -> Finding:
    best = rank_candidates(link.anchor, link.text, tax.roles)[0]
    role = best.role
    message = f"link '{link.text}' goes to #{link.anchor}, which no heading has; "
    if best.score >= POSSIBLE:
        hedge = "probably meant" if best.score >= LIKELY else "nearest role, an uncertain match:"
        message += f"{hedge} '{role.title}' (line {role.line}, #{role.anchor})"
        message += _why_anchor_differs(link, role)
        suggestion = f"link to #{role.anchor} ({role.title})"
    else:
        nearest = f" (nearest '{role.title}', {best.score:.2f})" if best.score else ""
        message += f"no close match{nearest}; the role is missing from the taxonomy"
        suggestion = f"add the role '{link.text}' to the taxonomy, or link an existing role"
    if not set(tokens(link.text)) & set(tokens(link.anchor.replace("-", " "))):
        message += "; the link text and the anchor do not name the same role either"
    return Finding(
        code="unresolved-link",
        severity="error",
        path=path,
        line=link.line,
        message=message,
        subject=link.text,
        suggestion=suggestion,
        confidence=best.score,
    )


def _why_anchor_differs(link: RoleLink, role: RoleEntry) -> str:
    if heading_anchor(role.title) == link.anchor and role.note:
        return "; that heading's anchor includes its trailing note"
    if heading_anchor(role.title) == link.anchor:
        return f"; that title is repeated, so this heading's anchor is #{role.anchor}"
    return ""


def _mismatch(path: str, link: RoleLink, role: RoleEntry, tax: TaxonomyDocument) -> list[Finding]:
    if normal(link.text) == normal(role.title):
        return []
    other = next(
        (r for r in tax.roles if r.anchor != role.anchor and normal(r.title) == normal(link.text)),
        None,
    )
    if other is None and names_role(link.text, role.title):
        return []
    message = (
        f"link text '{link.text}' differs from '{role.title}', "
        f"the role #{link.anchor} reaches (line {role.line})"
    )
    suggestion = f"use the title '{role.title}', or link the role meant"
    if other is not None:
        message += f"; the text names the role at line {other.line} (#{other.anchor})"
        suggestion = f"link to #{other.anchor} ({other.title})"
    return [
        Finding("link-text-mismatch", "warning", path, link.line, message, link.text, suggestion)
    ]


def duplicate_links(comp: CompositionDocument) -> list[Finding]:
    findings = []
    for row in comp.functions:
        texts: dict[str, list[str]] = defaultdict(list)
        for link in row.links:
            texts[link.anchor].append(link.text)
        for anchor, names in texts.items():
            if len(names) > 1:
                listed = " and ".join(f"'{name}'" for name in names)
                message = f"#{anchor} is listed {len(names)} times in '{row.name}' (as {listed})"
                suggestion = "list the role once, or link each text to its own role"
                findings.append(
                    _finding("duplicate-role-in-function", comp, row, message, anchor, suggestion)
                )
    return findings


def empty_cells(comp: CompositionDocument) -> list[Finding]:
    findings = []
    for row in comp.functions:
        cells = (row.name, row.links or row.plain_roles, row.composition)
        for column, filled in zip(comp.columns, cells, strict=True):
            if not filled:
                message = f"function '{row.name}' has an empty '{column}' cell"
                subject = f"{row.name}: {column}"
                findings.append(
                    _finding("empty-cell", comp, row, message, subject, f"fill in '{column}'")
                )
    return findings


def group_links(comp: CompositionDocument, tax: TaxonomyDocument | None) -> list[Finding]:
    categories = [c.name for c in tax.categories] if tax else []
    findings = []
    for row in comp.functions:
        for link in row.links:
            reason = group_reason(link.text, categories)
            if reason:
                message = f"link text '{link.text}' names a group, not one role: {reason}"
                findings.append(_finding("group-not-role", comp, row, message, link.text, _SPLIT))
        for text in row.plain_roles:
            reason = group_reason(text, categories, plain=True)
            if reason:
                message = f"role cell text '{text}' (no link) names a group, not one role: {reason}"
                findings.append(_finding("group-not-role", comp, row, message, text, _SPLIT))
    return findings


_SPLIT = "list the roles it stands for, each linked to the taxonomy"


def _finding(
    code: str, comp: CompositionDocument, row: FunctionRow, message: str, subject: str, fix: str
) -> Finding:
    """A warning about one row of the table."""
    return Finding(code, "warning", comp.path, row.line, message, subject, fix)
