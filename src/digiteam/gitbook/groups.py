"""Is a name a group of people rather than one role? Heuristics, tuned on the GovStack texts.

A name is a group when one of these holds (the first that holds is the reason given):

1. a part of it (parts are split on "/") has a collective head noun: "personnel", "users",
   "staff", "team", "management" ... ("IT Personnel", "End Users", "Management/ Policy Makers");
2. it lists three or more parts with "/" ("Graduate ... Assistants/ Teaching Fellow/ Graduate
   students", "MIS / Data / Cross-functional"); two parts are usually two names of one role
   ("Quality Assurance Specialist/Tester") and are not flagged;
3. it is the name of a category of the taxonomy ("Trainers");
4. for plain text in a roles cell (no link): its head noun is plural or it is quantified
   ("each", "various", "all" ...), e.g. "Domain experts for various services".

A plural title alone is not enough: GovStack writes many single roles in the plural
("Database managers", "Back-end developers").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from digiteam.gitbook.matching import normal, singular, words

COLLECTIVE = frozenset(
    {"personnel", "staff", "team", "user", "people", "workforce", "employee", "member",
     "group", "community", "management", "body", "committee", "board"}
)  # fmt: skip
QUANTIFIERS = frozenset({"all", "each", "every", "various", "several", "multiple", "many"})
# The head noun of a phrase ends where a prepositional phrase or a bracket starts.
_HEAD_END = re.compile(r"\s(?:for|in|of|from|with|at|involved|who|that)\s|\(", re.IGNORECASE)
MIN_LIST_PARTS = 3


def group_reason(
    name: str, category_names: Iterable[str] = (), *, plain: bool = False
) -> str | None:
    """Why ``name`` names a group rather than one role, or None."""
    parts = [part.strip() for part in name.split("/") if part.strip()]
    for part in parts:
        head = head_noun(part)
        if singular(head) in COLLECTIVE:
            return f"'{head}' is a collective noun"
    if len(parts) >= MIN_LIST_PARTS:
        return f"it lists {len(parts)} different names"
    if normal(name) in {normal(category) for category in category_names}:
        return "it is also the name of a category"
    if plain:
        quantifier = next((w for w in words(name) if w in QUANTIFIERS), None)
        if quantifier:
            return f"it is quantified ('{quantifier}')"
        head = head_noun(name)
        if singular(head) != head:
            return f"its head noun '{head}' is plural"
    return None


def head_noun(phrase: str) -> str:
    """The last word before any prepositional phrase: "Domain experts for x" -> "experts"."""
    found = words(_HEAD_END.split(phrase, maxsplit=1)[0])
    return found[-1] if found else ""
