"""Read an organisation file (YAML or JSON) into a validated ``OrgFile``, problems located."""

from __future__ import annotations

import json
from collections.abc import Iterator
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
    try:
        return parse(text, filename)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        line = text[: exc.position].count("\n") + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"not valid YAML: the character U+{code:04X} is not allowed"
        raise FileInvalid([Problem(filename, line, "", message)]) from None
    except ValueError as exc:  # a value YAML cannot build, such as the date 2024-13-01
        raise FileInvalid([_bad_value(text, filename, exc)]) from None


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


def _bad_value(text: str, filename: str, error: ValueError) -> Problem:
    """The first YAML timestamp in ``text`` that is not a real date or time."""
    loader = yaml.SafeLoader("")
    for node in _scalars(yaml.compose(text, Loader=yaml.SafeLoader)):
        if node.tag == "tag:yaml.org,2002:timestamp":
            try:
                loader.construct_yaml_timestamp(node)
            except ValueError:
                message = f"not a valid date: {node.value!r} ({error})"
                return Problem(filename, node.start_mark.line + 1, "", message)
    return Problem(filename, None, "", f"not valid YAML: {error}")


def _scalars(node: yaml.Node | None) -> Iterator[yaml.ScalarNode]:
    stack = [node] if node is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            yield node
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            stack.extend(v for pair in reversed(node.value) for v in reversed(pair))
