"""The shape of the shipped taxonomy files (taxonomy.yaml, scales.yaml)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from digiteam.core.schema import ProvenanceIn, Slug, Strict


class SourceIn(Strict):
    title: str
    file: str
    url: str = ""


class CategoryIn(Strict):
    slug: Slug
    name: str
    name_fr: str
    name_ar: str = ""
    description: str = ""
    description_fr: str = ""
    provenance: ProvenanceIn


class RoleIn(Strict):
    slug: Slug
    title: str = Field(min_length=1)
    title_fr: str = Field(min_length=1)
    title_ar: str = ""
    description: str = Field(min_length=1)
    description_fr: str = Field(min_length=1)
    description_ar: str = ""
    aliases: list[str] = []
    categories: list[Slug] = Field(min_length=1)
    isco08: Annotated[str, Field(pattern=r"^[0-9]{4}$")] | None = None
    esco_occupation: str = ""
    group: bool = False
    provenance: ProvenanceIn

    @model_validator(mode="after")
    def _added_needs_reason(self) -> RoleIn:
        if self.provenance.source == "added" and not self.provenance.note:
            raise ValueError("a role added by digiteam needs a provenance note saying why")
        return self


class TaxonomyFile(Strict):
    sources: dict[str, SourceIn] = {}
    categories: list[CategoryIn]
    roles: list[RoleIn]


class LevelIn(Strict):
    rank: int = Field(ge=1)
    slug: Slug
    name: str
    name_fr: str
    name_ar: str = ""
    description: str = ""
    description_fr: str = ""


class ScaleIn(Strict):
    slug: Slug
    name: str
    name_fr: str
    name_ar: str = ""
    description: str = ""
    description_fr: str = ""
    provenance: ProvenanceIn
    levels: list[LevelIn] = Field(min_length=1)


class SkillIn(Strict):
    slug: Slug
    name: str
    name_fr: str
    name_ar: str = ""
    description: str = ""
    description_fr: str = ""
    provenance: ProvenanceIn


class ScalesFile(Strict):
    scales: list[ScaleIn]
    skills: list[SkillIn] = []
