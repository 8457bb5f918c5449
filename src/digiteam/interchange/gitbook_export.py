"""Write the taxonomy and a template from the database as GitBook documents."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import translation

from digiteam.compositions.models import Template
from digiteam.compositions.selectors import template_list_full
from digiteam.core.choices import Sourcing
from digiteam.gitbook import (
    Category,
    CompositionDocument,
    FunctionRow,
    RoleEntry,
    TaxonomyDocument,
    role_link,
    with_anchors,
)
from digiteam.taxonomy.models import Role, RoleCategory

TAXONOMY_TITLE = "Digital government role taxonomy"
OTHER_ROLES = "Other roles"
COLUMNS = ("Function", "Roles", "Composition")


def taxonomy_document(
    *, path: str = "taxonomy.md"
) -> tuple[TaxonomyDocument, dict[str, RoleEntry]]:
    """Every role once, under its first category; and the entry written for each role slug."""
    categories = RoleCategory.objects.prefetch_related(
        Prefetch("roles", queryset=Role.objects.order_by("title", "slug"))
    )
    placed: dict[str, Role] = {}
    groups: list[tuple[RoleCategory, list[Role]]] = []
    for category in categories:
        members = [r for r in category.roles.all() if r.slug not in placed]
        placed.update({r.slug: r for r in members})
        if members:
            groups.append((category, members))
    loose = [r for r in Role.objects.filter(categories=None).order_by("title", "slug")]
    if loose:
        placed.update({r.slug: r for r in loose})
        groups.append((RoleCategory(name=OTHER_ROLES), loose))
    doc = with_anchors(
        TaxonomyDocument(
            path=path,
            title=TAXONOMY_TITLE,
            front_matter={},
            categories=tuple(
                Category(name=c.name, line=0, roles=tuple(_entry(r) for r in members))
                for c, members in groups
            ),
        )
    )
    entries = dict(zip(placed, doc.roles, strict=True))
    return doc, entries


def _entry(role: Role) -> RoleEntry:
    return RoleEntry(
        title=role.title, raw_heading=role.title, anchor="", description=role.description, line=0
    )


def composition_document(
    *, template: Template, entries: dict[str, RoleEntry], taxonomy_filename: str
) -> CompositionDocument:
    template = template_list_full().get(pk=template.pk)
    rows = []
    with translation.override("en"):
        for function in template.functions.all():
            slots = list(function.slots.all())
            links = tuple(
                role_link(entries[s.role.slug], target_file=taxonomy_filename) for s in slots
            )
            rows.append(
                FunctionRow(
                    name=function.name,
                    line=0,
                    links=links,
                    plain_roles=(),
                    composition=_staffing(slots),
                )
            )
    return CompositionDocument(
        path=f"{template.slug}.md",
        title=template.name,
        front_matter={"description": template.description} if template.description else {},
        intro="",
        columns=COLUMNS,
        functions=tuple(rows),
    )


def _staffing(slots: list) -> str:  # type: ignore[type-arg]
    """One sentence per role, in the form the importer reads back exactly."""
    labels = dict(Sourcing.choices)
    parts = []
    for slot in slots:
        rules = " + ".join(rule.describe() for rule in slot.rules.all())
        sourcing = "/".join(str(labels.get(s, s)) for s in slot.sourcing)
        parts.append(f"{slot.role.title}: {rules}; {sourcing}.")
    return " ".join(parts)
