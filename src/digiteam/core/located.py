"""Read YAML/JSON files into validated data, with errors located by file, line and path.

A file is read whole and checked whole: every problem found is reported together, and the
caller writes nothing unless there is none.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pydantic
import yaml

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=pydantic.BaseModel)

try:  # the C loader when PyYAML was built with libyaml
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where} {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class FileInvalid(Exception):
    """One or more located problems; nothing was written."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def path_str(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def duplicates(values: Iterable[str]) -> set[str]:
    """The values given more than once."""
    return {value for value, count in Counter(values).items() if count > 1}


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The choice nearest to a mistyped ``value``, if one is near enough."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    close = closest(value, choices)
    return f" (did you mean '{close}'?)" if close else ""


class Located:
    """A parsed document and the line of each of its paths (computed only when needed)."""

    def __init__(self, text: str, file: str):
        self.text, self.file = text, file
        self._lines: dict[Loc, int] | None = None

    def line(self, loc: Loc) -> int | None:
        if self._lines is None:
            self._lines = {}
            node = yaml.compose(self.text, Loader=_Loader)
            if node is not None:
                _index(node, (), self._lines)
        # the nearest enclosing path that has a line
        for end in range(len(loc), -1, -1):
            if loc[:end] in self._lines:
                return self._lines[loc[:end]]
        return None

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(self.file, self.line(loc), path_str(loc), message)


class Fields(Located):
    """No file: each problem located as a request names a field ("functions.2.slots.0.role"),
    for checks written for files that an API runs over a request's body."""

    def __init__(self) -> None:
        super().__init__("", "")

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem("", None, ".".join(str(part) for part in loc), message)


def _index(node: yaml.Node, loc: Loc, out: dict[Loc, int]) -> None:
    out[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            sub = (*loc, str(key.value))
            out[sub] = key.start_mark.line + 1
            _index(value, sub, out)
            out[sub] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*loc, i), out)


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise FileInvalid([Problem(str(path), None, "", "file not found")]) from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise FileInvalid([Problem(str(path), line, "", "not UTF-8 text")]) from None


def parse(text: str, file: str) -> tuple[Any, Located]:
    """Parse YAML (JSON is YAML too); a syntax error becomes a located problem."""
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise FileInvalid([Problem(file, line, "", f"not valid YAML: {exc.problem}")]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        line = text[: exc.position].count("\n") + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"not valid YAML: the character U+{code:04X} is not allowed"
        raise FileInvalid([Problem(file, line, "", message)]) from None
    except ValueError as exc:  # a value YAML cannot build, such as the date 2024-13-01
        raise FileInvalid([_bad_value(text, file, exc)]) from None
    return data, Located(text, file)


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


def validate(model: type[M], data: Any, located: Located) -> M:
    """Validate against a pydantic model; every error is located and explained."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        raise FileInvalid([_problem(err, located) for err in exc.errors()]) from None


PATTERNS = {
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "a slug (lowercase letters, digits and single hyphens)",
    r"^[0-9]{4}$": "a four-digit ISCO-08 code",
}


def _problem(err: Any, located: Located) -> Problem:
    loc: Loc = tuple(err["loc"])
    kind = err["type"]
    if kind == "extra_forbidden":
        message = f"unknown key '{loc[-1]}'"
    elif kind == "missing":
        message = f"'{loc[-1]}' is required"
    elif kind == "value_error":
        message = str(err["ctx"]["error"])
    elif kind == "string_pattern_mismatch":
        expected = PATTERNS.get(err["ctx"]["pattern"], f"text matching {err['ctx']['pattern']}")
        message = f"expected {expected}, got {err.get('input')!r}"
    elif kind == "literal_error":
        message = f"expected one of {err['ctx']['expected']}, got {err.get('input')!r}"
    else:
        message = f"{err['msg']} (got {err.get('input')!r})"
    return located.problem(loc, message)
