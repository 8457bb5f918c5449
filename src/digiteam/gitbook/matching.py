"""Compare role names: normal forms, accepted variants, and ranked candidates for a link."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from digiteam.gitbook.anchors import heading_anchor
from digiteam.gitbook.inline import decode_inline
from digiteam.gitbook.model import RoleEntry

STOPWORDS = frozenset({"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the"})
LEVELS = frozenset({"senior", "junior"})  # staffing levels, not different roles
_WORD = re.compile(r"[^\W_]+")
_ACRONYM = re.compile(r"\s*\(\s*[A-Z]{2,6}\s*\)\s*$")  # "Chief Information Officer (CIO)"


def words(text: str) -> list[str]:
    return _WORD.findall(decode_inline(text).lower().replace("&", " and "))


def singular(word: str) -> str:
    """A light plural reduction, enough for role titles ("services", "technologies")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> tuple[str, ...]:
    return tuple(singular(w) for w in words(text))


def normal(text: str) -> str:
    """Case, spacing, entities, plurals and a trailing acronym in brackets do not count."""
    return " ".join(tokens(_ACRONYM.sub("", decode_inline(text))))


def title_variants(title: str) -> set[str]:
    """The title and each alternative it offers with "/".

    "Software/systems developer" offers "software developer" and "systems developer": a
    one-word part borrows the words after the first word of the last part.
    """
    parts = [part.strip() for part in _ACRONYM.sub("", title).split("/") if part.strip()]
    variants = {normal(title)}
    if len(parts) > 1:
        tail = parts[-1].split()[1:]
        for part in parts:
            single = len(part.split()) == 1 and part is not parts[-1]
            variants.add(normal(" ".join([part, *tail]) if single else part))
    return variants


def names_role(text: str, title: str) -> bool:
    """Does a link text name this role (allowing a staffing level such as "Senior")?"""
    name = normal(text)
    variants = title_variants(title)
    without_level = " ".join(w for w in name.split() if w not in LEVELS)
    return name in variants or without_level in variants


def edit_distance(a: str, b: str, limit: int = 99) -> int:
    """Optimal string alignment distance (insertions, deletions, substitutions, swaps).

    Only cells within ``limit`` of the diagonal are computed; a distance above ``limit`` is
    returned as ``limit + 1``.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    over = limit + 1
    previous2: list[int] = []
    previous = [j if j <= limit else over for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        current = [i if i <= limit else over] + [over] * len(b)
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            cost = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1])
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cost = min(cost, previous2[j - 2] + 1)
            current[j] = min(cost, over)
        if min(current) >= over:
            return over
        previous2, previous = previous, current
    return previous[-1]


@dataclass(frozen=True)
class Candidate:
    role: RoleEntry
    score: float  # 0..1


def rank_candidates(anchor: str, text: str, roles: Sequence[RoleEntry]) -> list[Candidate]:
    """Roles ordered by how likely a link (anchor and text) meant them, best first.

    Score = word overlap x (0.75 + 0.25 x character similarity), best over the role's title
    variants: shared words are required, similar spelling only refines. Word overlap weighs
    each word by its rarity among the titles (a shared "manager" says little, a shared
    "procurement" says much); words one typo apart count 0.9.
    """
    weights = _rarity(roles)
    sides = (tuple(singular(w) for w in anchor.split("-") if w), tokens(text))
    scored = [Candidate(role, _score(sides, anchor, text, role, weights)) for role in roles]
    return sorted(scored, key=lambda c: (-c.score, c.role.line))


def _score(
    sides: tuple[tuple[str, ...], ...],
    anchor: str,
    text: str,
    role: RoleEntry,
    weights: dict[str, float],
) -> float:
    best = 0.0
    for variant in title_variants(role.title):
        overlap = max(_overlap(side, tuple(variant.split()), weights) for side in sides)
        chars = max(
            SequenceMatcher(None, anchor, heading_anchor(variant)).ratio(),
            SequenceMatcher(None, normal(text), variant).ratio(),
        )
        best = max(best, overlap * (0.75 + 0.25 * chars))
    return round(best, 2)


def _rarity(roles: Sequence[RoleEntry]) -> dict[str, float]:
    titles = {normal(role.title) for role in roles}
    document_frequency = Counter(w for title in titles for w in set(title.split()))
    return {w: math.log(1 + len(titles) / n) for w, n in document_frequency.items()}


def _overlap(left: tuple[str, ...], right: tuple[str, ...], weights: dict[str, float]) -> float:
    """Weighted Dice overlap of two word lists."""
    unseen = max(weights.values(), default=1.0)  # a word no title has: as rare as can be

    def weight(word: str) -> float:
        return 0.0 if word in STOPWORDS else weights.get(word, unseen)

    def matched(words_: tuple[str, ...], others: tuple[str, ...]) -> float:
        return sum(weight(w) * _closeness(w, others) for w in words_)

    total = sum(map(weight, left)) + sum(map(weight, right))
    if not total:
        return 0.0
    return (matched(left, right) + matched(right, left)) / total


def _closeness(word: str, others: tuple[str, ...]) -> float:
    if word in others:
        return 1.0
    if len(word) >= 5 and any(edit_distance(word, o, 1) == 1 for o in others if len(o) >= 5):
        return 0.9
    return 0.0
