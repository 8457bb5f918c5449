"""The shipped reference data: complete, consistent, translated, with provenance."""

from __future__ import annotations

import pytest

from digiteam.compositions.models import Function, RoleSlot, Template
from digiteam.taxonomy.models import Role, RoleCategory

pytestmark = pytest.mark.django_db

PRINCIPLES_ROLES = [
    "digital-services-director",
    "chief-technology-officer",
    "service-manager",
    "product-owner",
    "delivery-manager",
    "technical-lead",
    "content-designer",
    "user-researcher",
    "ux-ui-designer",
    "software-developer",
    "technical-architect",
    "web-operations-engineer",
]

DJIBOUTI_FUNCTIONS = [
    "Strategy / management",
    "Service design",
    "Procurement / IT strategy",
    "Legal and policy",
    "Administrative coordination",
    "Program operations",
    "Domain experts",
    "Coordination + execution team",
    "Technology implementation team",
    "Data preparation and coordination (MIS)",
    "Capacity building",
    "Performance and monitoring",
    "Help desk and support",
    "Communications centre",
]


def test_load_is_idempotent(shipped_reference: dict[str, int]) -> None:
    from digiteam.reference import reference_load

    before = (Role.objects.count(), RoleSlot.objects.count(), Function.objects.count())
    assert reference_load() == shipped_reference
    assert (Role.objects.count(), RoleSlot.objects.count(), Function.objects.count()) == before


def test_every_role_has_french_text_categories_and_provenance(shipped_reference: object) -> None:
    for role in Role.objects.prefetch_related("categories"):
        assert role.title_fr and role.description_fr, role.slug
        assert role.categories.exists(), role.slug
        assert role.provenance_source, role.slug
        if role.provenance_source == "added":
            assert role.provenance_note, role.slug
        else:
            assert role.provenance_anchor, role.slug
    for category in RoleCategory.objects.all():
        assert category.name_fr, category.slug


def test_roles_the_principles_require_exist(shipped_reference: object) -> None:
    present = set(Role.objects.filter(slug__in=PRINCIPLES_ROLES).values_list("slug", flat=True))
    assert present == set(PRINCIPLES_ROLES)


def test_no_template_staffs_a_group_and_no_role_is_listed_twice(shipped_reference: object) -> None:
    assert not RoleSlot.objects.filter(role__is_group=True).exists()
    for function in Function.objects.prefetch_related("slots"):
        roles = [slot.role_id for slot in function.slots.all()]
        assert len(roles) == len(set(roles)), function


def test_every_slot_allows_known_sourcing_and_has_a_rule(shipped_reference: object) -> None:
    allowed = {"internal", "contract", "consultant", "secondment", "focal_point"}
    for slot in RoleSlot.objects.prefetch_related("rules"):
        assert slot.sourcing and set(slot.sourcing) <= allowed, slot
        assert slot.rules.exists(), slot


def test_djibouti_template_has_the_fourteen_functions_in_order(shipped_reference: object) -> None:
    template = Template.objects.get(slug="djibouti-digital-team")
    names = [f.name.lower() for f in template.functions.all()]
    assert names == [n.lower() for n in DJIBOUTI_FUNCTIONS]
    cio = RoleSlot.objects.get(function__template=template, role__slug="chief-information-officer")
    assert [(r.kind, r.count) for r in cio.rules.all()] == [
        ("per_government", 1),
        ("per_ministry", 1),
    ]
    assert cio.sourcing == ["internal"]


def test_leadership_and_service_team_templates(shipped_reference: object) -> None:
    leadership = RoleSlot.objects.filter(function__template__slug="digital-leadership")
    assert {"digital-services-director", "chief-technology-officer"} <= set(
        leadership.values_list("role__slug", flat=True)
    )
    team = RoleSlot.objects.filter(function__template__slug="core-service-team")
    assert {"product-owner", "delivery-manager", "technical-lead", "content-designer"} <= set(
        team.values_list("role__slug", flat=True)
    )
