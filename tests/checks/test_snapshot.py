"""The snapshot: canonical order, ancestors, indexes, and what the file adapter puts in it."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from digiteam.checks.adapters_file import snapshot_from_orgfile
from digiteam.checks.engine import Government, Organisation, Position, Service, SnapshotError, Unit
from digiteam.organisation.schema import OrgFile
from digiteam.reference import Reference
from tests.checks.conftest import fixture_org

GOV = Government("testland", "Testland")


def tree() -> Organisation:
    return Organisation.build(
        government=GOV,
        units=[
            Unit("team-b", "Team B", "team", parent="health"),
            Unit("gov", "Government", "government"),
            Unit("health", "Health", "ministry", parent="gov"),
            Unit("team-a", "Team A", "team", parent="health"),
            Unit("agency", "Agency", "agency", parent="gov"),
        ],
        positions=[
            Position("p2", "team-a", "software-developer"),
            Position("p1", "gov", "chief-technology-officer"),
            Position("p3", "team-a", "product-owner"),
        ],
        services=[Service("s1", "One", owner="health", team="team-a")],
    )


def test_units_come_in_tree_order_with_their_ancestors() -> None:
    org = tree()
    assert [u.code for u in org.units] == ["gov", "agency", "health", "team-a", "team-b"]
    assert org.unit("team-a").ancestors == ("gov", "health")
    assert org.unit("team-a").depth == 2
    assert [p.code for p in org.positions] == ["p1", "p2", "p3"]


def test_indexes_answer_the_questions_rules_ask() -> None:
    org = tree()
    assert org.subtree("health") == ["health", "team-a", "team-b"]
    assert org.reach("team-b") == ("gov", "health", "team-b")
    assert org.ministry_of("team-b") == "health"
    assert org.ministry_of("agency") is None
    assert [org.is_central(u) for u in ("gov", "agency", "health", "team-a")] == [
        True,
        True,
        False,
        False,
    ]
    assert [p.code for p in org.positions_within("health")] == ["p2", "p3"]
    assert [p.code for p in org.positions_of("product-owner")] == ["p3"]
    assert [u.code for u in org.units_of_kind("team")] == ["team-a", "team-b"]
    assert [u.code for u in org.service_teams] == ["team-a"]
    assert [u.code for u in org.teams] == ["team-a", "team-b"]


def test_the_same_organisation_in_another_order_is_an_equal_snapshot() -> None:
    org = tree()
    shuffled = Organisation.build(
        government=GOV,
        units=reversed(org.units),
        positions=reversed(org.positions),
        services=org.services,
    )
    assert shuffled == org


@pytest.mark.parametrize(
    ("units", "positions", "message"),
    [
        ([Unit("a", "A", "team", parent="b"), Unit("b", "B", "team", parent="a")], [], "ancestor"),
        ([Unit("a", "A", "team", parent="nowhere")], [], "unknown parent 'nowhere'"),
        ([Unit("a", "A", "team")], [Position("p", "b", "product-owner")], "unknown unit 'b'"),
    ],
)
def test_a_broken_organisation_is_refused(
    units: list[Unit], positions: list[Position], message: str
) -> None:
    with pytest.raises(SnapshotError, match=message):
        Organisation.build(government=GOV, units=units, positions=positions)


def test_the_file_adapter_carries_every_field(reference: Reference) -> None:
    org = fixture_org("DIG605-pass", reference)
    assert org.government == Government("testland", "Testland", "USD")
    cto = org.positions[0]
    assert (cto.code, cto.unit, cto.role, cto.status, cto.fte) == (
        "cto",
        "gov",
        "chief-technology-officer",
        "filled",
        Decimal(1),
    )
    assert [
        (a.person, a.employer, a.current(datetime.date(2025, 6, 30))) for a in org.assignments
    ] == [
        ("p-1", "acme", False),
        ("p-2", None, True),
    ]
    assert org.vendor_name("acme") == "Acme"
    assert org.role_title("chief-technology-officer") == "Chief technology officer (CTO)"


def test_the_file_adapter_brings_the_applied_templates(reference: Reference) -> None:
    org = fixture_org("DIG604-fail", reference)
    assert [t.slug for t in org.templates] == ["digital-leadership"]
    central = org.functions[0]
    assert central.key == "digital-leadership/central-digital-leadership"
    assert central.internal_only
    assert [s.role for s in central.slots] == [
        "digital-services-director",
        "chief-technology-officer",
    ]
    assert [p.code for p in org.positions_in_function(central.key)] == ["cto"]
    assert org.positions[0].rights == frozenset()


def test_the_file_adapter_refuses_an_unknown_template(reference: Reference) -> None:
    org = OrgFile.model_validate(
        {
            "government": {"code": "t", "name": "T"},
            "templates": ["no-such-template"],
            "units": [{"id": "gov", "kind": "government", "name": "G"}],
        }
    )
    with pytest.raises(SnapshotError, match="no-such-template"):
        snapshot_from_orgfile(org, reference)
