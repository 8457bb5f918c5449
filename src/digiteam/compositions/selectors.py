"""Reads of composition templates."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from digiteam.compositions.models import Function, QuantityRule, RoleSlot, Template
from digiteam.taxonomy.models import Role


def template_list_full() -> QuerySet[Template]:
    """Templates with functions, slots, roles and rules loaded in a fixed number of queries."""
    rules = QuantityRule.objects.select_related("of_role")
    slots = RoleSlot.objects.select_related("role").prefetch_related(
        Prefetch("rules", queryset=rules)
    )
    functions = Function.objects.prefetch_related(Prefetch("slots", queryset=slots))
    return Template.objects.prefetch_related(Prefetch("functions", queryset=functions))


def slot_list_for_role(*, role: Role) -> QuerySet[RoleSlot]:
    """Where templates use a role."""
    return (
        RoleSlot.objects.filter(role=role)
        .select_related("function__template")
        .prefetch_related(
            Prefetch("rules", queryset=QuantityRule.objects.select_related("of_role"))
        )
        .order_by("function__template__name", "function__position")
    )
