"""Every YAML reader shares one parser: what it cannot read is a located problem, not a crash."""

from __future__ import annotations

import pytest

from digiteam.core.located import FileInvalid, parse


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nexpires: 2024-13-01\n", "f.yaml:2: not a valid date: '2024-13-01'"),
        ("a: 1\nb: x\x07y\n", "f.yaml:2: not valid YAML: the character U+0007 is not allowed"),
        ("a: [1\n", "f.yaml:2: not valid YAML"),
    ],
)
def test_unreadable_yaml_is_located(text: str, expected: str) -> None:
    with pytest.raises(FileInvalid) as refused:
        parse(text, "f.yaml")
    assert str(refused.value).startswith(expected)
