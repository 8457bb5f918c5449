"""Writes to the taxonomy. Callers validate first (see digiteam.reference)."""

from __future__ import annotations

from django.db import transaction

from digiteam.taxonomy.models import (
    ProficiencyLevel,
    ProficiencyScale,
    Role,
    RoleCategory,
    Skill,
)
from digiteam.taxonomy.schema import ScalesFile, TaxonomyFile


def _provenance(p: object) -> dict[str, str]:
    return {
        "provenance_source": p.source,  # type: ignore[attr-defined]
        "provenance_anchor": p.anchor,  # type: ignore[attr-defined]
        "provenance_note": p.note,  # type: ignore[attr-defined]
    }


@transaction.atomic
def taxonomy_save(*, taxonomy: TaxonomyFile) -> dict[str, int]:
    """Create or update every category and role by slug; the file is the truth for them."""
    categories = {}
    for position, c in enumerate(taxonomy.categories):
        categories[c.slug], _ = RoleCategory.objects.update_or_create(
            slug=c.slug,
            defaults={
                "name": c.name,
                "name_fr": c.name_fr,
                "name_ar": c.name_ar,
                "description": c.description,
                "description_fr": c.description_fr,
                "position": position,
                **_provenance(c.provenance),
            },
        )
    for r in taxonomy.roles:
        role, _ = Role.objects.update_or_create(
            slug=r.slug,
            defaults={
                "title": r.title,
                "title_fr": r.title_fr,
                "title_ar": r.title_ar,
                "description": r.description,
                "description_fr": r.description_fr,
                "description_ar": r.description_ar,
                "aliases": list(r.aliases),
                "isco08": r.isco08 or "",
                "esco_occupation": r.esco_occupation,
                "is_group": r.group,
                **_provenance(r.provenance),
            },
        )
        role.categories.set([categories[s] for s in r.categories])
    return {"categories": len(taxonomy.categories), "roles": len(taxonomy.roles)}


@transaction.atomic
def scales_save(*, scales: ScalesFile) -> dict[str, int]:
    for s in scales.scales:
        scale, _ = ProficiencyScale.objects.update_or_create(
            slug=s.slug,
            defaults={
                "name": s.name,
                "name_fr": s.name_fr,
                "name_ar": s.name_ar,
                "description": s.description,
                "description_fr": s.description_fr,
                **_provenance(s.provenance),
            },
        )
        scale.levels.exclude(slug__in=[lv.slug for lv in s.levels]).delete()
        for lv in s.levels:
            ProficiencyLevel.objects.update_or_create(
                scale=scale,
                slug=lv.slug,
                defaults={
                    "rank": lv.rank,
                    "name": lv.name,
                    "name_fr": lv.name_fr,
                    "name_ar": lv.name_ar,
                    "description": lv.description,
                    "description_fr": lv.description_fr,
                },
            )
    for k in scales.skills:
        Skill.objects.update_or_create(
            slug=k.slug,
            defaults={
                "name": k.name,
                "name_fr": k.name_fr,
                "name_ar": k.name_ar,
                "description": k.description,
                "description_fr": k.description_fr,
                **_provenance(k.provenance),
            },
        )
    return {"scales": len(scales.scales), "skills": len(scales.skills)}
