"""Sizing: plan a template's positions over a government or a unit's subtree, then apply it.

``plan`` reads and changes nothing; ``apply`` adds and retires positions in one transaction, as
one change set of the audit trail (``organisation.sizing.services``). The plan carries a
``basis``: sent back to ``apply``, the plan is applied only if the organisation still reads the
same (409 otherwise, nothing done), so a program applies exactly what it previewed.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from digiteam.accounts.permissions import Access
from digiteam.api.common import ACTION, answers, government_for, require_editor
from digiteam.api.problems import Problem, unprocessable
from digiteam.compositions.models import Template
from digiteam.organisation.models import Government, Unit
from digiteam.organisation.sizing import Plan, SizingError
from digiteam.organisation.sizing.services import sizing_apply, sizing_plan

router = Router(tags=["sizing"])


class SizingIn(Schema):
    template: str = Field(description="The slug of a composition template.")
    unit: str | None = Field(None, description="A unit's code: size its subtree only.")


class ApplyIn(SizingIn):
    basis: str | None = Field(
        None,
        description="The plan's basis, from a plan you read: 409 if the organisation has "
        "changed since, and nothing is done. Left out: the plan is made afresh and applied.",
    )


class TotalsOut(Schema):
    add: int
    add_fte: str
    add_cost: str
    add_uncosted: int
    retire: int
    retire_fte: str
    retire_cost: str
    retire_uncosted: int
    net_fte: str
    net_cost: str


class LineOut(Schema):
    action: str = Field(description="add, retire, keep, adopt or conflict.")
    unit: str
    function: str
    role: str
    code: str = Field(description="The position's code (new or existing).")
    sourcing: str
    fte: str
    annual_cost: str | None
    status: str
    edited: bool
    reason: str


class PlanOut(Schema):
    government: str
    currency: str
    template: str
    scope: str = Field(description="The code of the scope's top unit.")
    unit: str | None = Field(description="The unit asked for (null: the whole government).")
    applied: bool = Field(description="True when the answer says what was done.")
    basis: str = Field(description="Send it back to apply this very plan.")
    totals: TotalsOut
    conflicts: int
    lines: list[LineOut]


def _scope(
    request: HttpRequest, gov: str, data: SizingIn
) -> tuple[Government, Access, Unit | None, Template]:
    """The government, the caller's access, the unit (in scope, else 404) and the template."""
    government, access = government_for(request, gov)
    under = None
    if data.unit:
        under = Unit.objects.filter(access.unit_filter(), code=data.unit).first()
        if under is None:
            raise Problem(404, _("No unit with this code is open to you."))
    elif not access.whole_government:
        raise Problem(403, _("Name a unit of your scope: you may not size the whole government."))
    template = Template.objects.filter(slug=data.template).first()
    if template is None:
        raise unprocessable([("template", _("No template with this slug."))])
    return government, access, under, template


def _out(plan: Plan) -> dict[str, Any]:
    return {
        "government": plan.government,
        "currency": plan.currency,
        "template": plan.template,
        "scope": plan.scope,
        "unit": plan.under,
        "applied": plan.applied,
        "basis": plan.basis,
        "totals": plan.totals.to_dict(),
        "conflicts": len(plan.conflicts),
        "lines": [line.to_dict() for line in plan.lines],
    }


def _planned(government: Government, template: Template, under: Unit | None) -> Plan:
    try:
        return sizing_plan(government=government, template=template, under=under)
    except SizingError as error:
        raise Problem(409, str(error)) from None


@router.post(
    "/{gov}/sizing/plan",
    response=answers({200: PlanOut}, ACTION),
    summary="Plan sizing",
    url_name="sizing-plan",
)
def plan(request: HttpRequest, gov: str, payload: SizingIn) -> dict[str, Any]:
    """What applying the template would add, retire, keep and leave in conflict; nothing is
    changed. 409 if the template cannot be sized over this organisation (the detail says why)."""
    government, _access, under, template = _scope(request, gov, payload)
    return _out(_planned(government, template, under))


@router.post(
    "/{gov}/sizing/apply",
    response=answers({200: PlanOut}, ACTION),
    summary="Apply sizing",
    url_name="sizing-apply",
)
def apply(request: HttpRequest, gov: str, payload: ApplyIn) -> dict[str, Any]:
    """Add and retire the plan's positions in one change set; conflicts are left as they are.
    Needs edit rights on the scope (the whole government without ``unit``)."""
    government, access, under, template = _scope(request, gov, payload)
    require_editor(access)
    previewed = _planned(government, template, under)
    if payload.basis and payload.basis != previewed.basis:
        raise Problem(409, _("The organisation has changed since this plan: plan again."))
    try:
        done = sizing_apply(government=government, template=template, under=under, plan=previewed)
    except SizingError as error:
        raise Problem(409, str(error)) from None
    return _out(done)
