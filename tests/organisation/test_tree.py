"""The unit tree: subtrees by path range, moves that keep paths right, no cycles."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from digiteam.organisation.models import Government, Unit
from digiteam.organisation.tree import TreeError, path_for, unit_move, unit_subtree

pytestmark = pytest.mark.django_db


def _unit(gov: Government, code: str, parent: Unit | None, kind: str = "team") -> Unit:
    unit = Unit.objects.create(government=gov, code=code, kind=kind, name=code, parent=parent)
    unit.path = path_for(parent, unit.pk)
    unit.depth = parent.depth + 1 if parent else 0
    unit.save(update_fields=["path", "depth"])
    return unit


@pytest.fixture
def tree() -> dict[str, Unit]:
    gov = Government.objects.create(code="g", name="G")
    root = _unit(gov, "root", None, "government")
    a = _unit(gov, "a", root, "ministry")
    b = _unit(gov, "b", root, "ministry")
    a1 = _unit(gov, "a1", a)
    a11 = _unit(gov, "a11", a1)
    return {u.code: u for u in (root, a, b, a1, a11)}


def _codes(units: object) -> list[str]:
    return sorted(u.code for u in units)  # type: ignore[attr-defined]


def test_subtree_is_the_unit_and_its_descendants(tree: dict[str, Unit]) -> None:
    assert _codes(unit_subtree(unit=tree["a"])) == ["a", "a1", "a11"]
    assert _codes(unit_subtree(unit=tree["b"])) == ["b"]
    assert len(unit_subtree(unit=tree["root"])) == 5


def test_ids_sharing_a_prefix_are_not_mistaken_for_descendants(tree: dict[str, Unit]) -> None:
    # a unit with id 1 must not see a sibling with id 10 as its child: paths end with "/"
    gov = tree["root"].government
    siblings = [_unit(gov, f"s{i}", tree["root"]) for i in range(12)]
    first = siblings[0]
    assert _codes(unit_subtree(unit=first)) == [first.code]


def test_move_rewrites_the_paths_of_the_whole_subtree(tree: dict[str, Unit]) -> None:
    unit_move(unit=tree["a1"], parent=tree["b"])
    assert _codes(unit_subtree(unit=tree["b"])) == ["a1", "a11", "b"]
    assert _codes(unit_subtree(unit=tree["a"])) == ["a"]
    a11 = Unit.objects.get(code="a11")
    assert a11.path == f"{tree['b'].path}{tree['a1'].pk}/{a11.pk}/" and a11.depth == 3


def test_moving_a_unit_into_its_own_subtree_is_refused(tree: dict[str, Unit]) -> None:
    with pytest.raises(TreeError, match="'a11' is inside 'a'"):
        unit_move(unit=tree["a"], parent=tree["a11"])
    assert Unit.objects.get(code="a").parent == tree["root"]


def test_the_database_refuses_a_unit_that_is_its_own_parent(tree: dict[str, Unit]) -> None:
    with pytest.raises(IntegrityError):
        Unit.objects.filter(pk=tree["b"].pk).update(parent=tree["b"].pk)
