"""Reference data: the composition templates, read by any caller, changed by administrators.

A template is sent whole, as the shipped template files write it (``compositions.schema``): a
PUT creates or replaces it all or nothing, checked against the stored roles (422 located, such
as ``functions.2.slots.0.role``). A template a government has applied, or that positions were
sized from, cannot be deleted (409).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from digiteam.api.common import (
    READ,
    WRITE,
    IfMatch,
    answers,
    created,
    expected_version,
    patched,
    require_administrator,
    with_etag,
)
from digiteam.api.problems import Problem, field_errors
from digiteam.api.reference import (
    SAME_SLUG,
    ProvenanceOut,
    provenance_out,
    put_version,
    same_slug,
)
from digiteam.compositions.models import Function, QuantityRule, RoleSlot, Template
from digiteam.compositions.schema import TemplateFile
from digiteam.compositions.services import template_delete, template_put
from digiteam.core.schema import Slug

router = Router(tags=["reference data"])


# --- schemas ---------------------------------------------------------------------------------


class RuleOut(Schema):
    kind: str
    count: Decimal
    per: Decimal | None
    of_role: str | None
    minimum: int | None = Field(description="``min`` in a template file.")
    maximum: int | None = Field(description="``max`` in a template file.")


class SlotOut(Schema):
    role: str
    label: str
    sourcing: list[str]
    note: str
    note_fr: str
    rules: list[RuleOut]


class FunctionOut(Schema):
    slug: str
    name: str
    name_fr: str
    name_ar: str
    source_text: str
    unmodelled: str
    unmodelled_fr: str
    slots: list[SlotOut]


class TemplateSummaryOut(Schema):
    slug: str
    name: str
    name_fr: str
    name_ar: str
    description: str
    version: int


class TemplateOut(TemplateSummaryOut):
    description_fr: str
    provenance: ProvenanceOut
    functions: list[FunctionOut]


class TemplateBody(TemplateFile):
    """A whole template as the shipped template files write it; ``slug`` is the path's."""

    slug: Slug | None = Field(None, description=SAME_SLUG)  # type: ignore[assignment]


# --- reading ---------------------------------------------------------------------------------


def _template(template: Template) -> dict[str, Any]:
    return {
        "slug": template.slug,
        "name": template.name,
        "name_fr": template.name_fr,
        "name_ar": template.name_ar,
        "description": template.description,
        "description_fr": template.description_fr,
        "provenance": provenance_out(template),
        "version": template.version,
        "functions": [
            {
                "slug": f.slug,
                "name": f.name,
                "name_fr": f.name_fr,
                "name_ar": f.name_ar,
                "source_text": f.source_text,
                "unmodelled": f.unmodelled,
                "unmodelled_fr": f.unmodelled_fr,
                "slots": [
                    {
                        "role": s.role.slug,
                        "label": s.label,
                        "sourcing": list(s.sourcing or []),
                        "note": s.note,
                        "note_fr": s.note_fr,
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


def _template_for(slug: str) -> Template:
    """The template with its functions, their slots and each slot's rules; 404 if none."""
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
    return template


def _saved(response: HttpResponse, slug: str) -> dict[str, Any]:
    template = _template_for(slug)
    with_etag(response, template)
    return _template(template)


# --- operations ------------------------------------------------------------------------------

ONE = "/templates/{slug}"


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
    ONE, response=answers({200: TemplateOut}, READ), summary="Get a template", url_name="template"
)
def template_get(request: HttpRequest, slug: str, response: HttpResponse) -> dict[str, Any]:
    """A template with its functions, their role slots and each slot's quantity rules; its
    ETag is its version."""
    return _saved(response, slug)


@router.put(
    ONE,
    response=answers({200: TemplateOut, 201: TemplateOut}, WRITE),
    summary="Create or replace a template",
    url_name="template-replace",
)
def template_replace(
    request: HttpRequest,
    slug: str,
    payload: TemplateBody,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> Any:
    """Create the template (201, no ``If-Match``) or replace it whole (200, ``If-Match``
    required), administrators only: all or nothing, every problem located."""
    require_administrator(request)
    data = patched(TemplateFile, {"slug": same_slug(payload.slug, slug)}, payload)
    exists = Template.objects.filter(slug=slug).exists()
    version = put_version(exists=exists, if_match=if_match)
    _template_obj, made = template_put(template=data, expected_version=version)
    body = _saved(response, slug)
    return created(request, response, None, body) if made else body


@router.delete(
    ONE,
    response=answers({204: None}, WRITE),
    summary="Delete a template",
    url_name="template-delete",
)
def template_remove(request: HttpRequest, slug: str, if_match: IfMatch = None) -> HttpResponse:
    """Delete a template no government has applied and no position was sized from (409
    otherwise), administrators only."""
    version = expected_version(if_match)
    require_administrator(request)
    template = _template_for(slug)
    try:
        template_delete(template=template, expected_version=version)
    except ValidationError as error:
        detail = _("The template cannot be deleted yet: it is in use.")
        raise Problem(409, detail, errors=field_errors(error)) from None
    return HttpResponse(status=204)
