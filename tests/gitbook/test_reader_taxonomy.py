"""Reading the taxonomy shape: groups, headings, notes, links, descriptions, anchors."""

from __future__ import annotations

from pathlib import Path

import pytest

from digiteam.gitbook import GitbookReadError, RoleEntry, normalised, read_taxonomy


def _read(fixtures: Path, name: str):  # type: ignore[no-untyped-def]
    return read_taxonomy((fixtures / name).read_text(encoding="utf-8"), path=name)


def _role(roles: tuple[RoleEntry, ...], line: int) -> RoleEntry:
    return next(role for role in roles if role.line == line)


def test_clean_taxonomy(fixtures: Path) -> None:
    doc = _read(fixtures, "taxonomy_clean.md")
    assert doc.path == "taxonomy_clean.md"
    assert doc.title == "Invented role catalogue"
    assert doc.front_matter == {
        "description": "An invented catalogue of roles, written for the reader tests of the "
        "GitBook adapter."
    }
    assert [(c.name, c.line) for c in doc.categories] == [("Leadership", 9), ("Engineering", 25)]
    assert [r.title for r in doc.categories[1].roles] == [
        "Platform engineer",
        "Data steward",
        "Interaction designer",
    ]
    head = doc.roles[0]
    assert (head.line, head.anchor, head.note, head.link_url) == (
        13,
        "head-of-delivery",
        None,
        None,
    )
    assert head.description == (
        "Leads the delivery teams and agrees their priorities with the board.\n\n"
        "Reports progress to the board every quarter."
    )


def test_heading_markup_is_cleaned(fixtures: Path) -> None:
    roles = _read(fixtures, "taxonomy_defects.md").roles
    platform = _role(roles, 33)
    assert platform.title == "Platform engineer"
    assert platform.raw_heading == "Platform  engineer&#x20;"
    assert platform.anchor == "platform-engineer"
    auditor = _role(roles, 37)
    assert (auditor.title, auditor.link_url) == (
        "Accessibility auditor",
        "https://example.org/roles/auditor",
    )
    payroll = _role(roles, 45)
    assert (payroll.title, payroll.note) == (
        "Payroll officer",
        "closest standard role (salary clerk)",
    )
    assert payroll.anchor == "payroll-officer-closest-standard-role-salary-clerk"


def test_description_escapes_and_entity_only_lines(fixtures: Path) -> None:
    auditor = _role(_read(fixtures, "taxonomy_defects.md").roles, 37)
    assert auditor.description == (
        "Tests services with assistive technology and reports the barriers found "
        "[with screenshots].\n\nChecks fixes again once they ship."
    )


def test_repeated_titles_get_numbered_anchors(fixtures: Path) -> None:
    roles = _read(fixtures, "taxonomy_defects.md").roles
    assert [
        (r.line, r.anchor) for r in roles if r.title in ("Head of delivery", "Records clerk")
    ] == [
        (11, "head-of-delivery"),
        (15, "head-of-delivery-1"),
        (19, "records-clerk"),
        (29, "records-clerk-1"),
    ]


def test_mojibake_is_repaired_and_recorded(fixtures: Path) -> None:
    doc = _read(fixtures, "taxonomy_defects.md")
    assert "the team\u2019s oldest role" in _role(doc.roles, 33).description
    assert [(r.line, r.damaged, r.repaired) for r in doc.repairs] == [
        (35, "team\u00e2\u20ac\u2122s", "team\u2019s")
    ]


def test_crlf_bom_and_trailing_spaces_read_the_same(fixtures: Path) -> None:
    text = (fixtures / "taxonomy_clean.md").read_text(encoding="utf-8")
    noisy = "\ufeff" + text.replace("\n", "  \r\n")
    assert normalised(read_taxonomy(noisy)) == normalised(read_taxonomy(text))
    assert [r.line for r in read_taxonomy(noisy).roles] == [
        r.line for r in read_taxonomy(text).roles
    ]


def test_page_title_takes_part_in_anchor_numbering() -> None:
    text = (
        "# Clerk\n\n<details>\n<summary>Staff</summary>\n\n### Clerk\n\nFiles papers.\n</details>\n"
    )
    assert read_taxonomy(text).roles[0].anchor == "clerk-1"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("# T\n\n### Clerk\n", 3, "role heading outside a <details> group"),
        ("# T\n<details>\n<summary>A</summary>\n### Clerk\n", 2, "<details> is never closed"),
        ("<details>\n### Clerk\n</details>\n", 2, "role heading before the group's <summary>"),
        ("<details>\n</details>\n", 1, "<details> group without a <summary>"),
        ("</details>\n", 1, "</details> without a matching <details>"),
        ("<details>\n<summary>A</summary>\n<details>\n", 3, "<details> inside the group opened"),
        ("# Only a title\n\nSome text.\n", 1, "no <details> group with '###' role headings"),
        ("---\ntitle: x\n", 1, "front matter opened with '---' is never closed"),
        ("---\njust words\n---\n", 2, "front matter line is not 'key: value'"),
    ],
)
def test_unreadable_taxonomy(text: str, line: int, message: str) -> None:
    with pytest.raises(GitbookReadError) as caught:
        read_taxonomy(text, path="bad.md")
    assert (caught.value.path, caught.value.line) == ("bad.md", line)
    assert message in caught.value.message
    assert str(caught.value).startswith(f"bad.md:{line}: ")
