"""Reading the composition shape: front matter, introduction and the three-column table."""

from __future__ import annotations

from pathlib import Path

import pytest

from digiteam.gitbook import FunctionRow, GitbookReadError, read_composition


def _rows(fixtures: Path, name: str) -> dict[str, FunctionRow]:
    doc = read_composition((fixtures / name).read_text(encoding="utf-8"), path=name)
    return {row.name: row for row in doc.functions}


def _links(row: FunctionRow) -> list[tuple[str, str, str]]:
    return [(link.text, link.target_file, link.anchor) for link in row.links]


def test_clean_composition(fixtures: Path) -> None:
    doc = read_composition((fixtures / "composition_clean.md").read_text(encoding="utf-8"))
    assert doc.title == "Invented team table"
    assert doc.front_matter == {
        "description": "An invented team table, written for the reader tests."
    }
    assert doc.intro == "Each row is a function of the team and the roles that perform it."
    assert doc.columns == ("Function", "Roles", "Size")
    assert [(row.name, row.line) for row in doc.functions] == [
        ("Direction", 11),
        ("Engineering", 12),
        ("Data", 13),
        ("Design", 14),
    ]


def test_html_cell_gives_one_link_per_paragraph(fixtures: Path) -> None:
    row = _rows(fixtures, "composition_clean.md")["Direction"]
    assert _links(row) == [
        ("Head of delivery", "taxonomy_clean.md", "head-of-delivery"),
        ("Product lead", "taxonomy_clean.md", "product-lead"),
    ]
    assert row.links[0].line == 11
    assert (row.plain_roles, row.composition) == ((), "One of each")


def test_markdown_cell_with_or_without_bullet(fixtures: Path) -> None:
    rows = _rows(fixtures, "composition_clean.md")
    assert _links(rows["Engineering"]) == [
        ("Platform engineer", "taxonomy_clean.md", "platform-engineer")
    ]
    assert _links(rows["Data"]) == [("Data steward", "taxonomy_clean.md", "data-steward")]


def test_plain_text_empty_cells_and_entities(fixtures: Path) -> None:
    rows = _rows(fixtures, "composition_defects.md")
    assert rows["Facilities"].plain_roles == ("Caretakers for every building",)
    assert rows["Facilities"].links == ()
    assert rows["Complaints"].composition == ""
    assert _links(rows["Complaints"]) == [
        ("Complaints handler", "taxonomy_defects.md", "complaints-handler")
    ]
    assert (rows["Archive"].links, rows["Archive"].plain_roles) == ((), ())
    assert rows["Translation"].composition == "One & a reserve"


def test_cell_with_both_syntaxes_and_breaks() -> None:
    text = (
        "| A | B | C |\n| --- | --- | --- |\n"
        "| F | [One](t.md#one)<br>• Two people · [Three \\| 3](t.md#three%20x) | x \\| y |\n"
    )
    row = read_composition(text).functions[0]
    assert [(link.text, link.anchor) for link in row.links] == [
        ("One", "one"),
        ("Three | 3", "three x"),
    ]
    assert row.plain_roles == ("Two people",)
    assert row.composition == "x | y"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("# T\n\nNo table here.\n", 1, "no Markdown table"),
        ("| A | B |\n| --- | --- |\n| x | y |\n", 1, "table row has 2 columns, expected 3"),
        (
            "| A | B | C |\n| --- | --- | --- |\n| x | y |\n",
            3,
            "table row has 2 columns, expected 3",
        ),
    ],
)
def test_unreadable_composition(text: str, line: int, message: str) -> None:
    with pytest.raises(GitbookReadError) as caught:
        read_composition(text, path="team.md")
    assert (caught.value.path, caught.value.line) == ("team.md", line)
    assert message in caught.value.message
