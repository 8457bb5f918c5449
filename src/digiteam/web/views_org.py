"""Organisation pages: parse the request, call a selector, render."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django_htmx.middleware import HtmxDetails

from digiteam.accounts.guards import government_access, require_view
from digiteam.organisation.models import Government, Position, Unit
from digiteam.organisation.selectors_web import (
    government_get,
    government_list,
    position_get,
    position_page,
    unit_children,
    unit_get,
    unit_page,
    unit_search,
    unit_tree,
)

NAV = "org"


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_safe
def governments(request: HttpRequest) -> HttpResponse:
    scopes = government_access(request.user)
    rows = [r for r in government_list() if r.government.pk in scopes]
    context = {
        "rows": rows,
        "scopes": scopes,
        "any_illustrative": any(r.government.illustrative for r in rows),
        "nav": NAV,
    }
    return render(request, "web/org/governments.html", context)


@require_safe
def government_tree(request: HtmxHttpRequest, gov: str) -> HttpResponse:
    try:
        government = government_get(code=gov)
    except Government.DoesNotExist:
        raise Http404 from None
    access = require_view(request.user, government)
    query = request.GET.get("q", "").strip()
    context = {
        "government": government,
        "access": access,
        "query": query,
        "search": unit_search(government=government, query=query) if query else None,
        "tree": None if query else unit_tree(government=government),
        "nav": NAV,
    }
    template = "web/org/_search_response.html" if request.htmx else "web/org/government.html"
    return render(request, template, context)


@require_safe
def unit_children_fragment(request: HttpRequest, gov: str, code: str) -> HttpResponse:
    try:
        unit = unit_get(government_code=gov, code=code)
    except Unit.DoesNotExist:
        raise Http404 from None
    require_view(request.user, unit)
    context = {"government": unit.government, "parent": unit, "nodes": unit_children(unit=unit)}
    return render(request, "web/org/_children.html", context)


@require_safe
def unit_detail(request: HttpRequest, gov: str, code: str) -> HttpResponse:
    try:
        unit = unit_get(government_code=gov, code=code)
    except Unit.DoesNotExist:
        raise Http404 from None
    access = require_view(request.user, unit)
    context = {
        "government": unit.government,
        "page": unit_page(unit=unit),
        "nav": NAV,
        "access": access,
    }
    return render(request, "web/org/unit.html", context)


@require_safe
def position_detail(request: HttpRequest, gov: str, code: str) -> HttpResponse:
    try:
        position = position_get(government_code=gov, code=code)
    except Position.DoesNotExist:
        raise Http404 from None
    access = require_view(request.user, position.unit)
    context = {
        "government": position.government,
        "page": position_page(position=position),
        "nav": NAV,
        "access": access,
    }
    return render(request, "web/org/position.html", context)
