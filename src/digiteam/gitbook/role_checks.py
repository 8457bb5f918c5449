"""Checks of the taxonomy alone: repeated roles, groups posing as roles, cleaned headings."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from digiteam.gitbook.findings import Finding
from digiteam.gitbook.groups import group_reason
from digiteam.gitbook.inline import collapse, parse_heading
from digiteam.gitbook.matching import normal
from digiteam.gitbook.model import RoleEntry, TaxonomyDocument

_MARKUP_NAMES = {
    "link": "a link",
    "html-entity": "HTML entity",
    "escape": "backslash escapes",
    "note": "a trailing note",
    "extra-space": "extra spaces",
}


def duplicate_roles(doc: TaxonomyDocument) -> list[Finding]:
    """Every repeat of a title after its first definition (the one links reach)."""
    by_title: dict[str, list[RoleEntry]] = defaultdict(list)
    for role in doc.roles:
        by_title[normal(role.title)].append(role)
    findings = []
    for roles in by_title.values():
        first = roles[0]
        for index, role in enumerate(roles[1:], 1):
            twin = next((r for r in roles[:index] if _same_text(r, role)), None)
            findings.append(_duplicate(doc, role, first, twin, len(roles)))
    return findings


def _duplicate(
    doc: TaxonomyDocument, role: RoleEntry, first: RoleEntry, twin: RoleEntry | None, count: int
) -> Finding:
    where = f"#{role.anchor}, while #{first.anchor} reaches line {first.line}"
    if twin is not None:
        message = f"role '{role.title}' repeats line {twin.line} with the same description"
        fix = "delete this copy"
        return _finding(
            "duplicate-role-identical", doc, role, f"{message} (this copy is {where})", fix
        )
    message = f"role '{role.title}' is defined {count} times with different descriptions"
    fix = "merge the definitions or give each role its own title"
    finding = _finding(
        "duplicate-role-conflicting", doc, role, f"{message} (this one is {where})", fix
    )
    return replace(finding, severity="error")


def _same_text(a: RoleEntry, b: RoleEntry) -> bool:
    return collapse(a.description).casefold() == collapse(b.description).casefold()


def group_headings(doc: TaxonomyDocument) -> list[Finding]:
    names = [category.name for category in doc.categories]
    findings = []
    for role in doc.roles:
        reason = group_reason(role.title, names)
        if reason:
            message = f"heading '{role.title}' names a group of people, not one role: {reason}"
            fix = "split it into the roles it covers, or move it out of the role list"
            findings.append(_finding("group-not-role", doc, role, message, fix))
    return findings


def heading_markup(doc: TaxonomyDocument) -> list[Finding]:
    findings = []
    for role in doc.roles:
        markup = parse_heading(role.raw_heading).markup
        if not markup:
            continue
        what = ", ".join(_describe(m) for m in markup)
        message = f"heading {role.raw_heading!r} has {what}; read as title '{role.title}'"
        if role.note:
            message += f" with note '{role.note}'"
        if role.link_url:
            message += f" linking to {role.link_url}"
        finding = _finding("heading-markup", doc, role, message, _markup_suggestion(role))
        findings.append(replace(finding, severity="info"))
    return findings


def _describe(markup: str) -> str:
    kind, _, detail = markup.partition(" ")
    return f"{_MARKUP_NAMES[kind]} {detail}".strip()


def _markup_suggestion(role: RoleEntry) -> str:
    if role.note:
        return "move the note into the description, so the anchor is the title's"
    return f"write the heading as plain text: {role.title}"


def _finding(code: str, doc: TaxonomyDocument, role: RoleEntry, message: str, fix: str) -> Finding:
    """A warning about one role heading."""
    return Finding(code, "warning", doc.path, role.line, message, role.title, fix)
