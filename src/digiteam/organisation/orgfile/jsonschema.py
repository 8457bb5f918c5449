"""The JSON Schema of the organisation file, generated from its pydantic models."""

from __future__ import annotations

import json

from digiteam.organisation.schema import OrgFile

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def org_json_schema() -> str:
    """Pretty-printed, keys sorted, so that the published file changes only with the schema."""
    schema = {"$schema": DIALECT, **OrgFile.model_json_schema()}
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
