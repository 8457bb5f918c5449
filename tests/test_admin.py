"""The admin, an administrator's fallback, lists and opens every registered model."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_registered_model_lists_and_opens(admin_client: Client) -> None:
    from digiteam.organisation.demo import demo_load
    from digiteam.reference import reference_load

    reference_load()
    demo_load()
    for model in admin.site._registry:
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert admin_client.get(changelist).status_code == 200, changelist
        first = model.objects.first()
        if first is not None:
            change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])
            assert admin_client.get(change).status_code == 200, change
