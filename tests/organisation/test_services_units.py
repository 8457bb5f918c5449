"""Writes on units: what they save, what they refuse and why, and what the audit trail keeps."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from digiteam.accounts.models import Membership
from digiteam.audit.choices import Action
from digiteam.audit.models import Change
from digiteam.compositions.models import Template
from digiteam.core.versioning import StaleVersion
from digiteam.organisation.models import AppliedTemplate, DigitalService, Government, Unit
from digiteam.organisation.services_units import (
    UnitFields,
    unit_create,
    unit_delete,
    unit_move,
    unit_update,
)
from digiteam.organisation.tree import unit_subtree
from tests.factories import (
    changes_of,
    make_government,
    make_membership,
    make_position,
    make_service,
    make_unit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def government() -> Government:
    return make_government(code="testland", unit_kinds=["directorate"])


@pytest.fixture
def root(government: Government) -> Unit:
    return make_unit(government=government, code="gov", kind="government")


def _fields(code: str = "health", **fields: object) -> UnitFields:
    return replace(UnitFields(code=code, kind="ministry", name="Ministry of Health"), **fields)


def _tree(root: Unit) -> dict[str, Unit]:
    """gov > a > a1 > a11, gov > a > a2, gov > b."""
    units = {"gov": root}
    units["a"] = make_unit(parent=root, code="a")
    units["a1"] = make_unit(parent=units["a"], code="a1")
    units["a11"] = make_unit(parent=units["a1"], code="a11")
    units["a2"] = make_unit(parent=units["a"], code="a2")
    units["b"] = make_unit(parent=root, code="b")
    return units


def _stored(units: dict[str, Unit]) -> dict[str, tuple[str, int, int | None]]:
    return {
        code: (u.path, u.depth, u.parent_id)
        for code, u in ((c, Unit.objects.get(pk=u.pk)) for c, u in units.items())
    }


# --- create ----------------------------------------------------------------------------------


def test_create_places_a_unit_under_its_parent_and_records_it(root: Unit) -> None:
    unit = unit_create(
        government=root.government,
        parent=root,
        fields=_fields(tags=[" health ", "health", "", "social"], name_fr="Santé"),
    )
    stored = Unit.objects.get(code="health")
    assert stored.path == f"{root.path}{unit.pk}/" and stored.depth == 1
    assert stored.parent == root and stored.name_fr == "Santé"
    assert stored.tags == ["health", "social"]
    assert stored.version == 1
    [change] = changes_of(unit)
    assert change.action == Action.CREATE and change.before is None
    assert change.after["path"] == stored.path and change.after["parent_id"] == root.pk


def test_create_accepts_the_governments_own_kinds(root: Unit) -> None:
    unit = unit_create(government=root.government, parent=root, fields=_fields(kind="directorate"))
    assert unit.kind == "directorate"


def test_create_refuses_an_unknown_kind_listing_the_allowed_ones(root: Unit) -> None:
    with pytest.raises(ValidationError) as raised:
        unit_create(government=root.government, parent=root, fields=_fields(kind="bureau"))
    assert raised.value.message_dict == {
        "kind": [
            "“bureau” is not a kind of unit of this government: use one of government, "
            "ministry, department, agency, team, directorate."
        ]
    }
    assert not Unit.objects.filter(code="health").exists()


def test_create_refuses_a_taken_code_a_blank_name_and_a_foreign_parent(root: Unit) -> None:
    elsewhere = make_unit(government=make_government(code="otherland"))
    with pytest.raises(ValidationError) as raised:
        unit_create(
            government=root.government, parent=elsewhere, fields=_fields(code="gov", name=" ")
        )
    errors = raised.value.message_dict
    assert errors["code"] == ["This code is already used in this government."]
    assert errors["parent"] == ["This unit belongs to another government."]
    assert "name" in errors
    assert Unit.objects.filter(government=root.government).count() == 1
    assert not Change.objects.exists()


def test_create_refuses_tags_that_are_not_short_texts(root: Unit) -> None:
    with pytest.raises(ValidationError) as raised:
        unit_create(
            government=root.government, parent=root, fields=_fields(tags=["ok", 3, "x" * 101])
        )
    assert raised.value.message_dict == {
        "tags": [
            "Each entry must be text.",
            "“xxxxxxxxxxxxxxxxxxxx…” is longer than 100 characters.",
        ]
    }


def test_create_refuses_a_second_top_unit(root: Unit) -> None:
    with pytest.raises(ValidationError) as raised:
        unit_create(government=root.government, parent=None, fields=_fields())
    assert raised.value.message_dict == {
        "parent": [
            f"This government already has its top unit, “{root}”: choose a parent inside it."
        ]
    }


def test_create_makes_the_top_unit_of_a_government_without_one(government: Government) -> None:
    unit = unit_create(government=government, parent=None, fields=_fields(kind="government"))
    assert (unit.path, unit.depth, unit.parent) == (f"/{unit.pk}/", 0, None)


# --- update ----------------------------------------------------------------------------------


def test_update_saves_the_fields_bumps_the_version_and_records_before_and_after(
    root: Unit,
) -> None:
    unit = make_unit(parent=root, code="health", kind="ministry", name="Health")
    unit_update(
        unit=unit,
        fields=_fields(code="health", kind="agency", name="Health Agency", tags=["x"]),
        expected_version=1,
    )
    stored = Unit.objects.get(pk=unit.pk)
    assert (stored.kind, stored.name, stored.tags, stored.version) == (
        "agency",
        "Health Agency",
        ["x"],
        2,
    )
    [change] = changes_of(unit)
    assert change.action == Action.UPDATE
    assert (change.before["kind"], change.after["kind"]) == ("ministry", "agency")
    assert (change.before["version"], change.after["version"]) == (1, 2)


def test_update_refuses_a_stale_version_and_changes_nothing(root: Unit) -> None:
    unit = make_unit(parent=root, code="health", name="Health")
    unit_update(unit=unit, fields=_fields(name="First"), expected_version=1)
    with pytest.raises(StaleVersion) as raised:
        unit_update(unit=unit, fields=_fields(name="Second"), expected_version=1)
    assert raised.value.current == 2
    stored = Unit.objects.get(pk=unit.pk)
    assert (stored.name, stored.version) == ("First", 2)
    assert len(changes_of(unit)) == 1


def test_update_refuses_an_unknown_kind_and_a_taken_code(root: Unit) -> None:
    unit = make_unit(parent=root, code="health", name="Health")
    with pytest.raises(ValidationError) as raised:
        unit_update(unit=unit, fields=_fields(code="gov", kind="bureau"))
    assert set(raised.value.message_dict) == {"code", "kind"}
    stored = Unit.objects.get(pk=unit.pk)
    assert (stored.code, stored.version) == ("health", 1)
    assert not changes_of(unit)


def test_update_keeps_the_tree_place_whatever_the_callers_copy_says(root: Unit) -> None:
    units = _tree(root)
    copy = Unit.objects.get(pk=units["a1"].pk)
    unit_move(unit=units["a1"], new_parent=units["b"])
    unit_update(unit=copy, fields=_fields(code="a1", name="Renamed"))
    stored = Unit.objects.get(pk=copy.pk)
    assert stored.parent_id == units["b"].pk and stored.path.startswith(units["b"].path)


def test_renaming_a_code_keeps_the_memberships_limited_to_the_unit(root: Unit) -> None:
    unit = make_unit(parent=root, code="health")
    membership = make_membership(government=root.government, units=(unit,))
    unit_update(unit=unit, fields=_fields(code="sante"))
    membership.refresh_from_db()
    assert membership.unit_codes == ["sante"]
    assert changes_of(membership)[0].after["unit_codes"] == ["sante"]


# --- move ------------------------------------------------------------------------------------


def test_move_rewrites_every_descendants_path_and_depth(root: Unit) -> None:
    units = _tree(root)
    moved = unit_move(unit=units["a1"], new_parent=units["b"], expected_version=1)

    b, a1 = units["b"], units["a1"]
    a11 = Unit.objects.get(pk=units["a11"].pk)
    assert (moved.parent_id, moved.path, moved.depth) == (b.pk, f"{b.path}{a1.pk}/", 2)
    assert (a11.path, a11.depth, a11.parent_id) == (f"{b.path}{a1.pk}/{a11.pk}/", 3, a1.pk)
    # Those outside the moved subtree are untouched.
    stored = _stored(units)
    assert stored["a2"] == (f"{units['a'].path}{units['a2'].pk}/", 2, units["a"].pk)
    assert stored["a"][0] == units["a"].path
    # The subtree queries find exactly the moved subtree, under its new parent.
    assert set(unit_subtree(unit=moved)) == {a1, a11}
    assert set(Unit.objects.filter(path__startswith=moved.path)) == {a1, a11}
    assert set(Unit.objects.filter(path__startswith=b.path)) == {b, a1, a11}
    assert set(Unit.objects.filter(path__startswith=units["a"].path)) == {
        units["a"],
        units["a2"],
    }


def test_move_bumps_and_records_the_parent_change(root: Unit) -> None:
    units = _tree(root)
    unit_move(unit=units["a1"], new_parent=units["b"])
    [change] = changes_of(units["a1"])
    assert change.action == Action.UPDATE
    assert (change.before["parent_id"], change.after["parent_id"]) == (
        units["a"].pk,
        units["b"].pk,
    )
    assert (change.before["version"], change.after["version"]) == (1, 2)
    assert Unit.objects.get(pk=units["a1"].pk).version == 2


def test_move_to_the_same_parent_changes_nothing(root: Unit) -> None:
    units = _tree(root)
    unit_move(unit=units["a1"], new_parent=units["a"])
    assert Unit.objects.get(pk=units["a1"].pk).version == 1
    assert not changes_of(units["a1"])


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("a", "A unit cannot be moved under itself."),
        ("a11", "“Unit a11” is inside “Unit a”: a unit cannot move under its own descendant."),
        ("a1", "“Unit a1” is inside “Unit a”: a unit cannot move under its own descendant."),
    ],
)
def test_move_refuses_a_cycle(root: Unit, target: str, message: str) -> None:
    units = _tree(root)
    before = _stored(units)
    with pytest.raises(ValidationError) as raised:
        unit_move(unit=units["a"], new_parent=units[target])
    assert raised.value.message_dict == {"parent": [message]}
    assert _stored(units) == before
    assert Unit.objects.get(pk=units["a"].pk).version == 1


def test_move_refuses_another_governments_unit_and_a_second_top_unit(root: Unit) -> None:
    units = _tree(root)
    elsewhere = make_unit(government=make_government(code="otherland"))
    before = _stored(units)
    with pytest.raises(ValidationError) as raised:
        unit_move(unit=units["a"], new_parent=elsewhere)
    assert raised.value.message_dict == {"parent": ["This unit belongs to another government."]}
    with pytest.raises(ValidationError) as raised:
        unit_move(unit=units["a"], new_parent=None)
    assert raised.value.message_dict["parent"] == [
        "This government already has its top unit, “Unit gov”: choose a parent inside it."
    ]
    assert _stored(units) == before
    assert not Change.objects.exists()


def test_move_refuses_a_stale_version_and_changes_nothing(root: Unit) -> None:
    units = _tree(root)
    before = _stored(units)
    with pytest.raises(StaleVersion):
        unit_move(unit=units["a1"], new_parent=units["b"], expected_version=3)
    assert _stored(units) == before
    assert not Change.objects.exists()


def test_move_uses_the_stored_paths_not_a_stale_copy(root: Unit) -> None:
    units = _tree(root)
    stale_a1 = Unit.objects.get(pk=units["a1"].pk)
    unit_move(unit=units["a"], new_parent=units["b"])  # a1's stored path changes
    unit_move(unit=stale_a1, new_parent=root)
    a11 = Unit.objects.get(pk=units["a11"].pk)
    assert a11.path == f"{root.path}{units['a1'].pk}/{a11.pk}/" and a11.depth == 2


# --- delete ----------------------------------------------------------------------------------


def test_delete_refuses_a_unit_with_units_positions_services_or_memberships(root: Unit) -> None:
    unit = make_unit(parent=root, code="health")
    make_unit(parent=unit)
    make_position(unit=unit)
    make_position(unit=unit)
    make_service(owner=unit)
    make_membership(government=root.government, units=(unit,))
    with pytest.raises(ValidationError) as raised:
        unit_delete(unit=unit)
    assert raised.value.message_dict == {
        NON_FIELD_ERRORS: [
            "1 unit is inside this one: move or delete it first.",
            "2 positions are in this unit: move or retire them first.",
            "This unit owns 1 digital service: give it another owner first.",
            "1 membership is limited to this unit: change its scope first.",
        ]
    }
    assert Unit.objects.filter(pk=unit.pk).exists()
    assert not Change.objects.exists()


def test_delete_records_the_unit_and_the_services_losing_their_team(root: Unit) -> None:
    unit = make_unit(parent=root, code="health")
    service = make_service(owner=root, team=unit)
    make_membership(government=root.government)  # the whole government: not limited to it
    unit_id = unit.pk
    unit_delete(unit=unit, expected_version=1)
    assert not Unit.objects.filter(pk=unit_id).exists()
    service.refresh_from_db()
    assert service.team is None and service.version == 2
    deleted = Change.objects.get(object_id=unit_id, action=Action.DELETE)
    assert deleted.before["code"] == "health" and deleted.after is None
    assert changes_of(service)[0].after["team_id"] is None
    assert Membership.objects.count() == 1
    assert DigitalService.objects.count() == 1


def test_delete_forgets_the_templates_applied_under_the_unit(root: Unit) -> None:
    unit = make_unit(parent=root, code="health")
    template = Template.objects.create(slug="custom", name="Custom", provenance_source="added")
    applied = AppliedTemplate.objects.create(
        government=root.government, template=template, under=unit
    )
    unit_delete(unit=unit)
    assert not AppliedTemplate.objects.exists()
    assert [c.action for c in changes_of(applied)] == [Action.DELETE]


def test_delete_refuses_a_stale_version(root: Unit) -> None:
    unit = make_unit(parent=root, code="health")
    with pytest.raises(StaleVersion):
        unit_delete(unit=unit, expected_version=2)
    assert Unit.objects.filter(pk=unit.pk).exists()
