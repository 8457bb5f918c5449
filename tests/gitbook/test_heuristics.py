"""The judgement calls behind group-not-role, link-text-mismatch and probable-typo."""

from __future__ import annotations

import pytest

from digiteam.gitbook.groups import group_reason
from digiteam.gitbook.lexicon import common_words, is_known
from digiteam.gitbook.matching import names_role, normal
from digiteam.gitbook.typos import Text, find_typos


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Office Personnel", "'personnel' is a collective noun"),
        ("Citizen Users", "'users' is a collective noun"),
        ("Board/ Advisers", "'board' is a collective noun"),
        ("Porters/ Drivers/ Loaders", "it lists 3 different names"),
        ("Auditors", "it is also the name of a category"),
    ],
)
def test_groups(name: str, reason: str) -> None:
    assert group_reason(name, ["Auditors", "Finance"]) == reason


@pytest.mark.parametrize(
    "name",
    [
        "Database managers",
        "Payroll clerks",
        "UX/UI Designers",
        "Tester/Quality analyst",
        "Teamster",
    ],
)
def test_single_roles_written_in_the_plural_or_with_a_slash(name: str) -> None:
    assert group_reason(name, ["Auditors"]) is None


def test_plain_cells_are_groups_when_plural_or_quantified() -> None:
    assert (
        group_reason("Volunteers from the districts", plain=True)
        == "its head noun 'volunteers' is plural"
    )
    assert group_reason("A clerk in each office", plain=True) == "it is quantified ('each')"
    assert group_reason("Records clerk", plain=True) is None


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Chief Records Officer (CRO)", "Chief Records Officer"),
        ("Shared Services Clerk", "Shared Service Clerk"),
        ("Senior Records clerk", "Records clerk"),
        ("Systems analyst", "Business/systems analyst"),
        ("Claims manager", "Payments manager/ claims manager"),
        ("Monitoring and evaluation lead", "Monitoring &#x26; Evaluation Lead"),
    ],
)
def test_link_texts_that_name_the_role(text: str, title: str) -> None:
    assert names_role(text, title)


@pytest.mark.parametrize(
    ("text", "title"),
    [("Records manager", "Records clerk"), ("Business analyst", "Business process analyst")],
)
def test_link_texts_that_do_not(text: str, title: str) -> None:
    assert not names_role(text, title)


def test_normal_form() -> None:
    assert normal("  Data &amp; Records  Officers (DRO)") == "data and record officer"


def _typos(*sentences: str) -> list[tuple[str, str]]:
    texts = [Text("t.md", n, "a description", s) for n, s in enumerate(sentences, 1)]
    return [(typo.word, typo.suggestion) for typo in find_typos(texts)]


def test_slips_are_found() -> None:
    found = _typos(
        "The archive keeps records. The archive lends records.",
        "The arcchive opens daily.",  # a letter too many
        "The rceords are old.",  # two letters swapped
        "Its catalogue of archiving tools; archiving needs catalogue work.",
        "Cataloguue entries.",  # a letter too many
    )
    assert found == [("arcchive", "archive"), ("rceords", "records"), ("Cataloguue", "Catalogue")]


def test_forms_of_one_word_are_not_typos() -> None:
    assert (
        _typos(
            "The clerk manages files; the manager files reports.",
            "Organisation and organization; programme and program; centre and center.",
            "Across the office, cross the road; managed by them.",
        )
        == []
    )


# Ordinary, correct English: many words here are one letter away from another common word
# ("protects"/"projects", "threats"/"treats", "enter"/"center", "watches"/"patches").
CORRECT_ENGLISH = """
A digital team in government protects the services that citizens rely on every day.
Its security officer watches for threats, patches servers before attackers can reach them,
and treats every incident as a chance to learn. New projects start small: the team enters a
ministry, listens to the people who run the service, and maps each step a resident takes to
enter a claim or pay a charge. The delivery center keeps a list of projects, their owners and
their risks, while the data center hosts what the projects build. Managers change plans when
research shows a better route; designers test early prototypes with real users; engineers
write code that colleagues can read, review and reuse. Procurement follows open standards,
so that no single vendor locks the ministry in. The head of the team reports to the minister
each month, explains plainly what was delivered and what was not, and asks for the budget,
the staff and the trust that the next stage needs.
"""


def test_correct_english_has_no_probable_typo() -> None:
    assert _typos(*CORRECT_ENGLISH.strip().splitlines()) == []


@pytest.mark.parametrize(
    "word",
    ["protects", "threats", "enter", "watches", "patches", "charge", "reach", "organisations",
     "classification", "easily", "planned", "travelled", "using", "unclear", "subsystems"],
)  # fmt: skip
def test_regular_forms_of_common_words_are_known(word: str) -> None:
    assert is_known(word)


@pytest.mark.parametrize(
    "word", ["tranining", "componenents", "itnternal", "treates", "handeler", "rceords"]
)
def test_slips_are_not_known(word: str) -> None:
    assert not is_known(word)


def test_word_list_is_plain_lowercase_words() -> None:
    words = common_words()
    assert len(words) > 3000
    assert all(word.isascii() and word.isalpha() and word.islower() for word in words)
