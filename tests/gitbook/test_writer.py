"""Writing GitBook Markdown: same shape, resolving links, and a lossless round trip."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from digiteam.gitbook import (
    Category,
    CompositionDocument,
    FunctionRow,
    GitbookWriteError,
    RoleEntry,
    TaxonomyDocument,
    check,
    normalised,
    read_composition,
    read_file,
    read_taxonomy,
    role_link,
    with_anchors,
    write_composition,
    write_taxonomy,
)

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.md"))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_round_trip_of_every_fixture(path: Path) -> None:
    doc = read_file(path)
    if isinstance(doc, TaxonomyDocument):
        text = write_taxonomy(doc)
        again: TaxonomyDocument | CompositionDocument = read_taxonomy(text)
        assert write_taxonomy(read_taxonomy(text)) == text
    else:
        text = write_composition(doc)
        again = read_composition(text)
        assert write_composition(again) == text
    assert normalised(again) == normalised(doc)


def test_taxonomy_shape(fixtures: Path) -> None:
    text = write_taxonomy(read_file(fixtures / "taxonomy_defects.md"))  # type: ignore[arg-type]
    assert "<details>\n\n<summary>Operations</summary>\n\n### Records clerk\n" in text
    assert "### [Accessibility auditor](https://example.org/roles/auditor)\n" in text
    assert "### Payroll officer \\*closest standard role (salary clerk)\n" in text
    assert "team\u2019s oldest role" in text


def test_composition_shape(fixtures: Path) -> None:
    doc = read_file(fixtures / "composition_clean.md")
    assert isinstance(doc, CompositionDocument)
    text = write_composition(doc)
    assert text.startswith(
        "---\ndescription: An invented team table, written for the reader tests.\n---\n"
    )
    assert "| Function | Roles | Size |\n| --- | --- | --- |\n" in text
    assert (
        '| Data | <p>\u00b7 <a href="taxonomy_clean.md#data-steward">Data steward</a></p> '
        "| One per ministry |" in text
    )


def _role(title: str, description: str = "Does the work.", **extra: str) -> RoleEntry:
    return RoleEntry(
        title=title, raw_heading="", anchor="", description=description, line=0, **extra
    )


def _taxonomy(*roles: RoleEntry) -> TaxonomyDocument:
    return with_anchors(TaxonomyDocument("t.md", "Roles", {}, (Category("Staff", 0, roles),)))


def test_with_anchors_numbers_repeated_titles_like_gitbook() -> None:
    doc = _taxonomy(_role("Clerk"), _role("Clerk", "Other work."), _role("Clerk", note="old name"))
    assert [r.anchor for r in doc.roles] == ["clerk", "clerk-1", "clerk-old-name"]
    assert [r.anchor for r in read_taxonomy(write_taxonomy(doc)).roles] == [
        "clerk",
        "clerk-1",
        "clerk-old-name",
    ]


def test_links_written_from_roles_resolve() -> None:
    taxonomy = _taxonomy(_role("Clerk"), _role("Clerk", "Other work."), _role("Data & AI lead"))
    row = FunctionRow(
        "Office", 0, tuple(role_link(r) for r in taxonomy.roles), ("Volunteers",), "3"
    )
    team = CompositionDocument("c.md", "Team", {}, "", ("Function", "Roles", "Size"), (row,))
    text = write_composition(team, taxonomy_filename="t.md", taxonomy=taxonomy)
    again = read_composition(text, path="c.md")
    assert [link.anchor for link in again.functions[0].links] == [
        "clerk",
        "clerk-1",
        "data-and-ai-lead",
    ]
    assert [f.code for f in check(taxonomy, again) if f.code == "unresolved-link"] == []


def test_writers_refuse_what_would_not_resolve() -> None:
    taxonomy = _taxonomy(_role("Clerk"))
    stale = dataclasses.replace(
        taxonomy,
        categories=(
            Category(
                "Staff",
                0,
                (dataclasses.replace(taxonomy.roles[0], anchor="old"),),
            ),
        ),
    )
    with pytest.raises(GitbookWriteError, match="has anchor #old but its heading gives #clerk"):
        write_taxonomy(stale)
    link = dataclasses.replace(role_link(taxonomy.roles[0]), anchor="nobody")
    team = CompositionDocument(
        "c.md", "T", {}, "", ("A", "B", "C"), (FunctionRow("F", 0, (link,), (), ""),)
    )
    with pytest.raises(GitbookWriteError, match="#nobody, which no role has"):
        write_composition(team, taxonomy=taxonomy)


AWKWARD = [
    "Officer *special* \\*not a note",
    "R&D lead &amp; friends <b>not bold</b>",
    "# not a heading",
    "1. not a list",
    "- not a bullet",
    "Pipe | inside [brackets](not-a-link) `code` _under_",
    "Trailing backslash \\",
]


@pytest.mark.parametrize("awkward", AWKWARD)
def test_awkward_text_survives_both_writers(awkward: str) -> None:
    taxonomy = _taxonomy(_role(awkward, f"{awkward}\n\n{awkward}", note=awkward))
    assert normalised(read_taxonomy(write_taxonomy(taxonomy))) == normalised(taxonomy)
    row = FunctionRow(
        awkward, 0, (role_link(taxonomy.roles[0], text=awkward),), (awkward,), awkward
    )
    team = CompositionDocument(
        "c.md", awkward, {"note": awkward}, awkward, (awkward, "B", "C"), (row,)
    )
    assert normalised(read_composition(write_composition(team))) == normalised(team)


@pytest.mark.parametrize(
    "value",
    ["short", "x" * 30 + " words " * 20, "two\nlines", "a: colon", "", "'quoted'"],
)
def test_front_matter_values_survive(value: str) -> None:
    doc = dataclasses.replace(_taxonomy(_role("Clerk")), front_matter={"description": value})
    assert read_taxonomy(write_taxonomy(doc)).front_matter == {"description": value}
