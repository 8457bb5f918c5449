"""The checker on invented fixtures: every code fires where expected, and nowhere else."""

from __future__ import annotations

from pathlib import Path

import pytest

from digiteam.gitbook import CODES, Finding, check, read_file
from digiteam.gitbook.model import CompositionDocument, TaxonomyDocument

TAX = "taxonomy_defects.md"
TEAM = "composition_defects.md"

# Every finding on the defects fixtures: (file, line, code, subject).
EXPECTED = [
    (TEAM, 12, "duplicate-role-in-function", "platform-engineer"),
    (TEAM, 13, "unresolved-link", "Payroll officer"),
    (TEAM, 14, "link-text-mismatch", "Accessibility tester"),
    (TEAM, 15, "empty-cell", "Complaints: Size"),
    (TEAM, 15, "unresolved-link", "Complaints handler"),
    (TEAM, 16, "group-not-role", "Caretakers for every building"),
    (TEAM, 17, "group-not-role", "Drivers / Porters / Loaders"),
    (TEAM, 17, "link-text-mismatch", "Drivers / Porters / Loaders"),
    (TEAM, 18, "unresolved-link", "Sign language interpreter"),
    (TEAM, 19, "empty-cell", "Archive: Roles"),
    (TAX, 15, "duplicate-role-identical", "Head of delivery"),
    (TAX, 29, "duplicate-role-conflicting", "Records clerk"),
    (TAX, 33, "heading-markup", "Platform engineer"),
    (TAX, 35, "damaged-encoding", "team\u00e2\u20ac\u2122s"),
    (TAX, 37, "heading-markup", "Accessibility auditor"),
    (TAX, 45, "heading-markup", "Payroll officer"),
    (TAX, 49, "probable-typo", "Handeler"),
    (TAX, 53, "group-not-role", "Support Staff"),
    (TAX, 57, "group-not-role", "Operations"),
    (TAX, 61, "group-not-role", "Field Agents/ Drivers/ Porters"),
]


def _pair(fixtures: Path, kind: str) -> tuple[TaxonomyDocument, CompositionDocument]:
    taxonomy = read_file(fixtures / f"taxonomy_{kind}.md")
    composition = read_file(fixtures / f"composition_{kind}.md")
    assert isinstance(taxonomy, TaxonomyDocument)
    assert isinstance(composition, CompositionDocument)
    return taxonomy, composition


@pytest.fixture
def defects(fixtures: Path) -> list[Finding]:
    return check(*_pair(fixtures, "defects"))


def _by(findings: list[Finding], code: str, line: int) -> Finding:
    return next(f for f in findings if f.code == code and f.line == line)


def test_clean_documents_have_no_findings(fixtures: Path) -> None:
    assert check(*_pair(fixtures, "clean")) == []


def test_every_defect_is_found_and_nothing_else(defects: list[Finding]) -> None:
    found = [(Path(f.path).name, f.line, f.code, f.subject) for f in defects]
    assert found == EXPECTED


def test_every_code_is_exercised() -> None:
    assert {code for _, _, code, _ in EXPECTED} == set(CODES)


def test_unresolved_link_suggests_but_never_binds(defects: list[Finding]) -> None:
    payroll = _by(defects, "unresolved-link", 13)
    assert payroll.severity == "error"
    assert (
        payroll.suggestion
        == "link to #payroll-officer-closest-standard-role-salary-clerk (Payroll officer)"
    )
    assert payroll.confidence is not None and payroll.confidence >= 0.8
    assert "trailing note" in payroll.message
    typo = _by(defects, "unresolved-link", 15)
    assert "probably meant 'Complaints Handeler'" in typo.message


def test_unresolved_link_without_candidate(defects: list[Finding]) -> None:
    missing = _by(defects, "unresolved-link", 18)
    assert "no close match; the role is missing from the taxonomy" in missing.message
    assert missing.confidence is not None and missing.confidence < 0.5


def test_findings_serialise(defects: list[Finding]) -> None:
    as_dict = _by(defects, "link-text-mismatch", 14).to_dict()
    assert as_dict["code"] == "link-text-mismatch"
    assert as_dict["severity"] == "warning"
    assert set(as_dict) == {
        "code", "severity", "path", "line", "message", "subject", "suggestion", "confidence"
    }  # fmt: skip
    assert str(_by(defects, "empty-cell", 19)).endswith(
        ":19: warning empty-cell: function 'Archive' has an empty 'Roles' cell"
    )


def test_taxonomy_alone(fixtures: Path) -> None:
    taxonomy, _ = _pair(fixtures, "defects")
    codes = {f.code for f in check(taxonomy)}
    assert "unresolved-link" not in codes
    assert "duplicate-role-identical" in codes


def test_order_is_stable(fixtures: Path, defects: list[Finding]) -> None:
    assert check(*_pair(fixtures, "defects")) == defects
    keys = [(f.path, f.line, f.code) for f in defects]
    assert keys == sorted(keys)
