"""A government in the database -> a snapshot, in a fixed number of queries.

Nine queries whatever the size of the organisation (``QUERIES``; seven when no template is
applied, as Django skips a query filtered on an empty list): every list is one ``values()``
query read as plain dicts; codes replace ids before the engine sees anything. For
the same organisation it gives a snapshot equal to ``adapters_file.snapshot_from_orgfile``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import F

from digiteam.checks.engine.snapshot import (
    Assignment,
    Function,
    Government,
    Organisation,
    Position,
    Role,
    Service,
    Slot,
    Template,
    Unit,
    Vendor,
)
from digiteam.compositions import models as compositions
from digiteam.organisation import models as organisation
from digiteam.taxonomy import models as taxonomy

QUERIES = 9
RIGHTS = ("spend_control", "product_decisions", "technical_decisions")


def snapshot_from_db(government: organisation.Government) -> Organisation:
    gov = government
    units = list(
        organisation.Unit.objects.filter(government=gov).values(
            "id", "parent_id", "code", "kind", "name", "tags"
        )
    )
    unit_codes = {u["id"]: u["code"] for u in units}
    vendors = organisation.Vendor.objects.filter(government=gov).values("code", "name")
    return Organisation.build(
        government=Government(gov.code, gov.name, gov.currency),
        units=[
            Unit(u["code"], u["name"], u["kind"], unit_codes.get(u["parent_id"]), tuple(u["tags"]))
            for u in units
        ],
        positions=[_position(row, unit_codes) for row in _position_rows(gov)],
        services=_services(gov),
        assignments=_assignments(gov),
        vendors=[Vendor(v["code"], v["name"]) for v in vendors],
        templates=_templates(gov),
        roles=[Role(r["slug"], r["title"]) for r in taxonomy.Role.objects.values("slug", "title")],
    )


def _services(gov: organisation.Government) -> list[Service]:
    rows = organisation.DigitalService.objects.filter(government=gov).values(
        "code",
        "name",
        "personal_data",
        "area",
        owner_code=F("owner__code"),
        team_code=F("team__code"),
    )
    return [
        Service(
            s["code"],
            s["name"],
            s["owner_code"],
            s["team_code"],
            s["personal_data"],
            s["area"] or None,
        )
        for s in rows
    ]


def _assignments(gov: organisation.Government) -> list[Assignment]:
    rows = organisation.Assignment.objects.filter(person__government=gov).values(
        "start",
        "end",
        "fte",
        person_code=F("person__code"),
        position_code=F("position__code"),
        employer=F("person__employer__code"),
    )
    return [
        Assignment(
            a["person_code"], a["position_code"], a["start"], a["end"], a["fte"], a["employer"]
        )
        for a in rows
    ]


def _position_rows(gov: organisation.Government) -> Any:
    return organisation.Position.objects.filter(government=gov).values(
        "code",
        "unit_id",
        "title",
        "sourcing",
        "fte",
        "annual_cost",
        "status",
        "vacant_since",
        *RIGHTS,
        role_slug=F("role__slug"),
        vendor_code=F("vendor__code"),
        reports_to_code=F("reports_to__code"),
        slot_template=F("slot__function__template__slug"),
        slot_function=F("slot__function__slug"),
        slot_role=F("slot__role__slug"),
    )


def _position(row: dict[str, Any], unit_codes: dict[int, str]) -> Position:
    slot = None
    if row["slot_template"]:
        slot = f"{row['slot_template']}/{row['slot_function']}/{row['slot_role']}"
    return Position(
        code=row["code"],
        unit=unit_codes[row["unit_id"]],
        role=row["role_slug"],
        sourcing=row["sourcing"],
        vendor=row["vendor_code"],
        fte=row["fte"],
        cost=row["annual_cost"],
        status=row["status"],
        vacant_since=row["vacant_since"],
        reports_to=row["reports_to_code"],
        rights=frozenset(r for r in RIGHTS if row[r]),
        slot=slot,
        title=row["title"],
    )


def _templates(gov: organisation.Government) -> list[Template]:
    """Applied templates with their functions and slots, in three queries."""
    applied = dict(
        organisation.AppliedTemplate.objects.filter(government=gov).values_list(
            "template__slug", "template__name"
        )
    )
    slots: dict[tuple[str, str], list[Slot]] = defaultdict(list)
    for slot in (
        compositions.RoleSlot.objects.filter(function__template__slug__in=applied)
        .order_by("function__template__slug", "function__position", "position", "id")
        .values(
            "sourcing",
            template_slug=F("function__template__slug"),
            function_slug=F("function__slug"),
            role_slug=F("role__slug"),
        )
    ):
        slots[slot["template_slug"], slot["function_slug"]].append(
            Slot(slot["role_slug"], tuple(slot["sourcing"]))
        )
    functions: dict[str, list[Function]] = defaultdict(list)
    for row in (
        compositions.Function.objects.filter(template__slug__in=applied)
        .order_by("template__slug", "position", "id")
        .values("slug", "name", template_slug=F("template__slug"))
    ):
        key = (row["template_slug"], row["slug"])
        functions[row["template_slug"]].append(Function(*key, row["name"], tuple(slots[key])))
    return [Template(slug, name, tuple(functions[slug])) for slug, name in applied.items()]
