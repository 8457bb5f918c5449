"""The shipped reference data: read, check across files, and load all-or-nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pydantic
from django.db import transaction

from digiteam.audit.context import change_set
from digiteam.audit.tracked import tracked
from digiteam.compositions.models import Function, QuantityRule, RoleSlot, Template
from digiteam.compositions.schema import TemplateFile
from digiteam.compositions.services import template_save
from digiteam.compositions.validation import template_problems
from digiteam.core.located import (
    FileInvalid,
    Located,
    Problem,
    did_you_mean,
    duplicates,
    parse,
    read_text,
)
from digiteam.core.located import validate as validate_model
from digiteam.taxonomy.models import ProficiencyLevel, ProficiencyScale, Role, RoleCategory, Skill
from digiteam.taxonomy.schema import ScalesFile, TaxonomyFile
from digiteam.taxonomy.services import scales_save, taxonomy_save

M = TypeVar("M", bound=pydantic.BaseModel)
REFERENCE_DIR = Path(__file__).resolve().parent / "data" / "reference"
# The reference tables, each with the relations that name a row (recorded in the audit trail).
REFERENCE_TABLES = {
    RoleCategory: (),
    Role: (),
    Skill: (),
    ProficiencyScale: (),
    ProficiencyLevel: ("scale",),
    Template: (),
    Function: (),
    RoleSlot: ("function", "role"),
    QuantityRule: ("of_role",),
}


@dataclass
class Reference:
    taxonomy: TaxonomyFile
    scales: ScalesFile
    templates: list[TemplateFile] = field(default_factory=list)


def reference_read(directory: Path = REFERENCE_DIR) -> Reference:
    """Read and check every reference file; raise FileInvalid listing every problem."""
    problems: list[Problem] = []
    taxonomy, tax_loc = _read(directory / "taxonomy.yaml", TaxonomyFile, problems)
    scales, _ = _read(directory / "scales.yaml", ScalesFile, problems)
    templates = []
    for path in sorted((directory / "templates").glob("*.yaml")):
        template, loc = _read(path, TemplateFile, problems)
        if template is not None:
            templates.append((template, loc))
    if taxonomy is not None:
        problems += taxonomy_problems(taxonomy, tax_loc)
        role_slugs = {r.slug for r in taxonomy.roles if not r.group}
        groups = {r.slug for r in taxonomy.roles if r.group}
        for template, loc in templates:
            problems += template_problems(template, loc, role_slugs, groups)
    if problems:
        raise FileInvalid(problems)
    assert taxonomy is not None and scales is not None
    return Reference(taxonomy, scales, [t for t, _ in templates])


def _read(path: Path, model: type[M], problems: list[Problem]) -> tuple[M | None, Any]:
    try:
        data, located = parse(read_text(path), str(path))
        return validate_model(model, data, located), located
    except FileInvalid as exc:
        problems += exc.problems
        return None, None


def taxonomy_problems(taxonomy: TaxonomyFile, loc: Located) -> list[Problem]:
    problems = []
    category_slugs = [c.slug for c in taxonomy.categories]
    for i, c in enumerate(taxonomy.categories):
        if c.slug in duplicates(category_slugs):
            problems.append(loc.problem(("categories", i, "slug"), f"duplicate slug '{c.slug}'"))
    role_slugs = [r.slug for r in taxonomy.roles]
    for i, r in enumerate(taxonomy.roles):
        if r.slug in duplicates(role_slugs):
            problems.append(loc.problem(("roles", i, "slug"), f"duplicate slug '{r.slug}'"))
        for j, slug in enumerate(r.categories):
            if slug not in category_slugs:
                hint = did_you_mean(slug, category_slugs)
                problems.append(
                    loc.problem(("roles", i, "categories", j), f"unknown category '{slug}'{hint}")
                )
    return problems


@transaction.atomic
def reference_load(directory: Path = REFERENCE_DIR) -> dict[str, int]:
    """Load (or reload) the reference data; idempotent, all-or-nothing."""
    ref = reference_read(directory)
    # One change set of the audit trail, attributed to whoever runs the load.
    with change_set(summary="Loaded the reference data"), tracked(REFERENCE_TABLES):
        counts = taxonomy_save(taxonomy=ref.taxonomy)
        counts.update(scales_save(scales=ref.scales))
        for t in ref.templates:
            template_save(template=t)
    counts["templates"] = len(ref.templates)
    return counts
