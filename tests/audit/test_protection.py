"""Nobody can change or delete the audit trail through the product: pages, API, admin."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from digiteam.audit.models import Change, ChangeSet
from tests.accounts.conftest import Tree, tree
from tests.accounts.test_enforcement import ROUTES, _url
from tests.factories import make_user

__all__ = ["tree"]  # fixtures
pytestmark = pytest.mark.django_db


def _trail() -> list[str]:
    sets = ChangeSet.objects.order_by("pk").values_list()
    changes = Change.objects.order_by("pk").values_list()
    return [repr(row) for row in (*sets, *changes)]


@pytest.fixture
def recorded(tree: Tree) -> Client:
    client = Client()
    client.force_login(make_user(username="nadia", is_superuser=True, is_staff=True))
    data = {"role": "developer", "unit": "a1", "sourcing": "internal", "status": "filled"}
    response = client.post("/org/testland/positions/dev-a1/edit/", {**data, "fte": "0.5"})
    assert response.status_code == 302
    assert Change.objects.exists()
    return client


def test_the_admin_shows_the_trail_and_changes_none_of_it(recorded: Client) -> None:
    before = _trail()
    change_set = ChangeSet.objects.get()
    change = Change.objects.filter(change_set=change_set).first()
    assert change is not None
    for model, pk in ((ChangeSet, change_set.pk), (Change, change.pk)):
        meta = model._meta
        name = f"admin:{meta.app_label}_{meta.model_name}"
        assert recorded.get(reverse(f"{name}_changelist")).status_code == 200
        assert recorded.get(reverse(f"{name}_change", args=[pk])).status_code == 200, "readable"
        assert recorded.post(reverse(f"{name}_change", args=[pk]), {}).status_code == 403
        assert recorded.post(reverse(f"{name}_delete", args=[pk]), {"post": "yes"}).status_code in (
            403,
            302,
        )
        assert recorded.get(reverse(f"{name}_add")).status_code == 403
        bulk = {"action": "delete_selected", "_selected_action": [pk], "post": "yes"}
        recorded.post(reverse(f"{name}_changelist"), bulk)
    assert _trail() == before


def test_only_read_only_admins_are_registered_for_the_trail() -> None:
    for model in (ChangeSet, Change):
        model_admin = admin.site._registry[model]
        request = type("Request", (), {"user": None})()
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)


@pytest.mark.parametrize("name", sorted(n for n in ROUTES if not n.startswith("admin:")))
def test_no_page_nor_api_route_changes_what_was_recorded(recorded: Client, name: str) -> None:
    """Every route, read and posted to by an administrator, leaves the recorded rows as they were
    (it may add its own)."""
    before = _trail()
    url = _url(name)
    recorded.get(url)
    recorded.post(url, {})
    after = set(_trail())
    assert all(row in after for row in before), url
