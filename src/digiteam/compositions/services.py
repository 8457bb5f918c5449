"""Writes to composition templates. Callers validate first (see digiteam.reference)."""

from __future__ import annotations

from django.db import transaction

from digiteam.compositions.models import Function, QuantityRule, RoleSlot, Template
from digiteam.compositions.schema import FunctionIn, TemplateFile
from digiteam.taxonomy.models import Role


@transaction.atomic
def template_save(*, template: TemplateFile) -> Template:
    """Create or update a template by slug, keeping the ids of functions and slots that remain."""
    roles = {r.slug: r for r in Role.objects.all()}
    obj, _ = Template.objects.update_or_create(
        slug=template.slug,
        defaults={
            "name": template.name,
            "name_fr": template.name_fr,
            "name_ar": template.name_ar,
            "description": template.description,
            "description_fr": template.description_fr,
            "provenance_source": template.provenance.source,
            "provenance_anchor": template.provenance.anchor,
            "provenance_note": template.provenance.note,
        },
    )
    obj.functions.exclude(slug__in=[f.slug for f in template.functions]).delete()
    for position, f in enumerate(template.functions):
        _function_save(template=obj, function=f, position=position, roles=roles)
    return obj


def _function_save(
    *, template: Template, function: FunctionIn, position: int, roles: dict[str, Role]
) -> None:
    fn, _ = Function.objects.update_or_create(
        template=template,
        slug=function.slug,
        defaults={
            "name": function.name,
            "name_fr": function.name_fr,
            "name_ar": function.name_ar,
            "position": position,
            "source_text": function.source_text or "",
            "unmodelled": function.unmodelled,
            "unmodelled_fr": function.unmodelled_fr,
        },
    )
    fn.slots.exclude(role__slug__in=[s.role for s in function.slots]).delete()
    for slot_position, s in enumerate(function.slots):
        slot, _ = RoleSlot.objects.update_or_create(
            function=fn,
            role=roles[s.role],
            defaults={
                "position": slot_position,
                "label": s.label,
                "sourcing": list(s.sourcing),
                "note": s.note,
                "note_fr": s.note_fr,
            },
        )
        slot.rules.all().delete()
        QuantityRule.objects.bulk_create(
            QuantityRule(
                slot=slot,
                position=i,
                kind=r.kind,
                count=r.count,
                per=r.per,
                of_role=roles[r.of_role] if r.of_role else None,
                minimum=r.min,
                maximum=r.max,
            )
            for i, r in enumerate(s.rules)
        )
