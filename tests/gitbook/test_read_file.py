"""Reading files: decoding, kind detection, and errors that name the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from digiteam.gitbook import CompositionDocument, GitbookReadError, TaxonomyDocument, read_file


def test_kind_is_detected(fixtures: Path) -> None:
    assert isinstance(read_file(fixtures / "taxonomy_clean.md"), TaxonomyDocument)
    assert isinstance(read_file(fixtures / "composition_clean.md"), CompositionDocument)


def test_path_is_kept(fixtures: Path) -> None:
    assert read_file(fixtures / "taxonomy_clean.md").path == str(fixtures / "taxonomy_clean.md")


def test_undecodable_bytes_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.md"
    path.write_bytes(b"# Title\n\n<details>\n<summary>Caf\xe9</summary>\n</details>\n")
    with pytest.raises(GitbookReadError) as caught:
        read_file(path)
    assert (caught.value.path, caught.value.line) == (str(path), 4)
    assert "byte 0xe9" in caught.value.message
    assert str(caught.value).startswith(f"{path}:4: not UTF-8 text")


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(GitbookReadError) as caught:
        read_file(path)
    assert caught.value.line == 3
    assert "binary" in caught.value.message


def test_utf16_with_bom_is_read(tmp_path: Path, fixtures: Path) -> None:
    path = tmp_path / "utf16.md"
    path.write_bytes((fixtures / "taxonomy_clean.md").read_text(encoding="utf-8").encode("utf-16"))
    assert read_file(path).title == "Invented role catalogue"


def test_text_of_neither_kind(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("---\ntitle: Notes\n---\n\n## Section\n\n### A heading\n\nProse.\n")
    with pytest.raises(GitbookReadError, match="neither a taxonomy"):
        read_file(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GitbookReadError, match="cannot open"):
        read_file(tmp_path / "absent.md")
