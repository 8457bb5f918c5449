"""Writes to the taxonomy.

``taxonomy_save`` and ``scales_save`` write the shipped files, which their caller has checked
(``digiteam.reference``); a version is raised only where something changed, so a reload of the
same files changes nothing. ``role_*`` and ``category_*`` are the checked, versioned and audited
writes of one object (the API): their errors are ``ValidationError`` keyed by each field as the
request names it ("categories.1", "provenance.note"), or about the whole object for a refusal of
its state (still in use).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digiteam.audit.record import record_create, record_delete, record_update, snapshot
from digiteam.compositions.models import QuantityRule, RoleSlot
from digiteam.core.located import closest
from digiteam.core.schema import ProvenanceIn
from digiteam.core.versioning import bump, locked
from digiteam.taxonomy.models import (
    ProficiencyLevel,
    ProficiencyScale,
    Role,
    RoleCategory,
    Skill,
)
from digiteam.taxonomy.schema import CategoryIn, RoleIn, ScalesFile, TaxonomyFile


def _provenance(p: ProvenanceIn) -> dict[str, str]:
    return {
        "provenance_source": p.source,
        "provenance_anchor": p.anchor,
        "provenance_note": p.note,
    }


def _category_values(c: CategoryIn) -> dict[str, Any]:
    return {
        "name": c.name,
        "name_fr": c.name_fr,
        "name_ar": c.name_ar,
        "description": c.description,
        "description_fr": c.description_fr,
        **_provenance(c.provenance),
    }


def _role_values(r: RoleIn) -> dict[str, Any]:
    return {
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
    }


def _set(instance: models.Model, values: dict[str, Any]) -> bool:
    """Give ``instance`` these values; whether any differed."""
    changed = any(getattr(instance, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(instance, name, value)
    return changed


# --- the shipped files -----------------------------------------------------------------------


@transaction.atomic
def taxonomy_save(*, taxonomy: TaxonomyFile) -> dict[str, int]:
    """Create or update every category and role by slug; the file is the truth for them."""
    categories: dict[str, RoleCategory] = {}
    for position, c in enumerate(taxonomy.categories):
        values = {**_category_values(c), "position": position}
        category = RoleCategory.objects.filter(slug=c.slug).first()
        if category is None:
            category = RoleCategory.objects.create(slug=c.slug, **values)
        elif _set(category, values):
            category.version += 1
            category.save()
        categories[c.slug] = category
    stored = {r.slug: r for r in Role.objects.prefetch_related("categories")}
    for r in taxonomy.roles:
        wanted = [categories[s] for s in r.categories]
        role = stored.get(r.slug)
        if role is None:
            role = Role.objects.create(slug=r.slug, **_role_values(r))
            role.categories.set(wanted)
            continue
        moved = {c.pk for c in role.categories.all()} != {c.pk for c in wanted}
        if _set(role, _role_values(r)) or moved:
            role.version += 1
            role.save()
            role.categories.set(wanted)
    return {"categories": len(taxonomy.categories), "roles": len(taxonomy.roles)}


@transaction.atomic
def scales_save(*, scales: ScalesFile) -> dict[str, int]:
    for s in scales.scales:
        scale, _created = ProficiencyScale.objects.update_or_create(
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


# --- one object at a time (the API) ----------------------------------------------------------

# The request's name of a column whose name differs ("is_group" is "group").
_NAMES = {
    "is_group": "group",
    "provenance_source": "provenance.source",
    "provenance_anchor": "provenance.anchor",
    "provenance_note": "provenance.note",
}


def _validate(instance: models.Model, errors: dict[str, list[str]]) -> None:
    """``full_clean`` (lengths, constraints) keyed as the request names each field; raise all.

    A field the service has explained already gets no second message.
    """
    try:
        instance.full_clean(validate_unique=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            name = _NAMES.get(field, field)
            if name not in errors:
                errors[name] = list(messages)
    if errors:
        raise ValidationError(errors)


def _same_slug(stored: str, sent: str, errors: dict[str, list[str]]) -> None:
    if sent != stored:
        errors["slug"] = [_("A slug cannot change: files and templates name the object by it.")]


def _categories(slugs: list[str], errors: dict[str, list[str]]) -> list[RoleCategory]:
    """The categories ``slugs`` name; an error at the index of each that names none."""
    found = {c.slug: c for c in RoleCategory.objects.filter(slug__in=slugs)}
    known = list(RoleCategory.objects.values_list("slug", flat=True))
    for index, slug in enumerate(slugs):
        if slug in found:
            continue
        close = closest(slug, known)
        message = (
            _("No role category “%(slug)s”: did you mean “%(close)s”?")
            % {"slug": slug, "close": close}
            if close
            else _("No role category “%(slug)s”.") % {"slug": slug}
        )
        errors[f"categories.{index}"] = [message]
    return [found[slug] for slug in dict.fromkeys(slugs) if slug in found]


def _template_slugs(rows: models.QuerySet[Any], function: str) -> list[str]:
    return sorted(set(rows.values_list(f"{function}__template__slug", flat=True)))


def role_uses(*, role: Role) -> list[str]:
    """What still needs ``role``, in words: positions, template slots, ratios; [] if nothing."""
    reasons = []
    governments = (
        role.positions.values("government__code")
        .annotate(count=Count("pk"))
        .order_by("government__code")
    )
    for row in governments:
        reasons.append(
            ngettext(
                "%(count)s position of %(government)s has this role.",
                "%(count)s positions of %(government)s have this role.",
                row["count"],
            )
            % {"count": row["count"], "government": row["government__code"]}
        )
    staffed = _template_slugs(RoleSlot.objects.filter(role=role), "function")
    if staffed:
        reasons.append(
            ngettext(
                "The template %(templates)s staffs it.",
                "The templates %(templates)s staff it.",
                len(staffed),
            )
            % {"templates": ", ".join(staffed)}
        )
    counted = _template_slugs(QuantityRule.objects.filter(of_role=role), "slot__function")
    if counted:
        reasons.append(
            ngettext(
                "A ratio of the template %(templates)s counts it.",
                "Ratios of the templates %(templates)s count it.",
                len(counted),
            )
            % {"templates": ", ".join(counted)}
        )
    return reasons


@transaction.atomic
def role_create(*, data: RoleIn) -> Role:
    """A new role; its categories must exist."""
    errors: dict[str, list[str]] = {}
    if Role.objects.filter(slug=data.slug).exists():
        errors["slug"] = [_("A role with this slug exists already.")]
    categories = _categories(list(data.categories), errors)
    role = Role(slug=data.slug, **_role_values(data))
    _validate(role, errors)
    role.save()
    role.categories.set(categories)
    record_create(role)
    return role


@transaction.atomic
def role_update(*, role: Role, data: RoleIn, expected_version: int | None = None) -> Role:
    """Replace every field of ``role`` but its slug; refuse a stale ``expected_version``.

    A role that positions or templates use cannot become a group of roles.
    """
    before = snapshot(Role.objects.get(pk=role.pk))
    bump(role, expected_version)
    errors: dict[str, list[str]] = {}
    _same_slug(role.slug, data.slug, errors)
    categories = _categories(list(data.categories), errors)
    if data.group and not role.is_group and role_uses(role=role):
        errors["group"] = [_("Positions or templates use this role: it cannot become a group.")]
    _set(role, _role_values(data))
    _validate(role, errors)
    role.save()
    role.categories.set(categories)
    record_update(role, before)
    return role


@transaction.atomic
def role_delete(*, role: Role, expected_version: int | None = None) -> None:
    """Delete a role nothing uses (a ``ValidationError`` saying what does, otherwise)."""
    role = locked(role, expected_version)
    reasons = role_uses(role=role)
    if reasons:
        raise ValidationError(reasons)
    record_delete(role)
    role.delete()


@transaction.atomic
def category_create(*, data: CategoryIn) -> RoleCategory:
    """A new category of roles, after the others."""
    errors: dict[str, list[str]] = {}
    if RoleCategory.objects.filter(slug=data.slug).exists():
        errors["slug"] = [_("A role category with this slug exists already.")]
    last = RoleCategory.objects.aggregate(last=Max("position"))["last"]
    category = RoleCategory(
        slug=data.slug, position=0 if last is None else last + 1, **_category_values(data)
    )
    _validate(category, errors)
    category.save()
    record_create(category)
    return category


@transaction.atomic
def category_update(
    *, category: RoleCategory, data: CategoryIn, expected_version: int | None = None
) -> RoleCategory:
    """Replace every field of ``category`` but its slug and place in the order."""
    before = snapshot(RoleCategory.objects.get(pk=category.pk))
    bump(category, expected_version)
    errors: dict[str, list[str]] = {}
    _same_slug(category.slug, data.slug, errors)
    _set(category, _category_values(data))
    _validate(category, errors)
    category.save()
    record_update(category, before)
    return category


@transaction.atomic
def category_delete(*, category: RoleCategory, expected_version: int | None = None) -> None:
    """Delete a category no role is in."""
    category = locked(category, expected_version)
    count = category.roles.count()
    if count:
        raise ValidationError(
            ngettext(
                "%(count)s role is in this category: give it another category first.",
                "%(count)s roles are in this category: give them another category first.",
                count,
            )
            % {"count": count}
        )
    record_delete(category)
    category.delete()
