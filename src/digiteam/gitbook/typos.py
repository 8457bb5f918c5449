"""Probable typos: a rare, unknown word one slip away from a word the documents use.

A word (5+ letters, lowercase or capitalised) is suspect only when all of these hold:

* it appears once in the checked texts;
* it is not an English word the package knows (``lexicon``: a built-in list of common words
  and their regular forms), nor a form of a word the texts use twice ("protects", "threats",
  "enter" and "watches" are never suspect, however close to "projects" or "center");
* a reference word (built-in, or used at least twice in the texts) is one slip away:

  * a letter too many, too few or two letters swapped ("Tranining", "itnternal");
  * two letters too many or too few inside a word of 9+ letters ("componenents");
  * one letter replaced, only in words of 6+ letters and towards a word the texts themselves
    use twice ("Treates" -> "creates");

* the two are not forms of one word: inflections ("managed"/"manager"), prefixes
  ("cross"/"across") and British/American spellings are never typos.

A slip that makes another real word ("form" for "from") cannot be told from intent and is
never reported.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache

from digiteam.gitbook.lexicon import common_words, is_known
from digiteam.gitbook.matching import edit_distance

MIN_LENGTH = 5
MIN_REPLACED = 6
LONG_WORD = 9
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
    used = frozenset(w for w, n in counts.items() if n >= 2)
    references = (_common_index(), _DeleteIndex({w for w in used if len(w) >= MIN_LENGTH}))
    typos = []
    for where, word in found:
        lower = word.lower()
        if counts[lower] > 1 or len(lower) < MIN_LENGTH or is_known(lower, used):
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


@cache
def _common_index() -> _DeleteIndex:
    return _DeleteIndex({w for w in common_words() if len(w) >= MIN_LENGTH - 1})


def _deletes(word: str) -> set[str]:
    once = {word[:i] + word[i + 1 :] for i in range(len(word))}
    return {word} | once | {w[:i] + w[i + 1 :] for w in once for i in range(len(w))}


def _closest(word: str, references: tuple[_DeleteIndex, ...], counts: Counter[str]) -> str | None:
    """The nearest reference; ties go to the word the texts use most."""
    best: tuple[int, int, str] | None = None
    for ref in set().union(*(index.near(word) for index in references)):
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
