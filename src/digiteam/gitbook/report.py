"""Check a GitBook taxonomy and the composition that links to it; report findings.

===========================  ========  ======================================================
code                         severity  what it finds
===========================  ========  ======================================================
duplicate-role-identical     warning   a role defined again with the same description
duplicate-role-conflicting   error     one title (ignoring case, spacing, entities, plural
                                       "s") defined more than once with different texts;
                                       links reach the first only
unresolved-link              error     a composition link whose anchor no heading has (GitBook
                                       anchors, -1/-2 for repeats); names the nearest role
                                       with a confidence 0..1 but never binds it
link-text-mismatch           warning   a resolved link whose text is not the title of the role
                                       it reaches (a "Senior" prefix, a "/" alternative or an
                                       acronym in brackets are accepted)
duplicate-role-in-function   warning   one anchor listed more than once in a function's roles
empty-cell                   warning   an empty function name, roles or composition cell
probable-typo                warning   a rare word one or two edits from a common one
group-not-role               warning   a heading, link text or plain role cell that names a
                                       group of people rather than one role (see groups.py)
damaged-encoding             warning   UTF-8 text once read as cp1252 ("â€™"); it was repaired
heading-markup               info      a heading with a link, entity, escape, note or extra
                                       spaces: says which title it was read as
===========================  ========  ======================================================

Findings come sorted by file, line and code, so reports can be compared between runs.
"""

from __future__ import annotations

from collections.abc import Iterator

from digiteam.gitbook.encoding import find_damaged_encoding, repair_findings
from digiteam.gitbook.findings import Finding, sort_key
from digiteam.gitbook.link_checks import duplicate_links, empty_cells, group_links, link_findings
from digiteam.gitbook.model import CompositionDocument, TaxonomyDocument
from digiteam.gitbook.role_checks import duplicate_roles, group_headings, heading_markup
from digiteam.gitbook.typos import Text, find_typos

__all__ = ["CODES", "Finding", "check", "find_damaged_encoding"]

CODES = (
    "duplicate-role-identical",
    "duplicate-role-conflicting",
    "unresolved-link",
    "link-text-mismatch",
    "duplicate-role-in-function",
    "empty-cell",
    "probable-typo",
    "group-not-role",
    "damaged-encoding",
    "heading-markup",
)


def check(
    taxonomy: TaxonomyDocument, composition: CompositionDocument | None = None
) -> list[Finding]:
    findings = [
        *repair_findings(taxonomy.repairs, taxonomy.path),
        *duplicate_roles(taxonomy),
        *group_headings(taxonomy),
        *heading_markup(taxonomy),
    ]
    if composition is not None:
        findings += [
            *repair_findings(composition.repairs, composition.path),
            *link_findings(composition, taxonomy),
            *duplicate_links(composition),
            *empty_cells(composition),
            *group_links(composition, taxonomy),
        ]
    findings += typo_findings(taxonomy, composition)
    return sorted(findings, key=sort_key)


def typo_findings(
    taxonomy: TaxonomyDocument, composition: CompositionDocument | None = None
) -> list[Finding]:
    texts = list(_texts(taxonomy, composition))
    return [
        Finding(
            code="probable-typo",
            severity="warning",
            path=typo.where.path,
            line=typo.where.line,
            message=f"'{typo.word}' in {typo.where.kind} is probably '{typo.suggestion}'",
            subject=typo.word,
            suggestion=typo.suggestion,
        )
        for typo in find_typos(texts)
    ]


def _texts(tax: TaxonomyDocument, comp: CompositionDocument | None) -> Iterator[Text]:
    """Every piece of prose and every name, with the line it comes from."""
    for category in tax.categories:
        yield Text(tax.path, category.line, "a category name", category.name)
        for role in category.roles:
            yield Text(tax.path, role.line, "a role title", role.title)
            yield Text(tax.path, role.line, "a role note", role.note or "")
            yield Text(tax.path, role.line, "a role description", role.description)
    if comp is None:
        return
    for row in comp.functions:
        yield Text(comp.path, row.line, "a function name", row.name)
        yield Text(comp.path, row.line, "a composition cell", row.composition)
        for link in row.links:
            yield Text(comp.path, row.line, "a link text", link.text)
        for plain in row.plain_roles:
            yield Text(comp.path, row.line, "a roles cell", plain)
