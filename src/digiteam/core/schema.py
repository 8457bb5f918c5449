"""Shared pieces of the file schemas (pydantic)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=100)]


class Strict(BaseModel):
    """A file object: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ProvenanceIn(Strict):
    source: str = Field(pattern=r"^(govstack-taxonomy|composition|principles|added|imported)$")
    anchor: str = ""
    note: str = ""
