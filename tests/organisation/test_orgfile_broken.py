"""Broken organisation files: every problem is reported, located and explained; nothing written.

Each file in broken/ is tests/organisation/valid/minimal.yaml with one thing wrong (or a few,
in several-problems.yaml). Its first lines say what the import must print, one
``# expect: FILE:LINE path: message`` per problem, in that order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from digiteam.core.located import FileInvalid
from tests.organisation.orgfiles import HERE, MINIMAL, import_text, org_counts

BROKEN = sorted((HERE / "broken").glob("*.yaml"))
EXPECT = "# expect: "

# A government that exists before each import, so that "nothing changed" means something
# (and so that broken/government-exists.yaml has one to collide with).
ELSEWHERE = """\
government: {code: elsewhere, name: Elsewhere}
vendors: [{id: acme, name: Acme}]
units:
- {id: gov, kind: government, name: Government}
- id: ministry
  parent: gov
  kind: ministry
  name: Ministry
  positions: [{id: cio, role: chief-information-officer}]
people: [{id: amina, name: Amina, assignments: [{position: cio, start: 2024-01-01}]}]
"""


def _expected(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.removeprefix(EXPECT) for line in lines if line.startswith(EXPECT)]


@pytest.fixture
def elsewhere(shipped_reference: object) -> None:
    import_text(ELSEWHERE)


def test_the_corpus_is_large_and_every_file_says_what_to_expect() -> None:
    assert len(BROKEN) >= 30
    assert all(_expected(path) for path in BROKEN)


def test_the_valid_file_the_corpus_derives_from_imports(elsewhere: None) -> None:
    summary = import_text(MINIMAL.read_text(), filename="minimal.yaml")
    assert summary.counts["positions"] == 2 and summary.counts["assignments"] == 1


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_a_broken_file_is_refused_with_every_problem_located(elsewhere: None, path: Path) -> None:
    before = org_counts()
    with pytest.raises(FileInvalid) as refused:
        import_text(path.read_text(encoding="utf-8"), filename=path.name, replace=False)
    assert [str(p) for p in refused.value.problems] == _expected(path)
    assert org_counts() == before
