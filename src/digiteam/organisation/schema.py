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

from digiteam.core.schema import Slug, Strict

FORMAT: Literal["digiteam-org/1"] = "digiteam-org/1"
Sourcing = Literal["internal", "contract", "consultant", "secondment"]
Status = Literal["planned", "approved", "filled", "vacant"]
Right = Literal["spend_control", "product_decisions", "technical_decisions"]
Area = Literal["mission_it", "digital_public_services", "infrastructure", "shared_services"]
Fte = Annotated[Decimal, Field(gt=0, le=1, max_digits=4, decimal_places=2)]


class GovernmentIn(Strict):
    code: Slug
    name: str = Field(min_length=1)
    name_fr: str = ""
    name_ar: str = ""
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    languages: list[Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]] = []
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "USD"
    unit_kinds: list[Slug] = Field(default=[], description="kinds beyond the built-in ones")
    illustrative: bool = False


class VendorIn(Strict):
    id: Slug
    name: str = Field(min_length=1)


class PositionIn(Strict):
    id: Slug
    role: Slug
    title: str = ""
    sourcing: Sourcing = "internal"
    vendor: Slug | None = None
    fte: Fte = Decimal(1)
    grade: str = ""
    cost: Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)] | None = Field(
        default=None, description="annual cost, in the government's currency"
    )
    status: Status = "planned"
    vacant_since: datetime.date | None = None
    reports_to: Slug | None = None
    dotted_to: list[Slug] = []
    rights: list[Right] = []
    slot: Annotated[str, Field(pattern=r"^[a-z0-9-]+/[a-z0-9-]+/[a-z0-9-]+$")] | None = Field(
        default=None, description="template/function/role this position was sized from"
    )


class UnitIn(Strict):
    id: Slug
    parent: Slug | None = None
    kind: Slug
    name: str = Field(min_length=1)
    name_fr: str = ""
    name_ar: str = ""
    tags: list[str] = []
    positions: list[PositionIn] = []


class ServiceIn(Strict):
    id: Slug
    name: str = Field(min_length=1)
    name_fr: str = ""
    name_ar: str = ""
    owner: Slug
    team: Slug | None = None
    personal_data: bool = False
    area: Area | None = None


class AssignmentIn(Strict):
    position: Slug
    start: datetime.date
    end: datetime.date | None = None
    fte: Fte = Decimal(1)


class PersonIn(Strict):
    id: Slug
    name: str = Field(min_length=1)
    email: str = ""
    employer: Slug | None = Field(default=None, description="a vendor id; absent: the government")
    assignments: list[AssignmentIn] = []


class OrgFile(Strict):
    format: Literal["digiteam-org/1"] = FORMAT
    government: GovernmentIn
    templates: list[Slug] = Field(default=[], description="templates applied (sizing)")
    vendors: list[VendorIn] = []
    units: list[UnitIn] = Field(min_length=1)
    services: list[ServiceIn] = []
    people: list[PersonIn] = []
