"""Repair of UTF-8 text that was once read as cp1252."""

from __future__ import annotations

import pytest

from digiteam.gitbook.encoding import find_damaged_encoding, repair_mojibake


def _damage(text: str) -> str:
    """UTF-8 bytes read as cp1252 (bytes cp1252 leaves undefined read as latin-1)."""
    return "".join(_cp1252(b) for b in text.encode("utf-8"))


def _cp1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


@pytest.mark.parametrize(
    "word",
    ["don\u2019t", "caf\u00e9", "\u201cquoted\u201d", "na\u00efve", "en\u2013dash", "\u20ac5"],
)
def test_round_trip_damage_is_undone(word: str) -> None:
    damaged = f"first line\nsay {_damage(word)} here\n"
    text, repairs = repair_mojibake(damaged)
    assert text == f"first line\nsay {word} here\n"
    assert [(r.line, r.repaired) for r in repairs] == [(2, word)]


@pytest.mark.parametrize(
    "text",
    [
        "Plain ASCII text.",
        "Caf\u00e9 cr\u00e8me, na\u00efve, \u00c9tat, \u00e0 la carte",
        "Bullets \u00b7 and \u2022, dash \u2014, quote \u2019",
        "Upper \u00c2 alone, \u00c3 alone",
    ],
)
def test_sound_text_is_left_alone(text: str) -> None:
    assert repair_mojibake(text) == (text, ())


def test_finding_for_any_file() -> None:
    findings = find_damaged_encoding("ok\r\nit isn\u00e2\u20ac\u2122t\r\n", "notes.md")
    assert [(f.code, f.line, f.subject, f.suggestion) for f in findings] == [
        ("damaged-encoding", 2, "isn\u00e2\u20ac\u2122t", "isn\u2019t")
    ]
