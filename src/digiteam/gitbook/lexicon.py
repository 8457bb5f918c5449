"""Known English words: a built-in list of common words and their regular forms.

``words.txt`` (next to this module) holds a few thousand common English words, mostly base
forms, written for this package: plain lowercase words, one per line. A word counts as known
when it is in the list, or when it is a regular form of a listed word: an inflection
("protects", "watches", "managed", "running"), a derivation ("protection", "creative",
"organisation", "simply") or a prefixed form ("reconnect", "non-technical" is split earlier).

The rules only undo real English spelling changes, so a slip stays unknown: "treates" is not
"treat" + "es" (that ending follows s, x, z, ch, sh or o only) and "tranining" has no base.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from functools import cache
from importlib import resources

_VOWELS = frozenset("aeiouy")
_SIBILANT = ("s", "x", "z", "ch", "sh", "o")
# Prefixes that make a new word from a known one ("reconnect", "unclear", "subsystem").
_PREFIXES = (
    "anti", "auto", "co", "counter", "cross", "de", "dis", "en", "il", "im", "in", "inter",
    "ir", "macro", "micro", "mid", "mis", "multi", "non", "out", "over", "post", "pre", "pro",
    "re", "self", "semi", "sub", "super", "tele", "trans", "un", "under", "up",
)  # fmt: skip
_MIN_BASE = 2


@cache
def common_words() -> frozenset[str]:
    """The built-in list of common English words."""
    text = resources.files(__package__).joinpath("words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def is_known(word: str, extra: AbstractSet[str] = frozenset()) -> bool:
    """Whether ``word`` (lowercase) is a common word, a word of ``extra``, or a form of one."""
    words = common_words()

    def listed(candidate: str) -> bool:
        return candidate in words or candidate in extra

    if listed(word):
        return True
    bases = {word, *_bases(word)}
    bases |= {deeper for base in list(bases) for deeper in _bases(base)}
    for base in list(bases):
        bases |= set(_unprefixed(base))
    return any(listed(base) for base in bases)


def _unprefixed(word: str) -> Iterator[str]:
    for prefix in _PREFIXES:
        rest = word.removeprefix(prefix)
        if rest != word and len(rest) >= 4:
            yield rest
            yield from _bases(rest)


def _bases(word: str) -> Iterator[str]:
    """The words ``word`` can be a regular form of (not all of them real)."""
    for ending, rule in _RULES:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_BASE:
            yield from rule(word[: -len(ending)])


def _plain(stem: str) -> Iterator[str]:
    yield stem


def _plain_or_e(stem: str) -> Iterator[str]:
    """The stem as is, with its e back, undoubled or with its y back ("plann" -> "plan")."""
    yield stem
    yield stem + "e"
    if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS | {"l", "s"}:
        yield stem[:-1]  # a doubled final consonant: "planned", "running"
    if len(stem) >= 4 and stem.endswith("ll"):
        yield stem[:-1]  # "travelled", "labelled"
    if stem.endswith("i"):
        yield stem[:-1] + "y"  # "applied", "happier", "supplier"
    if stem.endswith("y"):
        yield stem[:-1] + "ie"  # "lying", "tying"


def _sibilant(stem: str) -> Iterator[str]:
    """After s, x, z, ch, sh or o ("watches", "processes"); never "treat" + "es"."""
    if stem.endswith(_SIBILANT):
        yield stem


def _y(stem: str) -> Iterator[str]:
    yield stem + "y"  # "policies", "happily", "classification" via "ic"


def _ly(stem: str) -> Iterator[str]:
    yield stem
    yield stem + "le"  # "simply", "possibly"
    if stem.endswith("i"):
        yield stem[:-1] + "y"  # "easily"
    if stem.endswith("al"):
        yield stem[:-2]  # "basically"


def _ise(stem: str) -> Iterator[str]:
    yield stem + "ise"
    yield stem + "ize"
    yield stem + "e"
    yield stem


def _ative(stem: str) -> Iterator[str]:
    yield from _plain_or_e(stem)
    yield stem + "ate"  # "separation" <- "separate"


def _soft_or_e(stem: str) -> Iterator[str]:
    """As ``_plain_or_e``, but a soft c or g keeps its e ("noticeable", not "noticable")."""
    for base in _plain_or_e(stem):
        if not (base.endswith(("ce", "ge")) and base == stem + "e"):
            yield base


_Rule = Callable[[str], Iterator[str]]
_RULES: tuple[tuple[str, _Rule], ...] = (
    ("s", _plain),
    ("es", _sibilant),
    ("ies", _y),
    ("ed", _plain_or_e),
    ("d", _plain),  # "created" <- "create" ("treated" is "treat" + "ed")
    ("ing", _plain_or_e),
    ("er", _plain_or_e),
    ("r", _plain),  # "manager" <- "manage"
    ("est", _plain_or_e),
    ("st", _plain),
    ("ly", _ly),
    ("ion", _plain_or_e),
    ("ation", _ative),
    ("ication", _y),
    ("isation", _ise),
    ("ization", _ise),
    ("ise", _plain_or_e),
    ("ize", _plain_or_e),
    ("ment", _plain),
    ("ness", _plain_or_e),
    ("ity", _plain_or_e),
    ("ility", _ly),
    ("al", _plain_or_e),
    ("ial", _plain_or_e),
    ("ive", _plain_or_e),
    ("ative", _ative),
    ("or", _plain_or_e),
    ("ist", _plain_or_e),
    ("ism", _plain_or_e),
    ("ful", _plain_or_e),
    ("less", _plain_or_e),
    ("able", _soft_or_e),
    ("ible", _soft_or_e),
    ("en", _plain_or_e),
    ("ship", _plain),
    ("hood", _plain),
    ("wide", _plain),
    ("ic", _plain_or_e),
    ("ical", _plain_or_e),
    ("ous", _plain_or_e),
    ("y", _plain_or_e),
)
