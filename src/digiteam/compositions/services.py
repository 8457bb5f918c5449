"""Writes to composition templates.

``template_save`` writes a template that its caller has checked (a reference load, a GitBook
import); ``template_put`` and ``template_delete`` are the checked, versioned and audited writes
of one template (the API). A template's version is raised by each change: a reload of the same
file leaves it as it is.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Prefetch
from django.utils.translation import ngettext

from digiteam.audit.tracked import tracked
from digiteam.compositions.models import Function, QuantityRule, RoleSlot, Template
from digiteam.compositions.schema import FunctionIn, TemplateFile
from digiteam.compositions.validation import template_errors
from digiteam.core.versioning import StaleVersion, bump, locked
from digiteam.taxonomy.models import Role

# A template's tables, each with the relations that name a row (recorded in the audit trail).
TEMPLATE_TABLES = {
    Template: (),
    Function: (),
    RoleSlot: ("function", "role"),
    QuantityRule: ("of_role",),
}


@transaction.atomic
def template_save(*, template: TemplateFile) -> Template:
    """Create or update a template by slug, keeping the ids of functions and slots that remain;
    its version is raised if anything changed."""
    stored = Template.objects.filter(slug=template.slug).first()
    before = _document(stored) if stored is not None else None
    obj = _write(template)
    if stored is not None and _document(obj) != before:
        Template.objects.filter(pk=obj.pk).update(version=F("version") + 1)
        obj.refresh_from_db(fields=["version"])
    return obj


@transaction.atomic
def template_put(
    *, template: TemplateFile, expected_version: int | None = None
) -> tuple[Template, bool]:
    """Create the template ``template.slug`` names (``expected_version`` None) or replace the
    stored one, whole; whether it is new.

    All or nothing: a ``ValidationError`` keyed by each field's path ("functions.2.slots.0.role")
    if any role is unknown or any value cannot be stored; ``StaleVersion`` if the stored
    template is not ``expected_version`` (or exists, for a creation). A slot that goes unlinks
    the positions sized from it, as a reload of the reference files does (docs/api.md).
    """
    stored = Template.objects.select_for_update().filter(slug=template.slug).first()
    if stored is not None and expected_version != stored.version:
        raise StaleVersion(stored.version)
    errors = template_errors(template=template)
    if errors:
        raise ValidationError(errors)
    with tracked(TEMPLATE_TABLES):
        obj = _write(template)
        if stored is not None:
            bump(obj)
            obj.save(update_fields=["version"])
    return obj, stored is None


@transaction.atomic
def template_delete(*, template: Template, expected_version: int | None = None) -> None:
    """Delete a template no government has applied and no position was sized from."""
    template = locked(template, expected_version)
    errors = []
    governments = sorted(template.applications.values_list("government__code", flat=True))
    if governments:
        errors.append(
            ngettext(
                "The government %(governments)s has applied it.",
                "The governments %(governments)s have applied it.",
                len(governments),
            )
            % {"governments": ", ".join(governments)}
        )
    sized = RoleSlot.objects.filter(function__template=template, positions__isnull=False).count()
    if sized:
        errors.append(
            ngettext(
                "%(count)s position was sized from it.",
                "%(count)s positions were sized from it.",
                sized,
            )
            % {"count": sized}
        )
    if errors:
        raise ValidationError(errors)
    with tracked(TEMPLATE_TABLES):
        template.delete()


def _document(template: Template) -> list[Any]:
    """What a template holds, without ids: equal before and after a write that changed nothing."""
    rules = QuantityRule.objects.select_related("of_role").order_by("position")
    slots = (
        RoleSlot.objects.select_related("role")
        .prefetch_related(Prefetch("rules", queryset=rules))
        .order_by("position")
    )
    functions = template.functions.prefetch_related(Prefetch("slots", queryset=slots)).order_by(
        "position"
    )
    own = ["slug", "name", "name_fr", "name_ar", "description", "description_fr"]
    own += ["provenance_source", "provenance_anchor", "provenance_note"]
    return [
        [getattr(template, name) for name in own],
        [
            [
                f.slug, f.name, f.name_fr, f.name_ar, f.source_text, f.unmodelled, f.unmodelled_fr,
                [
                    [
                        s.role.slug, s.label, s.sourcing, s.note, s.note_fr,
                        [
                            [r.kind, r.count, r.per, r.of_role.slug if r.of_role else None,
                             r.minimum, r.maximum]
                            for r in s.rules.all()
                        ],
                    ]
                    for s in f.slots.all()
                ],
            ]
            for f in functions
        ],
    ]  # fmt: skip


def _write(template: TemplateFile) -> Template:
    roles = {r.slug: r for r in Role.objects.all()}
    obj, _created = Template.objects.update_or_create(
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
    fn, _created = Function.objects.update_or_create(
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
        slot, _created = RoleSlot.objects.update_or_create(
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
