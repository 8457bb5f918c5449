"""Turn a composition's staffing prose into sourcing and quantity rules, as far as it goes.

Only plain statements are understood: "1 CIO at Government level and 1 in each Ministry",
"focal points in each agency", and the sourcing words (internal, contract, consultant, senior
resources from departments). Whatever else the prose says is kept as text for a person to read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SOURCING = [
    (re.compile(r"\binternal\b", re.I), "internal"),
    (re.compile(r"\bcontract\b", re.I), "contract"),
    (re.compile(r"\bconsultants?\b", re.I), "consultant"),
    (re.compile(r"\b(senior resources|secondment|state govt|departments?\b)", re.I), "secondment"),
    (re.compile(r"\bfocal points?\b", re.I), "focal_point"),
]
_LEVELS = [
    (re.compile(r"(\d+)\s+(?:(\w+)\s+)?at\s+government\s+level", re.I), "per_government"),
    (re.compile(r"(\d+)\s+(?:(\w+)\s+)?in\s+each\s+ministr", re.I), "per_ministry"),
    (re.compile(r"(\d+)\s+(?:(\w+)\s+)?in\s+each\s+(?:government\s+)?agenc", re.I), "per_agency"),
    (
        re.compile(r"(\d+)\s+(?:(\w+)\s+)?(?:for|per)\s+each\s+(?:digital\s+)?service", re.I),
        "per_service",
    ),
]


@dataclass
class Staffing:
    sourcing: list[str] = field(default_factory=list)
    # (kind, count, word naming the role or "" when the sentence does not say)
    rules: list[tuple[str, int, str]] = field(default_factory=list)


def read_staffing(text: str) -> Staffing:
    staffing = Staffing()
    for pattern, sourcing in _SOURCING:
        if pattern.search(text):
            staffing.sourcing.append(sourcing)
    for pattern, kind in _LEVELS:
        for match in pattern.finditer(text):
            staffing.rules.append((kind, int(match.group(1)), match.group(2) or ""))
    return staffing


def names_role(word: str, label: str, title: str) -> bool:
    """Whether a word of the prose ("CIO", "CIOs") names the role of a link."""
    if not word:
        return False
    stem = word.rstrip("s").lower()
    acronyms = {a.lower() for a in re.findall(r"\(([A-Za-z]{2,6})\)", f"{label} {title}")}
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", title) if w[0].isupper()).lower()
    return stem in acronyms or stem == initials or stem in title.lower().split()


# -- the structured form digiteam writes: "Title: rule + rule; Sourcing/Sourcing." per role ------

_SENTENCE = re.compile(r"(?P<title>[^:]+?): (?P<rules>[^;]+); (?P<sourcing>[^.;]+)\.(?:\s+|$)")
_KINDS = {
    "in all": "fixed",
    "at government level": "per_government",
    "in each ministry": "per_ministry",
    "in each agency": "per_agency",
    "for each digital service": "per_service",
}
_RULE = re.compile(
    r"^(?:(?P<n>[\d.]+) (?:(?P<kind>in all|at government level|in each ministry|in each agency"
    r"|for each digital service)|for every (?P<per>[\d.]+) (?P<role>.+?))|(?P<optional>optional))"
    r"(?: \((?P<bounds>at (?:least|most) \d+(?:, at most \d+)?)\))?$"
)


def read_structured(text: str, roles_by_title: dict[str, str]) -> dict[str, dict] | None:  # type: ignore[type-arg]
    """Rules and sourcing by role title, when ``text`` is wholly in the structured form."""
    out: dict[str, dict] = {}  # type: ignore[type-arg]
    position = 0
    for match in _SENTENCE.finditer(text):
        if match.start() != position:
            return None
        position = match.end()
        rules = [_rule(part.strip(), roles_by_title) for part in match["rules"].split(" + ")]
        sourcing = [_SOURCING_LABELS.get(s.strip().lower()) for s in match["sourcing"].split("/")]
        if None in rules or None in sourcing:
            return None
        out[match["title"]] = {"rules": rules, "sourcing": sourcing}
    return out if out and position == len(text) else None


_SOURCING_LABELS = {
    "internal": "internal",
    "contract": "contract",
    "external consultant": "consultant",
    "secondment from departments": "secondment",
    "focal point in each agency": "focal_point",
}


def _rule(text: str, roles_by_title: dict[str, str]) -> dict | None:  # type: ignore[type-arg]
    match = _RULE.match(text)
    if match is None:
        return None
    if match["optional"]:
        rule: dict = {"kind": "optional"}  # type: ignore[type-arg]
    elif match["kind"]:
        rule = {"kind": _KINDS[match["kind"]], "count": match["n"]}
    elif match["role"] in roles_by_title:
        rule = {
            "kind": "ratio",
            "count": match["n"],
            "per": match["per"],
            "of_role": roles_by_title[match["role"]],
        }
    else:
        return None
    for bound in (match["bounds"] or "").split(", "):
        if bound:
            word, value = bound.removeprefix("at ").split(" ")
            rule["min" if word == "least" else "max"] = int(value)
    return rule
