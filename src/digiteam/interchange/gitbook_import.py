"""Load a GitBook taxonomy (and the composition that links to it) into the database.

All-or-nothing: every problem is collected first, with its file and line, and nothing is
written unless there is none. Shipped (curated) roles and templates are matched, never
overwritten; roles and templates that an earlier import created are updated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils.text import slugify

from digiteam.audit.choices import Via
from digiteam.audit.context import change_set
from digiteam.audit.tracked import tracked
from digiteam.compositions.models import Template
from digiteam.compositions.schema import FunctionIn, RuleIn, SlotIn, TemplateFile
from digiteam.compositions.services import template_save
from digiteam.core.located import FileInvalid, Problem
from digiteam.core.schema import ProvenanceIn
from digiteam.gitbook import CompositionDocument, FunctionRow, RoleEntry, TaxonomyDocument, check
from digiteam.interchange.staffing_prose import names_role, read_staffing, read_structured
from digiteam.reference import REFERENCE_TABLES
from digiteam.taxonomy.models import Role, RoleCategory

IMPORTED = "imported"


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)
    resolved: list[str] = field(default_factory=list)  # links the database resolved
    template: str | None = None


def _key(text: str) -> str:
    return " ".join(text.lower().replace("&", "and").split()).rstrip("s")


class _Roles:
    """Finds the role for a heading: by the anchor a curated role records, title, alias or slug."""

    def __init__(self) -> None:
        self.all = list(Role.objects.all())
        self.by_slug = {r.slug: r for r in self.all}
        self.by_title: dict[str, Role] = {}
        for r in self.all:
            for name in [*r.aliases, r.title]:
                self.by_title[_key(name)] = r
        self.by_anchor = {
            r.provenance_anchor: r
            for r in self.all
            if r.provenance_source == "govstack-taxonomy" and r.provenance_anchor
        }

    def find(self, entry: RoleEntry) -> Role | None:
        return (
            self.by_anchor.get(entry.anchor)
            or self.by_title.get(_key(entry.title))
            or self.by_slug.get(slugify(entry.title))
        )

    def for_link(self, anchor: str, text: str) -> Role | None:
        """A role of the database that a link names by its anchor (as slug) or its text."""
        return self.by_slug.get(anchor) or self.by_title.get(_key(text))

    def new_slug(self, title: str) -> str:
        base = slugify(title)[:90] or "role"
        slug, n = base, 1
        while slug in self.by_slug:
            n += 1
            slug = f"{base}-{n}"
        return slug


@transaction.atomic
def gitbook_import(
    *,
    taxonomy: TaxonomyDocument,
    composition: CompositionDocument | None = None,
    bind: dict[str, str] | None = None,
    create_missing: bool = False,
    template_slug: str | None = None,
) -> ImportResult:
    bind = bind or {}
    roles = _Roles()
    problems = _bind_problems(bind, roles) + _link_problems(
        taxonomy, composition, bind, create_missing, roles
    )
    slug = template_slug or (slugify(composition.title) if composition else "")
    if composition is not None:
        existing = Template.objects.filter(slug=slug).first()
        if existing and existing.provenance_source != IMPORTED:
            problems.append(
                Problem(
                    composition.path,
                    1,
                    "",
                    f"template '{slug}' is shipped reference data "
                    "and is never overwritten; choose another --template-slug",
                )
            )
    if problems:
        raise FileInvalid(problems)
    result = ImportResult()
    names = ", ".join(d.path.rsplit("/", 1)[-1] for d in (taxonomy, composition) if d is not None)
    with change_set(summary=f"Imported {names}", via=Via.IMPORT), tracked(REFERENCE_TABLES):
        by_anchor = _save_taxonomy(taxonomy, roles, result)
        if composition is not None:
            for anchor, role_slug in bind.items():
                by_anchor[anchor] = roles.by_slug[role_slug]
            template_save(template=_template(composition, slug, by_anchor, roles, result))
            result.template = slug
    return result


def _bind_problems(bind: dict[str, str], roles: _Roles) -> list[Problem]:
    return [
        Problem("--bind", None, anchor, f"unknown role '{slug}'")
        for anchor, slug in bind.items()
        if slug not in roles.by_slug
    ]


def _link_problems(
    taxonomy: TaxonomyDocument,
    composition: CompositionDocument | None,
    bind: dict[str, str],
    create_missing: bool,
    roles: _Roles,
) -> list[Problem]:
    """Links that reach no heading nor a role of the database, with the nearest candidate."""
    if composition is None or create_missing:
        return []
    anchors = {role.anchor for role in taxonomy.roles}
    explained = {
        (f.line, f.subject): f.message
        for f in check(taxonomy, composition)
        if f.code == "unresolved-link"
    }
    return [
        Problem(
            composition.path,
            link.line,
            "",
            explained.get((link.line, link.text), f"'{link.text}' reaches no role")
            + f"; bind it with --bind {link.anchor}=ROLE-SLUG or use --create-missing",
        )
        for row in composition.functions
        for link in row.links
        if link.anchor not in anchors
        and link.anchor not in bind
        and roles.for_link(link.anchor, link.text) is None
    ]


def _save_taxonomy(
    taxonomy: TaxonomyDocument, roles: _Roles, result: ImportResult
) -> dict[str, Role]:
    """Save categories and roles; return the role each heading anchor now stands for."""
    by_anchor: dict[str, Role] = {}
    for position, category in enumerate(taxonomy.categories):
        cat, _ = RoleCategory.objects.get_or_create(
            slug=slugify(category.name)[:100] or f"category-{position}",
            defaults={
                "name": category.name,
                "position": 100 + position,
                "provenance_source": IMPORTED,
            },
        )
        for entry in category.roles:
            by_anchor[entry.anchor] = _save_role(entry, cat, roles, result, taxonomy.path)
    return by_anchor


def _save_role(
    entry: RoleEntry, category: RoleCategory, roles: _Roles, result: ImportResult, path: str
) -> Role:
    role = roles.find(entry)
    if role is not None and role.provenance_source != IMPORTED:
        result.matched.append(role.slug)
        return role
    fields = {
        "title": entry.title,
        "description": entry.description or entry.title,
        "provenance_source": IMPORTED,
        "provenance_anchor": entry.anchor,
        "provenance_note": f"Imported from {path.rsplit('/', 1)[-1]}, line {entry.line}.",
    }
    if role is None:
        role = Role.objects.create(slug=roles.new_slug(entry.title), **fields)
        roles.by_slug[role.slug] = role
        roles.by_title[_key(role.title)] = role
        result.created.append(role.slug)
    elif role.slug not in result.created:
        if any(getattr(role, name) != value for name, value in fields.items()):
            Role.objects.filter(pk=role.pk).update(**fields, version=F("version") + 1)
        result.updated.append(role.slug)
    role.categories.add(category)
    return role


def _missing_role(link_text: str, anchor: str, path: str, line: int, roles: _Roles) -> Role:
    role = Role.objects.create(
        slug=roles.new_slug(anchor or link_text),
        title=link_text,
        description=f"Named by the composition ({path.rsplit('/', 1)[-1]}, line {line}) "
        "but not defined in its taxonomy.",
        provenance_source=IMPORTED,
        provenance_anchor=anchor,
        provenance_note="Created by an import with --create-missing.",
    )
    roles.by_slug[role.slug] = role
    return role


def _template(
    doc: CompositionDocument,
    slug: str,
    by_anchor: dict[str, Role],
    roles: _Roles,
    result: ImportResult,
) -> TemplateFile:
    functions, used = [], set()
    for row in doc.functions:
        fslug = slugify(row.name)[:90] or "function"
        while fslug in used:
            fslug += "-2"
        used.add(fslug)
        functions.append(_function(row, fslug, by_anchor, roles, doc.path, result))
    return TemplateFile(
        slug=slug,
        name=doc.title or slug,
        name_fr=doc.title or slug,
        description=doc.front_matter.get("description", "") or doc.intro,
        provenance=ProvenanceIn(source=IMPORTED, note=f"Imported from {doc.path}."),
        functions=functions,
    )


def _function(
    row: FunctionRow,
    slug: str,
    by_anchor: dict[str, Role],
    roles: _Roles,
    path: str,
    result: ImportResult,
) -> FunctionIn:
    staffing = read_staffing(row.composition)
    sourcing = staffing.sourcing or ["internal"]
    exact = read_structured(row.composition, {r.title: r.slug for r in roles.all})
    slots: list[SlotIn] = []
    seen: set[str] = set()
    for link in row.links:
        role = by_anchor.get(link.anchor) or roles.for_link(link.anchor, link.text)
        if role is not None and link.anchor not in by_anchor:
            result.resolved.append(f"#{link.anchor} -> {role.slug}")
        if role is None:
            role = _missing_role(link.text, link.anchor, path, link.line, roles)
            result.created.append(role.slug)
        by_anchor.setdefault(link.anchor, role)
        if role.slug in seen:
            continue
        seen.add(role.slug)
        if exact is not None and role.title in exact:
            slots.append(
                SlotIn.model_validate({"role": role.slug, "label": link.text, **exact[role.title]})
            )
            continue
        rules = [
            RuleIn.model_validate({"kind": kind, "count": count})
            for kind, count, word in staffing.rules
            if names_role(word, link.text, role.title) or (not word and len(row.links) == 1)
        ] or [RuleIn(kind="optional")]
        slots.append(
            SlotIn.model_validate(
                {"role": role.slug, "label": link.text, "sourcing": sourcing, "rules": rules}
            )
        )
    unread = [f"Not linked to a role in the source: {text}." for text in row.plain_roles]
    return FunctionIn(
        slug=slug,
        name=row.name,
        name_fr=row.name,
        source_text=row.composition or None,
        unmodelled=" ".join(
            [*unread, "Counts the source does not state are imported as optional."]
        ),
        slots=slots,
    )
