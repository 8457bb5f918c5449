"""Read an organisation file (YAML or JSON) into a validated ``OrgFile``, problems located."""

from __future__ import annotations

import json
from typing import Any

import yaml

from digiteam.core.located import FileInvalid, Loc, Located, Problem, parse, validate
from digiteam.organisation.schema import OrgFile

EXPECTED = "a mapping with the keys format, government, units …"
WHAT = {
    "list": "a list",
    "str": "text",
    "int": "a number",
    "float": "a number",
    "bool": "true/false",
}


def org_read(*, text: str, filename: str) -> tuple[OrgFile, Located]:
    """Parse and check the shape of every value; raise FileInvalid listing every problem."""
    data, located = _parse(text, filename)
    if data is None:
        raise FileInvalid([Problem(filename, 1, "", f"the file is empty: expected {EXPECTED}")])
    if not isinstance(data, dict):
        got = WHAT.get(type(data).__name__, "something else")
        raise FileInvalid([located.problem((), f"expected {EXPECTED}, got {got}")])
    return validate(OrgFile, data, located), located


def _parse(text: str, filename: str) -> tuple[Any, Located]:
    if filename.lower().endswith(".json"):  # json parses a large file ~80 times faster
        return _parse_json(text, filename), _JsonLocated(text, filename)
    return parse(text, filename)


def _parse_json(text: str, filename: str) -> Any:
    if not text.strip():
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problem = Problem(filename, exc.lineno, "", f"not valid JSON: {exc.msg}")
        raise FileInvalid([problem]) from None


class _JsonLocated(Located):
    """Lines found by YAML's composer, which reads JSON but for a few escapes (surrogates)."""

    def line(self, loc: Loc) -> int | None:
        try:
            return super().line(loc)
        except yaml.YAMLError:  # the problem keeps its path, without a line
            return None
