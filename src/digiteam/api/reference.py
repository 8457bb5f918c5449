"""Reference data: the roles of the taxonomy, their categories, the proficiency scales and the
composition templates (functions, role slots and quantity rules). Read only.

Any signed-in caller or token may read them. They are changed through the reference files, with
``digiteam load-reference`` or a GitBook import (docs/reference-data.md), never through the API:
they are shared by every government, and a file keeps their provenance.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from digiteam.api.common import READ, PageQuery, answers, page_of
from digiteam.api.problems import Problem
from digiteam.compositions.models import Function, QuantityRule, RoleSlot, Template
from digiteam.taxonomy.models import ProficiencyScale, Role, RoleCategory

router = Router(tags=["reference data"])


# --- schemas ---------------------------------------------------------------------------------


class CategoryOut(Schema):
    slug: str
    name: str
    name_fr: str
    name_ar: str
    description: str


class RoleOut(Schema):
    slug: str
    title: str
    title_fr: str
    title_ar: str
    description: str
    aliases: list[str]
    isco08: str
    esco_occupation: str
    is_group: bool = Field(description="Names a population, never a position.")
    categories: list[str] = Field(description="The slugs of its categories.")


class RolePage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[RoleOut]


class RoleQuery(PageQuery):
    category: str = Field("", description="A category's slug.")


class LevelOut(Schema):
    rank: int
    slug: str
    name: str
    description: str


class ScaleOut(Schema):
    slug: str
    name: str
    description: str
    levels: list[LevelOut]


class RuleOut(Schema):
    kind: str
    count: Decimal
    per: Decimal | None
    of_role: str | None
    minimum: int | None
    maximum: int | None


class SlotOut(Schema):
    role: str
    sourcing: list[str]
    note: str
    rules: list[RuleOut]


class FunctionOut(Schema):
    slug: str
    name: str
    name_fr: str
    name_ar: str
    slots: list[SlotOut]


class TemplateSummaryOut(Schema):
    slug: str
    name: str
    name_fr: str
    name_ar: str
    description: str


class TemplateOut(TemplateSummaryOut):
    functions: list[FunctionOut]


# --- reading ---------------------------------------------------------------------------------


def _role(role: Role) -> dict[str, Any]:
    return {
        "slug": role.slug,
        "title": role.title,
        "title_fr": role.title_fr,
        "title_ar": role.title_ar,
        "description": role.description,
        "aliases": list(role.aliases or []),
        "isco08": role.isco08,
        "esco_occupation": role.esco_occupation,
        "is_group": role.is_group,
        "categories": [c.slug for c in role.categories.all()],
    }


def _template(template: Template) -> dict[str, Any]:
    return {
        "slug": template.slug,
        "name": template.name,
        "name_fr": template.name_fr,
        "name_ar": template.name_ar,
        "description": template.description,
        "functions": [
            {
                "slug": f.slug,
                "name": f.name,
                "name_fr": f.name_fr,
                "name_ar": f.name_ar,
                "slots": [
                    {
                        "role": s.role.slug,
                        "sourcing": list(s.sourcing or []),
                        "note": s.note,
                        "rules": [
                            {
                                "kind": r.kind,
                                "count": r.count,
                                "per": r.per,
                                "of_role": r.of_role.slug if r.of_role else None,
                                "minimum": r.minimum,
                                "maximum": r.maximum,
                            }
                            for r in s.rules.all()
                        ],
                    }
                    for s in f.slots.all()
                ],
            }
            for f in template.functions.all()
        ],
    }


# --- operations ------------------------------------------------------------------------------


@router.get(
    "/roles", response=answers({200: RolePage}, READ), summary="List roles", url_name="roles"
)
def role_list(request: HttpRequest, query: Query[RoleQuery]) -> dict[str, Any]:
    """The roles of the taxonomy, by slug; ``category`` keeps one category's."""
    roles = Role.objects.prefetch_related("categories").order_by("slug")
    if query.category:
        roles = roles.filter(categories__slug=query.category)
    page = page_of(request, roles, query)
    page["results"] = [_role(r) for r in page["results"]]
    return page


@router.get(
    "/roles/{slug}", response=answers({200: RoleOut}, READ), summary="Get a role", url_name="role"
)
def role_get(request: HttpRequest, slug: str) -> dict[str, Any]:
    role = Role.objects.prefetch_related("categories").filter(slug=slug).first()
    if role is None:
        raise Problem(404, _("No role with this slug."))
    return _role(role)


@router.get(
    "/role-categories",
    response=answers({200: list[CategoryOut]}, READ),
    summary="List role categories",
    url_name="role-categories",
)
def category_list(request: HttpRequest) -> Any:
    """Every category of roles, in the taxonomy's order."""
    return RoleCategory.objects.order_by("position", "slug")


@router.get(
    "/scales",
    response=answers({200: list[ScaleOut]}, READ),
    summary="List proficiency scales",
    url_name="scales",
)
def scale_list(request: HttpRequest) -> Any:
    """The proficiency scales and their levels, lowest first."""
    return [
        {
            "slug": s.slug,
            "name": s.name,
            "description": s.description,
            "levels": [
                {"rank": lv.rank, "slug": lv.slug, "name": lv.name, "description": lv.description}
                for lv in sorted(s.levels.all(), key=lambda lv: lv.rank)
            ],
        }
        for s in ProficiencyScale.objects.prefetch_related("levels").order_by("slug")
    ]


@router.get(
    "/templates",
    response=answers({200: list[TemplateSummaryOut]}, READ),
    summary="List templates",
    url_name="templates",
)
def template_list(request: HttpRequest) -> Any:
    """The composition templates, by slug; get one for its functions, slots and rules."""
    return Template.objects.order_by("slug")


@router.get(
    "/templates/{slug}",
    response=answers({200: TemplateOut}, READ),
    summary="Get a template",
    url_name="template",
)
def template_get(request: HttpRequest, slug: str) -> dict[str, Any]:
    """A template with its functions, their role slots and each slot's quantity rules."""
    rules = QuantityRule.objects.select_related("of_role")
    slots = RoleSlot.objects.select_related("role").prefetch_related(
        Prefetch("rules", queryset=rules)
    )
    functions = Function.objects.prefetch_related(Prefetch("slots", queryset=slots))
    template = (
        Template.objects.prefetch_related(Prefetch("functions", queryset=functions))
        .filter(slug=slug)
        .first()
    )
    if template is None:
        raise Problem(404, _("No template with this slug."))
    return _template(template)
