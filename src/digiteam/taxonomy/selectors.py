"""Reads of the taxonomy."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from digiteam.taxonomy.models import Role, RoleCategory


def role_search(*, query: str = "", category: str = "") -> QuerySet[Role]:
    """Roles whose title (any language), alias, description or ISCO-08 code matches."""
    roles = Role.objects.prefetch_related("categories")
    if category:
        roles = roles.filter(categories__slug=category)
    for word in query.split():
        roles = roles.filter(
            Q(title__icontains=word)
            | Q(title_fr__icontains=word)
            | Q(title_ar__icontains=word)
            | Q(aliases__icontains=word)
            | Q(description__icontains=word)
            | Q(description_fr__icontains=word)
            | Q(isco08=word)
            | Q(slug__icontains=word)
        )
    return roles.distinct()


def category_list_with_roles(*, roles: QuerySet[Role]) -> list[RoleCategory]:
    """Categories holding at least one of ``roles``, each with those roles prefetched."""
    categories = RoleCategory.objects.prefetch_related(
        Prefetch("roles", queryset=roles.order_by("title"), to_attr="matching_roles")
    )
    return [c for c in categories if c.matching_roles]  # type: ignore[attr-defined]


def role_get(*, slug: str) -> Role:
    return Role.objects.prefetch_related("categories").get(slug=slug)
