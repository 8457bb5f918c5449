"""Probable typos: a rare word one or two slips away from a word the documents use.

A word (5+ letters, lowercase or capitalised) is suspect when it appears once in the checked
texts and is not in the small built-in word list. It is reported when a reference word
(built-in, or used at least twice in the texts) is one slip away:

* a letter too many, too few or two letters swapped ("Tranining", "itnternal");
* two letters too many or too few inside a word of 9+ letters ("componenents");
* one letter replaced, only in words of 6+ letters and towards a word the texts themselves
  use twice ("Treates" -> "creates"): a replaced letter most often makes another real word
  ("protect"/"project"), which only a dictionary could tell apart.

Inflections ("managed"/"manager"), prefixes ("cross"/"across") and British/American
spellings are never typos.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from digiteam.gitbook.matching import edit_distance

MIN_LENGTH = 5
MIN_REPLACED = 6
LONG_WORD = 9
# Reference spellings: frequent English words and the usual vocabulary of job descriptions.
# A word listed here is never reported, and is a candidate correction for the others.
_COMMON = """
    three seven eight great right think world never often always because although
    expert experts export deliver delivers delivery delivered
    about above across after again against along among another around because before
    being below between both cross during each either every first following further
    their there these those through under until where whether which while within without
    other others should would could might since still such than then thing things
    action actions activity activities context content contents control interaction
    production protection protect project projects product products program programs
    programme programmes process processes result results structure structures support
    system systems team teams term terms field fields level levels model models report
    reports service services source sources standard standards create creates created
    treat treats design designs develop develops manage manages lead leads train trains
    training trainer trainers development developer developers specialist specialists
    manager managers management officer officers analyst analysts engineer engineers
    architect architects administrator administrators designer designers director
    directors consultant consultants coordinator coordinators assistant assistants
    researcher researchers government ministry ministries digital network internal
    external component components software hardware information security policy policies
    quality technical technology technologies application applications operation
    operations organisation organization integration procurement finance financial
    knowledge monitoring evaluation performance strategy strategic citizen citizens public
    private business function functions staff personnel coordination execution
    implementation capacity communication communications centre center policing
"""
COMMON_WORDS = frozenset(_COMMON.split())
_WORD = re.compile(r"(?<![\w@/.])[A-Za-z][a-z]+(?![\w@/])")
_URL = re.compile(r"\w+://\S+")
# Endings that make an inflection or a spelling variant rather than a typo.
_ENDINGS = ("s", "es", "d", "ed", "r", "er", "ers", "ing", "ly", "al", "ion", "ions", "ment")
_PREFIXES = ("a", "co", "de", "dis", "im", "in", "non", "pre", "re", "sub", "un")
_SPELLINGS = (("isation", "ization"), ("ise", "ize"), ("yse", "yze"), ("our", "or"),
              ("tre", "ter"), ("mme", "m"), ("ll", "l"))  # fmt: skip


@dataclass(frozen=True)
class Text:
    """A piece of text to check and where it is."""

    path: str
    line: int
    kind: str  # "heading", "description", "link text" ...
    text: str


@dataclass(frozen=True)
class Typo:
    where: Text
    word: str
    suggestion: str


def find_typos(texts: Iterable[Text]) -> list[Typo]:
    texts = list(texts)
    found = [(t, w) for t in texts for w in _WORD.findall(_URL.sub(" ", t.text))]
    counts = Counter(word.lower() for _, word in found)
    references = _DeleteIndex(
        COMMON_WORDS | {w for w, n in counts.items() if n >= 2 and len(w) >= MIN_LENGTH}
    )
    typos = []
    for where, word in found:
        lower = word.lower()
        if counts[lower] > 1 or lower in COMMON_WORDS or len(lower) < MIN_LENGTH:
            continue
        match = _closest(lower, references, counts)
        if match:
            typos.append(Typo(where, word, _same_case(match, word)))
    return typos


class _DeleteIndex:
    """References by the strings left after deleting up to two letters (as in SymSpell).

    Two words within two edits share such a string, so only those are compared in full.
    """

    def __init__(self, words: AbstractSet[str]) -> None:
        self._by_delete: dict[str, set[str]] = {}
        for word in words:
            for key in _deletes(word):
                self._by_delete.setdefault(key, set()).add(word)

    def near(self, word: str) -> set[str]:
        return {ref for key in _deletes(word) for ref in self._by_delete.get(key, ())}


def _deletes(word: str) -> set[str]:
    once = {word[:i] + word[i + 1 :] for i in range(len(word))}
    return {word} | once | {w[:i] + w[i + 1 :] for w in once for i in range(len(w))}


def _closest(word: str, references: _DeleteIndex, counts: Counter[str]) -> str | None:
    """The nearest reference; ties go to the word the texts use most."""
    best: tuple[int, int, str] | None = None
    for ref in references.near(word):
        distance = edit_distance(word, ref, 2)
        if distance <= 2 and not _variant(word, ref) and _slip(word, ref, distance, counts[ref]):
            candidate = (distance, -counts[ref], ref)
            best = min(best or candidate, candidate)
    return best[2] if best else None


def _slip(word: str, ref: str, distance: int, uses: int) -> bool:
    if distance == 1 and len(word) != len(ref):
        return True  # a letter too many or too few
    if distance == 1:  # one swap or one replaced letter
        swapped = sorted(word) == sorted(ref)
        return swapped or (len(word) >= MIN_REPLACED and uses >= 2)
    framed = word[0] == ref[0] and word[-1] == ref[-1]
    return distance == 2 and len(word) >= LONG_WORD and abs(len(word) - len(ref)) == 2 and framed


def _variant(word: str, ref: str) -> bool:
    """Two forms of one word: inflections of a stem, a prefix, or a regional spelling."""
    if _stems(word) & _stems(ref):
        return True
    short, long_ = sorted((word, ref), key=len)
    if any(long_ == p + short for p in _PREFIXES):
        return True
    return any(_respell(word, a, b) == _respell(ref, a, b) for a, b in _SPELLINGS)


def _stems(word: str) -> set[str]:
    """The word and what is left once a usual ending is removed ("managed" -> "manag")."""
    stems = {word}
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            stems |= {stem, stem.removesuffix("e")}
    return stems | {w.removesuffix("e") for w in stems}


def _respell(word: str, british: str, american: str) -> str:
    return word.replace(british, american)


def _same_case(suggestion: str, word: str) -> str:
    return suggestion.capitalize() if word[0].isupper() else suggestion
