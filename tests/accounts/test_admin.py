"""Administrators manage users and memberships in the Django admin."""

from __future__ import annotations

import pytest
from django.test import Client

from digiteam.accounts.admin import MembershipForm
from digiteam.accounts.models import Membership
from tests.accounts.conftest import Tree
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_memberships_are_listed_and_shown_on_the_user(tree: Tree, admin_client: Client) -> None:
    assert admin_client.get("/admin/accounts/membership/").status_code == 200
    assert admin_client.get("/admin/accounts/membership/add/").status_code == 200
    user = make_user(username="amina")
    page = admin_client.get(f"/admin/auth/user/{user.pk}/change/").content.decode()
    assert "Memberships" in page


def test_a_scope_stays_inside_its_government(tree: Tree) -> None:
    user = make_user()
    data = {
        "user": user.pk,
        "government": tree.government.pk,
        "role": "editor",
        "unit_codes": "a, o",
    }
    form = MembershipForm(data=data)
    assert not form.is_valid()
    assert form.errors["unit_codes"] == ["“o” is not the code of a unit of Testland."]
    form = MembershipForm(data={**data, "unit_codes": "a b1 a"})
    assert form.is_valid(), form.errors
    membership = form.save()
    assert membership.unit_codes == ["a", "b1"]
    assert MembershipForm(instance=membership).initial["unit_codes"] == "a b1"


def test_non_administrators_cannot_manage_memberships(tree: Tree) -> None:
    client = Client()
    client.force_login(make_user(is_staff=True))
    assert client.get("/admin/accounts/membership/").status_code == 403
    assert not Membership.objects.exists()
