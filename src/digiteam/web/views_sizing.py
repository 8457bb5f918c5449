"""The sizing page: plan a template's positions for a government or a unit, then apply it."""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods

from digiteam.accounts.guards import PageAccess, require_edit, require_view
from digiteam.accounts.permissions import User, can_edit_government, viewable_units
from digiteam.compositions.models import Template
from digiteam.organisation.models import Government, Unit
from digiteam.organisation.selectors_web import government_get
from digiteam.organisation.sizing import Action, Group, Plan, PlanLine, SizingError, Totals
from digiteam.organisation.sizing.services import sizing_apply, sizing_plan
from digiteam.web.views_org import NAV


@dataclass(frozen=True)
class Scope:
    government: Government
    template: Template | None
    under: Unit | None


def _scope(request: HttpRequest, gov: str) -> tuple[Scope, PageAccess]:
    """The government, template and unit asked for; the page needs a view of the scope."""
    try:
        government = government_get(code=gov)
    except Government.DoesNotExist:
        raise Http404 from None
    data = request.POST if request.method == "POST" else request.GET
    code = data.get("under", "").strip()
    under = Unit.objects.filter(government=government, code=code).first() if code else None
    if code and under is None:
        raise Http404
    access = require_view(request.user, under or government)
    slug = data.get("template", "").strip()
    template = Template.objects.filter(slug=slug).first() if slug else Template.objects.first()
    return Scope(government, template, under), access


@dataclass(frozen=True)
class Change:
    role: str
    sourcing: str
    count: int


@dataclass(frozen=True)
class UnitRow:
    """One unit of the plan, as the page shows it."""

    code: str
    name: str
    to_add: list[Change]
    to_retire: list[Change]
    unchanged: int
    conflicts: list[PlanLine]

    @property
    def added(self) -> int:
        return sum(c.count for c in self.to_add)

    @property
    def retired(self) -> int:
        return sum(c.count for c in self.to_retire)


@dataclass(frozen=True)
class FunctionRow:
    name: str
    totals: Totals
    conflicts: int


def _changes(lines: list[PlanLine]) -> list[Change]:
    counts = Counter((line.role_name, line.sourcing) for line in lines)
    return [Change(role, sourcing, n) for (role, sourcing), n in counts.items()]


def _unit_row(group: Group) -> UnitRow:
    return UnitRow(
        code=group.key,
        name=group.name,
        to_add=_changes(group.of(Action.ADD)),
        to_retire=_changes(group.of(Action.RETIRE)),
        unchanged=len(group.of(Action.KEEP)) + len(group.of(Action.ADOPT)),
        conflicts=group.of(Action.CONFLICT),
    )


def _may_apply(user: User, scope: Scope) -> bool:
    """Edit rights on the scope: its unit, or the government's root for the whole of it."""
    target = scope.under
    if target is None:
        target = Unit.objects.filter(government=scope.government, parent=None).first()
        if target is None:
            return can_edit_government(user=user, government=scope.government)
    try:
        require_edit(user, target)
    except PermissionDenied:
        return False
    return True


@require_http_methods(["GET", "HEAD", "POST"])
def government_sizing(request: HttpRequest, gov: str) -> HttpResponse:
    scope, _access = _scope(request, gov)
    may_apply = _may_apply(request.user, scope)
    if request.method == "POST":
        if not may_apply:
            raise PermissionDenied
        return _apply(request, scope)
    plan: Plan | None = None
    error = ""
    if scope.template is not None:
        try:
            plan = sizing_plan(
                government=scope.government, template=scope.template, under=scope.under
            )
        except SizingError as exc:
            error = str(exc)
    token = _keep(request, plan) if plan is not None and may_apply and plan.has_changes else ""
    units = Unit.objects.filter(
        viewable_units(user=request.user, government=scope.government)
    ).order_by("path")
    context = {
        "government": scope.government,
        "scope": scope,
        "templates": Template.objects.all(),
        "units": units,
        "plan": plan,
        "unit_rows": [_unit_row(g) for g in plan.by_unit()] if plan else [],
        "function_rows": [
            FunctionRow(g.name, g.totals, len(g.of(Action.CONFLICT))) for g in plan.by_function()
        ]
        if plan
        else [],
        "error": error,
        "may_apply": may_apply,
        "plan_token": token,
        "nav": NAV,
    }
    return render(request, "web/org/sizing.html", context)


def _apply(request: HttpRequest, scope: Scope) -> HttpResponse:
    if scope.template is None:
        raise Http404
    shown = _kept(request, scope)
    try:
        plan = sizing_apply(
            government=scope.government, template=scope.template, under=scope.under, plan=shown
        )
    except SizingError as exc:
        messages.error(request, str(exc))
    else:
        summary = _summary(plan)
        if shown is not None and plan.basis != shown.basis:
            summary = " ".join(
                [
                    gettext(
                        "The organisation changed after the plan was shown, so it was worked "
                        "out again and what it needs now was applied."
                    ),
                    summary,
                ]
            )
        messages.success(request, summary)
    query = {"template": scope.template.slug}
    if scope.under is not None:
        query["under"] = scope.under.code
    url = reverse("web:org-sizing", args=[scope.government.code])
    return redirect(f"{url}?{urlencode(query)}")


# The previewed plan stays on the server (the shared cache), found again by a token in the apply
# form and the user's id: a plan is never read back from the client. ``sizing_apply`` reuses it
# only while its basis still holds; a missing or expired one is simply planned again.
KEEP_SECONDS = 3600


def _plan_key(request: HttpRequest, token: str) -> str:
    return f"sizing-plan:{request.user.pk}:{token}"


def _keep(request: HttpRequest, plan: Plan) -> str:
    token = secrets.token_urlsafe(16)
    cache.set(_plan_key(request, token), plan, KEEP_SECONDS)
    return token


def _kept(request: HttpRequest, scope: Scope) -> Plan | None:
    """The plan this user was shown for this scope, if the form's token still finds it."""
    token = request.POST.get("plan", "").strip()
    if not token or len(token) > 64:
        return None
    key = _plan_key(request, token)
    plan = cache.get(key)
    cache.delete(key)
    if not isinstance(plan, Plan) or scope.template is None:
        return None
    under = scope.under.code if scope.under is not None else None
    same_scope = (
        plan.government == scope.government.code
        and plan.template == scope.template.slug
        and plan.under == under
    )
    return plan if same_scope else None


def _summary(plan: Plan) -> str:
    added, retired = len(plan.to_add), len(plan.to_retire)
    if not added and not retired:
        return gettext("Nothing to add or retire: the organisation already matches the plan.")
    parts = [
        ngettext("%(n)d position added", "%(n)d positions added", added) % {"n": added},
        ngettext("%(n)d position retired", "%(n)d positions retired", retired) % {"n": retired},
    ]
    conflicts = len(plan.conflicts)
    if conflicts:
        parts.append(
            ngettext("%(n)d conflict left as it is", "%(n)d conflicts left as they are", conflicts)
            % {"n": conflicts}
        )
    return gettext("Plan applied: %(changes)s.") % {"changes": ", ".join(parts)}
