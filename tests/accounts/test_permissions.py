"""Each permission function over a small tree: ministries A and B of Testland, and Otherland."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from digiteam.accounts.models import Membership, MembershipRole
from digiteam.accounts.permissions import (
    can_edit_government,
    can_edit_unit,
    can_enter_government,
    can_see_people,
    can_view_government,
    can_view_unit,
    editable_units,
    viewable_units,
    visible_governments,
)
from digiteam.organisation.models import Government, Position, Unit
from tests.accounts.conftest import Tree
from tests.factories import make_membership, make_unit, make_user

pytestmark = pytest.mark.django_db


def _codes(units: object) -> set[str]:
    return {u.code for u in units}  # type: ignore[attr-defined]


def test_editor_of_ministry_a_edits_a_and_its_teams_not_b(tree: Tree) -> None:
    editor = make_membership(government=tree.government, role="editor", units=(tree.a,)).user
    assert can_edit_unit(user=editor, unit=tree.a) and can_edit_unit(user=editor, unit=tree.a1)
    assert not can_edit_unit(user=editor, unit=tree.b)
    assert not can_edit_unit(user=editor, unit=tree.b1)
    assert not can_edit_unit(user=editor, unit=tree.root), "not the units above A"
    assert not can_edit_unit(user=editor, unit=tree.other_unit)
    assert not can_edit_government(user=editor, government=tree.government)
    editable = Unit.objects.filter(editable_units(user=editor, government=tree.government))
    assert _codes(editable) == {"a", "a1"}
    positions = Position.objects.filter(
        editable_units(user=editor, government=tree.government, prefix="unit__")
    )
    assert [p.code for p in positions] == ["dev-a1"]


def test_editor_of_the_whole_government(tree: Tree) -> None:
    editor = make_membership(government=tree.government, role="editor").user
    assert all(can_edit_unit(user=editor, unit=u) for u in (tree.root, tree.a1, tree.b1))
    assert can_edit_government(user=editor, government=tree.government)
    assert not can_edit_unit(user=editor, unit=tree.other_unit)
    assert not can_view_government(user=editor, government=tree.other)
    editable = Unit.objects.filter(editable_units(user=editor, government=tree.government))
    assert _codes(editable) == {"root", "a", "a1", "b", "b1"}


def test_a_unit_whose_id_starts_with_a_scope_units_id_is_not_inside_it(tree: Tree) -> None:
    """Paths compare by whole ids: a scope over "/1/2/" does not cover "/1/29/"."""
    sibling = make_unit(parent=tree.root, kind="ministry")
    Unit.objects.filter(pk=sibling.pk).update(path=f"{tree.root.path}{tree.a.pk}9/")
    sibling.refresh_from_db()
    editor = make_membership(government=tree.government, role="editor", units=(tree.a,)).user
    assert not can_edit_unit(user=editor, unit=sibling)
    editable = Unit.objects.filter(editable_units(user=editor, government=tree.government))
    assert _codes(editable) == {"a", "a1"}


def test_viewer_scoped_to_a(tree: Tree) -> None:
    viewer = make_membership(government=tree.government, units=(tree.a,)).user
    assert can_view_unit(user=viewer, unit=tree.a) and can_view_unit(user=viewer, unit=tree.a1)
    assert not can_view_unit(user=viewer, unit=tree.b)
    assert not can_edit_unit(user=viewer, unit=tree.a), "a viewer reads only"
    assert can_enter_government(user=viewer, government=tree.government)
    assert not can_view_government(user=viewer, government=tree.government), "only part of it"
    assert _codes(Unit.objects.filter(viewable_units(user=viewer, government=tree.government))) == {
        "a",
        "a1",
    }
    assert not Unit.objects.filter(editable_units(user=viewer, government=tree.government))


def test_viewer_of_several_subtrees(tree: Tree) -> None:
    viewer = make_membership(government=tree.government, units=(tree.a1, tree.b)).user
    visible = Unit.objects.filter(viewable_units(user=viewer, government=tree.government))
    assert _codes(visible) == {"a1", "b", "b1"}
    assert not can_view_unit(user=viewer, unit=tree.a)


def test_viewer_of_a_whole_government_sees_nothing_of_another(tree: Tree) -> None:
    viewer = make_membership(government=tree.government).user
    assert can_view_government(user=viewer, government=tree.government)
    assert all(can_view_unit(user=viewer, unit=u) for u in (tree.root, tree.a1, tree.b1))
    assert not can_enter_government(user=viewer, government=tree.other)
    assert not can_view_unit(user=viewer, unit=tree.other_unit)
    assert not Unit.objects.filter(viewable_units(user=viewer, government=tree.other))
    assert list(Government.objects.filter(visible_governments(user=viewer))) == [tree.government]


def test_administrator_may_do_everything(tree: Tree, admin_user: object) -> None:
    for government in (tree.government, tree.other):
        assert can_view_government(user=admin_user, government=government)  # type: ignore[arg-type]
        assert can_edit_government(user=admin_user, government=government)  # type: ignore[arg-type]
        assert can_see_people(user=admin_user, government=government)  # type: ignore[arg-type]
    assert can_edit_unit(user=admin_user, unit=tree.other_unit)  # type: ignore[arg-type]
    everything = Government.objects.filter(visible_governments(user=admin_user))  # type: ignore[arg-type]
    assert set(everything) == {tree.government, tree.other}


def test_personal_data_is_a_separate_permission(tree: Tree) -> None:
    plain = make_membership(government=tree.government, role="editor").user
    allowed = make_membership(government=tree.government, can_see_personal_data=True).user
    assert not can_see_people(user=plain, government=tree.government)
    assert can_see_people(user=allowed, government=tree.government)
    assert not can_see_people(user=allowed, government=tree.other)


def test_anonymous_and_inactive_users_may_do_nothing(tree: Tree) -> None:
    inactive = make_membership(government=tree.government, role="editor").user
    inactive.is_active = False
    inactive.save()
    retired_admin = make_user(is_superuser=True, is_staff=True, is_active=False)
    for user in (AnonymousUser(), inactive, retired_admin):
        assert not can_view_unit(user=user, unit=tree.a)
        assert not can_edit_unit(user=user, unit=tree.a)
        assert not can_see_people(user=user, government=tree.government)
        assert not Unit.objects.filter(viewable_units(user=user, government=tree.government))
        assert not Government.objects.filter(visible_governments(user=user))


def test_a_unit_of_another_government_in_a_scope_grants_nothing(tree: Tree) -> None:
    """The service refuses it; a code slipped in some other way names no unit here."""
    with pytest.raises(ValidationError):
        make_membership(government=tree.government, units=(tree.other_unit,))
    membership = make_membership(government=tree.government, units=(tree.a,))
    Membership.objects.filter(pk=membership.pk).update(unit_codes=["a", tree.other_unit.code])
    user = membership.user
    assert not can_view_unit(user=user, unit=tree.other_unit)
    assert not Unit.objects.filter(viewable_units(user=user, government=tree.other))
    assert _codes(Unit.objects.filter(viewable_units(user=user, government=tree.government))) == {
        "a",
        "a1",
    }


def test_a_scope_whose_units_are_gone_covers_nothing_never_everything(tree: Tree) -> None:
    membership = make_membership(government=tree.government, role="editor", units=(tree.a,))
    Membership.objects.filter(pk=membership.pk).update(unit_codes=["renamed"])
    user = membership.user
    assert not any(can_view_unit(user=user, unit=u) for u in (tree.root, tree.a, tree.b1))
    assert not can_view_government(user=user, government=tree.government)
    assert not Unit.objects.filter(viewable_units(user=user, government=tree.government))
    assert not Unit.objects.filter(editable_units(user=user, government=tree.government))
    assert can_enter_government(user=user, government=tree.government)


@pytest.mark.parametrize("stored", ["a", {"a": 1}, [1], ""])
def test_a_scope_stored_in_any_other_shape_covers_nothing(tree: Tree, stored: object) -> None:
    """Only an empty list means the whole government; a string is not read letter by letter."""
    membership = make_membership(government=tree.government, units=(tree.a,))
    Membership.objects.filter(pk=membership.pk).update(unit_codes=stored)
    user = membership.user
    assert not can_view_unit(user=user, unit=tree.a)
    assert not Unit.objects.filter(viewable_units(user=user, government=tree.government))


def test_a_scope_outlives_an_organisation_replaced_from_a_file(tree: Tree) -> None:
    """Units are recreated with new ids by ``org import --replace``; the scope keeps its codes."""
    from digiteam.organisation.orgfile import org_dump, org_export, org_import

    editor = make_membership(government=tree.government, role="editor", units=(tree.a,)).user
    text = org_dump(org_export(government=tree.government), "yaml")
    org_import(text=text, filename="testland.yaml", replace=True)
    new_a = Unit.objects.get(government=tree.government, code="a")
    assert new_a.pk != tree.a.pk
    editable = Unit.objects.filter(editable_units(user=editor, government=tree.government))
    assert _codes(editable) == {"a", "a1"}
    assert can_edit_unit(user=editor, unit=new_a)


def test_one_membership_per_user_and_government(tree: Tree) -> None:
    membership = make_membership(government=tree.government)
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=membership.user, government=tree.government)


def test_the_database_refuses_an_unknown_role(tree: Tree) -> None:
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=make_user(), government=tree.government, role="owner")


def test_granting_again_replaces_the_membership(tree: Tree) -> None:
    from digiteam.accounts.services import membership_grant

    membership = make_membership(government=tree.government, units=(tree.a,))
    again = membership_grant(
        user=membership.user, government=tree.government, role=MembershipRole.EDITOR
    )
    assert again.pk == membership.pk and again.role == "editor"
    assert again.unit_codes == []
    assert Membership.objects.count() == 1
