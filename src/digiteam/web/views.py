"""Pages: parse the request, call a selector, render."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from digiteam.compositions.selectors import slot_list_for_role, template_list_full
from digiteam.taxonomy.models import Role, RoleCategory
from digiteam.taxonomy.selectors import category_list_with_roles, role_get, role_search


@require_safe
def taxonomy(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    category = request.GET.get("category", "").strip()
    roles = role_search(query=query, category=category)
    context = {
        "query": query,
        "category": category,
        "all_categories": RoleCategory.objects.all(),
        "categories": category_list_with_roles(roles=roles),
        "count": roles.count(),
        "nav": "taxonomy",
    }
    template = "web/_taxonomy_results.html" if request.htmx else "web/taxonomy.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@require_safe
def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        role = role_get(slug=slug)
    except Role.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "web/role.html",
        {"role": role, "slots": slot_list_for_role(role=role), "nav": "taxonomy"},
    )


@require_safe
def templates(request: HttpRequest) -> HttpResponse:
    return render(
        request, "web/templates.html", {"templates": template_list_full(), "nav": "templates"}
    )
