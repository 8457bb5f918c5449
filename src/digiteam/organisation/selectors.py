"""Reads of the organisation, each in a fixed number of queries whatever the size."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F

from digiteam.compositions.models import Function, Template
from digiteam.organisation.models import (
    AppliedTemplate,
    Assignment,
    DigitalService,
    Government,
    Person,
    Position,
    Unit,
    Vendor,
)
from digiteam.taxonomy.models import Role

Row = Mapping[str, Any]  # one row of values(): field name -> value


# --- governments ---------------------------------------------------------------------------


def government_find(*, code: str) -> Government | None:
    return Government.objects.filter(code=code).first()


def government_codes() -> list[str]:
    return list(Government.objects.order_by("code").values_list("code", flat=True))


# --- what an organisation file refers to outside itself ------------------------------------


@dataclass
class OrgReferences:
    """Roles, templates and template slots by their file names, read in three queries."""

    roles: dict[str, int] = field(default_factory=dict)  # slug -> id (positions may hold these)
    groups: set[str] = field(default_factory=set)  # role slugs naming a group, not a position
    templates: dict[str, int] = field(default_factory=dict)  # slug -> id
    functions: set[str] = field(default_factory=set)  # "template/function"
    slots: dict[str, int] = field(default_factory=dict)  # "template/function/role" -> id


def org_references(*, templates: Iterable[str]) -> OrgReferences:
    """Every role and template; the functions and slots of ``templates`` only."""
    refs = OrgReferences()
    for slug, pk, is_group in Role.objects.values_list("slug", "id", "is_group"):
        if is_group:
            refs.groups.add(slug)
        else:
            refs.roles[slug] = pk
    refs.templates = dict(Template.objects.values_list("slug", "id"))
    rows = Function.objects.filter(template__slug__in=set(templates)).values_list(
        "template__slug", "slug", "slots__role__slug", "slots__id"
    )
    for template, function, role, slot_id in rows:  # functions without slots come once, None
        refs.functions.add(f"{template}/{function}")
        if slot_id is not None:
            refs.slots[f"{template}/{function}/{role}"] = slot_id
    return refs


# --- a whole government, as plain rows (export) --------------------------------------------


@dataclass
class OrgRows:
    """A government's organisation as plain dicts, each list in one query."""

    vendors: list[Row]
    units: list[Row]
    positions: list[Row]
    dotted: list[tuple[int, str]]  # (position id, code of the position it has a dotted line to)
    services: list[Row]
    people: list[Row]
    assignments: list[Row]
    templates: list[str]


UNIT_FIELDS = ("id", "parent_id", "code", "kind", "name", "name_fr", "name_ar", "tags")
SERVICE_FIELDS = ("code", "name", "name_fr", "name_ar", "personal_data", "area")
POSITION_FIELDS = (
    "id", "unit_id", "code", "title", "sourcing", "fte", "grade", "annual_cost", "status",
    "vacant_since", "spend_control", "product_decisions", "technical_decisions",
)  # fmt: skip


def org_rows(*, government: Government, people: bool = True) -> OrgRows:
    """Eight queries (six without people), whatever the size; rows in no particular order."""
    gov = government
    return OrgRows(
        vendors=list(Vendor.objects.filter(government=gov).order_by().values("code", "name")),
        units=list(Unit.objects.filter(government=gov).order_by().values(*UNIT_FIELDS)),
        positions=list(_position_rows(gov)),
        dotted=list(
            Position.dotted_to.through.objects.filter(from_position__government=gov).values_list(
                "from_position_id", "to_position__code"
            )
        ),
        services=list(_service_rows(gov)),
        people=list(_person_rows(gov)) if people else [],
        assignments=list(_assignment_rows(gov)) if people else [],
        templates=list(
            AppliedTemplate.objects.filter(government=gov)
            .order_by("template__slug")
            .values_list("template__slug", flat=True)
        ),
    )


def _position_rows(gov: Government) -> Iterable[Row]:
    return (
        Position.objects.filter(government=gov)
        .order_by()
        .values(
            *POSITION_FIELDS,
            role_slug=F("role__slug"),
            vendor_code=F("vendor__code"),
            reports_to_code=F("reports_to__code"),
            slot_template=F("slot__function__template__slug"),
            slot_function=F("slot__function__slug"),
            slot_role=F("slot__role__slug"),
        )
    )


def _service_rows(gov: Government) -> Iterable[Row]:
    return (
        DigitalService.objects.filter(government=gov)
        .order_by()
        .values(*SERVICE_FIELDS, owner_code=F("owner__code"), team_code=F("team__code"))
    )


def _person_rows(gov: Government) -> Iterable[Row]:
    return (
        Person.objects.filter(government=gov)
        .order_by()
        .values("id", "code", "name", "email", employer_code=F("employer__code"))
    )


def _assignment_rows(gov: Government) -> Iterable[Row]:
    return (
        Assignment.objects.filter(person__government=gov)
        .order_by()
        .values("person_id", "start", "end", "fte", position_code=F("position__code"))
    )
