"""The checker on the real GovStack documents (skipped when they are not at hand).

The folder is $DIGITEAM_REFERENCE_DIR, else ../shared/reference next to the checkout. Every
finding below was reviewed by hand against the documents.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from digiteam.gitbook import (
    CompositionDocument,
    Finding,
    TaxonomyDocument,
    check,
    find_damaged_encoding,
    normalised,
    read_composition,
    read_file,
    read_taxonomy,
    read_text,
    write_composition,
    write_taxonomy,
)
from digiteam.gitbook.typos import Text, find_typos

pytestmark = pytest.mark.reference_docs

REPO_ROOT = Path(__file__).resolve().parents[2]
REFERENCE = Path(
    os.environ.get("DIGITEAM_REFERENCE_DIR", REPO_ROOT.parent / "shared" / "reference")
)
TAX = "govstack-user-profiles-taxonomy.md"
TEAM = "digital-team-composition.md"
PRINCIPLES = "organize-government-for-digital-services.md"

# All findings on the taxonomy and the composition: (file, line, code, subject or its start).
EXPECTED = [
    (TEAM, 16, "unresolved-link", "Digital Procurement manager"),
    (TEAM, 17, "unresolved-link", "Legal Policy Officer"),
    (TEAM, 18, "unresolved-link", "Administrative Coordinator"),
    (TEAM, 19, "link-text-mismatch", "Business intelligence analyst"),
    (TEAM, 19, "unresolved-link", "Finance Management Officer"),
    (TEAM, 19, "unresolved-link", "Program Leader"),
    (TEAM, 20, "group-not-role", "Domain experts"),
    (TEAM, 21, "group-not-role", "Focal points"),
    (TEAM, 22, "duplicate-role-in-function", "software-systems-developer"),
    (TEAM, 22, "duplicate-role-in-function", "technical-architect"),
    (TEAM, 22, "link-text-mismatch", "Business Analyst"),
    (TEAM, 22, "link-text-mismatch", "ICT system integration manager"),
    (TEAM, 22, "link-text-mismatch", "Software Developer"),
    (TEAM, 22, "unresolved-link", "Data Migration Specialist"),
    (TEAM, 22, "unresolved-link", "Product Manager"),
    (TEAM, 22, "unresolved-link", "Product Owner"),
    (TEAM, 22, "unresolved-link", "Quality Assurance Specialist/Tester"),
    (TEAM, 22, "unresolved-link", "Service Owner"),
    (TEAM, 23, "group-not-role", "MIS / Data / Cross-functional"),
    (TEAM, 23, "unresolved-link", "MIS / Data / Cross-functional"),
    (TEAM, 24, "unresolved-link", "Knowledge & Content Development Officer"),
    (TEAM, 24, "unresolved-link", "Training and Development Specialist"),
    (TEAM, 25, "unresolved-link", "Performance Analyst"),
    (TEAM, 26, "unresolved-link", "Help Desk Support Analyst"),
    (TEAM, 27, "empty-cell", "Communications Centre: Proposed Composition"),
    (TAX, 15, "duplicate-role-identical", "Government minister"),
    (TAX, 33, "heading-markup", "Chief Security Information Officer (CISO)"),
    (TAX, 37, "group-not-role", "Management/ Policy Makers"),
    (TAX, 49, "duplicate-role-conflicting", "Project manager"),
    (TAX, 53, "duplicate-role-conflicting", "Project manager"),
    (TAX, 57, "probable-typo", "Tranining"),
    (TAX, 77, "heading-markup", "Data Protection Officer"),
    (TAX, 81, "probable-typo", "componenents"),
    (TAX, 81, "probable-typo", "itnternal"),
    (TAX, 85, "heading-markup", "Citizen Engagement Officer/Change Management Officer"),
    (TAX, 89, "heading-markup", "Finance Management Officer"),
    (TAX, 101, "heading-markup", "Knowledge & Content Development Officer"),
    (TAX, 121, "probable-typo", "Treates"),
    (TAX, 173, "heading-markup", "Technical Architect"),
    (TAX, 177, "heading-markup", "Network Support Engineer"),
    (TAX, 181, "heading-markup", "Emerging Technologies Officer"),
    (
        TAX,
        201,
        "group-not-role",
        "Graduate Teaching Assistants/ Teaching Fellow/ Graduate students",
    ),
    (TAX, 225, "heading-markup", "Service designer"),
    (TAX, 229, "heading-markup", "User needs researchers"),
    (TAX, 233, "heading-markup", "UX/UI Designers"),
    (TAX, 241, "heading-markup", "Solution Architect"),
    (TAX, 253, "group-not-role", "Trainers"),
    (TAX, 265, "group-not-role", "IT Personnel"),
    (TAX, 275, "group-not-role", "End Users"),
    (TAX, 275, "heading-markup", "End Users"),
]


@pytest.fixture(scope="module")
def docs() -> tuple[TaxonomyDocument, CompositionDocument]:
    if not REFERENCE.is_dir():
        pytest.skip(f"reference documents not found in {REFERENCE} (set DIGITEAM_REFERENCE_DIR)")
    taxonomy = read_file(REFERENCE / TAX)
    composition = read_file(REFERENCE / TEAM)
    assert isinstance(taxonomy, TaxonomyDocument)
    assert isinstance(composition, CompositionDocument)
    return taxonomy, composition


@pytest.fixture(scope="module")
def findings(docs: tuple[TaxonomyDocument, CompositionDocument]) -> list[Finding]:
    return check(*docs)


def _one(findings: list[Finding], code: str, subject: str) -> Finding:
    (found,) = [f for f in findings if f.code == code and f.subject == subject]
    return found


def test_counts(docs: tuple[TaxonomyDocument, CompositionDocument]) -> None:
    taxonomy, composition = docs
    assert len(taxonomy.categories) == 9
    assert len(taxonomy.roles) == 53
    assert len(composition.functions) == 14
    assert sum(len(f.links) for f in composition.functions) == 44


def test_exactly_the_reviewed_findings(findings: list[Finding]) -> None:
    found = [(Path(f.path).name, f.line, f.code, f.subject) for f in findings]
    assert len(found) == len(EXPECTED)
    for (name, line, code, subject), expected in zip(found, EXPECTED, strict=True):
        assert (name, line, code) == expected[:3]
        assert subject.startswith(expected[3]), (subject, expected)


def test_first_project_manager_is_the_one_links_reach(
    docs: tuple[TaxonomyDocument, CompositionDocument], findings: list[Finding]
) -> None:
    taxonomy, _ = docs
    managers = [(r.line, r.anchor) for r in taxonomy.roles if r.title == "Project manager"]
    assert managers == [
        (29, "project-manager"),
        (49, "project-manager-1"),
        (53, "project-manager-2"),
    ]
    assert not [f for f in findings if f.subject == "Project manager" and f.path.endswith(TEAM)]


@pytest.mark.parametrize(
    ("link_text", "candidate", "confident"),
    [
        ("Digital Procurement manager", "Commercial manager/ procurement manager", True),
        ("Training and Development Specialist", "Tranining and Development Specialist", True),
        ("Finance Management Officer", "Finance Management Officer", True),
        (
            "Knowledge & Content Development Officer",
            "Knowledge & Content Development Officer",
            True,
        ),
        ("Legal Policy Officer", "Policy officer", False),
    ],
)
def test_unresolved_link_candidates(
    findings: list[Finding], link_text: str, candidate: str, confident: bool
) -> None:
    finding = _one(findings, "unresolved-link", link_text)
    assert f"'{candidate}'" in finding.message
    assert finding.confidence is not None
    assert (finding.confidence >= 0.8) is confident
    assert finding.confidence >= 0.5


@pytest.mark.parametrize(
    "link_text",
    [
        "Product Manager",
        "Product Owner",
        "Service Owner",
        "Administrative Coordinator",
        "Program Leader",
    ],
)
def test_unresolved_link_without_candidate(findings: list[Finding], link_text: str) -> None:
    finding = _one(findings, "unresolved-link", link_text)
    assert "the role is missing from the taxonomy" in finding.message
    assert finding.confidence is not None and finding.confidence < 0.5


def test_link_text_mismatches_name_the_other_role(findings: list[Finding]) -> None:
    assert (
        "#business-intelligence-analyst"
        in _one(findings, "link-text-mismatch", "Business intelligence analyst").message
    )
    assert (
        "#software-developer" in _one(findings, "link-text-mismatch", "Software Developer").message
    )


def test_repeated_government_minister_is_identical(findings: list[Finding]) -> None:
    finding = _one(findings, "duplicate-role-identical", "Government minister")
    assert "#government-minister-1" in finding.message


def test_principles_document_has_damaged_encoding() -> None:
    if not REFERENCE.is_dir():
        pytest.skip(f"reference documents not found in {REFERENCE}")
    path = str(REFERENCE / PRINCIPLES)
    found = find_damaged_encoding(read_text(path), path)
    assert [(f.line, f.suggestion) for f in found] == [(33, "don\u2019t")]


def _plain_text_typos(name: str) -> list[tuple[int, str, str]]:
    """The typo check on a whole document read as plain text, line by line."""
    if not REFERENCE.is_dir():
        pytest.skip(f"reference documents not found in {REFERENCE}")
    path = str(REFERENCE / name)
    lines = read_text(path).splitlines()
    texts = [Text(path, number, "a line", line) for number, line in enumerate(lines, 1)]
    return [(typo.where.line, typo.word, typo.suggestion) for typo in find_typos(texts)]


def test_principles_document_has_no_probable_typo() -> None:
    assert _plain_text_typos(PRINCIPLES) == []


def test_taxonomy_as_plain_text_has_exactly_the_real_typos() -> None:
    assert _plain_text_typos(TAX) == [
        (57, "Tranining", "Training"),
        (83, "componenents", "components"),
        (83, "itnternal", "internal"),
        (123, "Treates", "Creates"),
    ]


def test_round_trip(docs: tuple[TaxonomyDocument, CompositionDocument]) -> None:
    taxonomy, composition = docs
    assert normalised(read_taxonomy(write_taxonomy(taxonomy))) == normalised(taxonomy)
    assert normalised(read_composition(write_composition(composition))) == normalised(composition)
