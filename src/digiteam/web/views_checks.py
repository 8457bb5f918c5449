"""The checks pages: a government's findings and scores, and the rules reference."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from digiteam.accounts.guards import require_view
from digiteam.checks.selectors import checks_page, rules_by_principle
from digiteam.core.located import FileInvalid
from digiteam.organisation.models import Government
from digiteam.organisation.selectors_web import government_get
from digiteam.web.views_org import NAV, HtmxHttpRequest


@require_safe
def government_checks(request: HtmxHttpRequest, gov: str) -> HttpResponse:
    try:
        government = government_get(code=gov)
    except Government.DoesNotExist:
        raise Http404 from None
    require_view(request.user, government)  # findings span the whole government
    try:
        page = checks_page(
            government=government,
            unit=request.GET.get("unit", "").strip(),
            severity=request.GET.get("severity", "").strip(),
        )
    except FileInvalid as exc:  # the government's check settings are invalid
        context = {"government": government, "problems": exc.problems, "nav": NAV}
        return render(request, "web/org/checks.html", context)
    context = {"government": government, "page": page, "nav": NAV}
    template = "web/org/_checks_response.html" if request.htmx else "web/org/checks.html"
    return render(request, template, context)


@login_not_required  # reference data, like the taxonomy
@require_safe
def check_rules(request: HttpRequest) -> HttpResponse:
    return render(request, "web/check_rules.html", {"principles": rules_by_principle()})
