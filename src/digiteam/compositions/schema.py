"""The shape of a composition template file."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from digiteam.core.schema import ProvenanceIn, Slug, Strict

SourcingIn = Literal["internal", "contract", "consultant", "secondment", "focal_point"]
RuleKindIn = Literal[
    "fixed", "per_government", "per_ministry", "per_agency", "per_service", "ratio", "optional"
]


class RuleIn(Strict):
    kind: RuleKindIn
    count: Decimal = Field(default=Decimal(1), ge=0)
    per: Decimal | None = Field(default=None, gt=0)
    of_role: Slug | None = None
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _consistent(self) -> RuleIn:
        if self.kind == "ratio" and (self.per is None or self.of_role is None):
            raise ValueError("a ratio rule needs 'per' and 'of_role'")
        if self.kind != "ratio" and (self.per is not None or self.of_role is not None):
            raise ValueError("only a ratio rule takes 'per' and 'of_role'")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("'min' cannot exceed 'max'")
        return self


class SlotIn(Strict):
    role: Slug
    label: str = ""
    sourcing: list[SourcingIn] = Field(min_length=1)
    rules: list[RuleIn] = Field(min_length=1)
    note: str = ""
    note_fr: str = ""


class FunctionIn(Strict):
    slug: Slug
    name: str
    name_fr: str
    name_ar: str = ""
    source_text: str | None = None
    unmodelled: str = ""
    unmodelled_fr: str = ""
    slots: list[SlotIn]


class TemplateFile(Strict):
    slug: Slug
    name: str
    name_fr: str
    name_ar: str = ""
    description: str = ""
    description_fr: str = ""
    provenance: ProvenanceIn
    functions: list[FunctionIn] = Field(min_length=1)
