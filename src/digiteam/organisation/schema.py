"""The organisation file ("organisation as code"): one government, as YAML or JSON.

Ids (``id``) are the objects' codes: unique within their kind in the file, referenced by other
entries (``parent``, ``owner``, ``reports_to``, ``position`` …). The JSON Schema published in
docs/org-file.schema.json is generated from these models.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from digiteam.checks.engine.config import CheckConfig
from digiteam.core.schema import Slug, Strict

FORMAT: Literal["digiteam-org/1"] = "digiteam-org/1"
# The models' choices (organisation/choices.py), word for word: Literals keep the JSON Schema's
# inline enums and pydantic's located errors; tests/organisation/test_schema_vocabulary.py
# keeps them the same.
Sourcing = Literal["internal", "contract", "consultant", "secondment"]
Status = Literal["planned", "approved", "filled", "vacant"]
Right = Literal["spend_control", "product_decisions", "technical_decisions"]
Area = Literal["mission_it", "digital_public_services", "infrastructure", "shared_services"]
Fte = Annotated[Decimal, Field(gt=0, le=1, max_digits=4, decimal_places=2)]
# Lengths of the database columns the values go to.
Name = Annotated[str, Field(min_length=1, max_length=200)]
LongName = Annotated[str, Field(min_length=1, max_length=300)]
Kind = Annotated[Slug, Field(max_length=40)]


class GovernmentIn(Strict):
    code: Slug = Field(description="the government's id; a file with the same code replaces it")
    name: Name
    name_fr: str = Field(default="", max_length=200)
    name_ar: str = Field(default="", max_length=200)
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = Field(
        default=None, description="ISO 3166-1 alpha-2 code"
    )
    languages: list[Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]] = Field(
        default=[], description="ISO 639 codes"
    )
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = Field(
        default="USD", description="ISO 4217 code, the currency of position costs"
    )
    unit_kinds: list[Kind] = Field(
        default=[],
        description="kinds beyond the built-in ones (government, ministry, department, agency, "
        "team)",
    )
    illustrative: bool = Field(default=False, description="invented data, for demonstration")


class VendorIn(Strict):
    id: Slug
    name: Name


class PositionIn(Strict):
    id: Slug = Field(description="unique across the whole file, not only in its unit")
    role: Slug = Field(description="a role slug of the taxonomy (docs/reference/roles.md)")
    title: str = Field(default="", max_length=300, description="working title")
    sourcing: Sourcing = "internal"
    vendor: Slug | None = Field(
        default=None, description="a vendor id; only for a position that is not internal"
    )
    fte: Fte = Field(default=Decimal(1), description="full-time equivalent, more than 0, at most 1")
    grade: str = Field(default="", max_length=40)
    cost: Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)] | None = Field(
        default=None, description="annual cost, in the government's currency"
    )
    status: Status = "planned"
    vacant_since: datetime.date | None = None
    reports_to: Slug | None = Field(default=None, description="the id of the manager's position")
    dotted_to: list[Slug] = Field(default=[], description="ids of positions, dotted lines")
    rights: list[Right] = Field(default=[], description="decision rights the position holds")
    slot: Annotated[str, Field(pattern=r"^[a-z0-9-]+/[a-z0-9-]+/[a-z0-9-]+$")] | None = Field(
        default=None, description="template/function/role this position was sized from"
    )


class UnitIn(Strict):
    id: Slug
    parent: Slug | None = Field(default=None, description="a unit id; only the root has none")
    kind: Kind = Field(description="a built-in kind or one of government.unit_kinds")
    name: LongName
    name_fr: str = Field(default="", max_length=300)
    name_ar: str = Field(default="", max_length=300)
    tags: list[str] = []
    positions: list[PositionIn] = []


class ServiceIn(Strict):
    id: Slug
    name: LongName
    name_fr: str = Field(default="", max_length=300)
    name_ar: str = Field(default="", max_length=300)
    owner: Slug = Field(description="the id of the unit that owns the service")
    team: Slug | None = Field(default=None, description="the id of the unit that delivers it")
    personal_data: bool = Field(default=False, description="the service processes personal data")
    area: Area | None = Field(default=None, description="governance area")


class AssignmentIn(Strict):
    position: Slug = Field(description="a position id")
    start: datetime.date
    end: datetime.date | None = Field(default=None, description="the last day; absent: ongoing")
    fte: Fte = Field(default=Decimal(1), description="the share of a full-time job held")


class PersonIn(Strict):
    id: Slug
    name: Name
    email: str = Field(default="", max_length=254)
    employer: Slug | None = Field(default=None, description="a vendor id; absent: the government")
    assignments: list[AssignmentIn] = []


class OrgFile(Strict):
    """One government's digital organisation: units, positions, services, people, vendors."""

    format: Literal["digiteam-org/1"] = FORMAT
    government: GovernmentIn
    templates: list[Slug] = Field(default=[], description="templates applied (sizing)")
    vendors: list[VendorIn] = []
    units: list[UnitIn] = Field(min_length=1)
    services: list[ServiceIn] = []
    people: list[PersonIn] = []
    checks: CheckConfig | None = Field(
        default=None,
        description="how this government tunes the checks: rules off, severities, "
        "thresholds, its own requirements, waivers",
    )
