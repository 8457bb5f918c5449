"""A small tree for the permission tests, and the web tests' signed-in clients.

Testland: a government unit over two ministries, A (with team A1) and B (with team B1), a
filled position in each team; and Otherland, a second government with one unit.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from digiteam.organisation.models import Government, Position, Unit
from tests.factories import make_government, make_person, make_position, make_role, make_unit
from tests.web.conftest import anonymous, editor_client, viewer_client

__all__ = ["Tree", "anonymous", "editor_client", "tree", "viewer_client"]


@dataclass
class Tree:
    government: Government
    root: Unit
    a: Unit
    a1: Unit
    b: Unit
    b1: Unit
    other: Government
    other_unit: Unit
    position_a1: Position
    position_b1: Position


@pytest.fixture
def tree(db: None) -> Tree:
    gov = make_government(code="testland", name="Testland")
    root = make_unit(government=gov, code="root", kind="government", name="Government")
    a = make_unit(parent=root, code="a", kind="ministry", name="Ministry A")
    a1 = make_unit(parent=a, code="a1", kind="team", name="Team A1")
    b = make_unit(parent=root, code="b", kind="ministry", name="Ministry B")
    b1 = make_unit(parent=b, code="b1", kind="team", name="Team B1")
    other = make_government(code="otherland", name="Otherland")
    other_unit = make_unit(government=other, code="o", kind="government", name="Other root")
    role = make_role(slug="developer", title="Software developer")
    position_a1 = make_position(unit=a1, role=role, code="dev-a1", status="filled")
    position_b1 = make_position(unit=b1, role=role, code="dev-b1", status="filled")
    make_person(government=gov, name="Amina Haroun", code="amina", position=position_a1)
    make_person(government=gov, name="Omar Said", code="omar", position=position_b1)
    return Tree(gov, root, a, a1, b, b1, other, other_unit, position_a1, position_b1)
