"""Bulk edit of positions: the sourcing and status of a selection from the positions list.

The list's checkboxes and its "Apply to the selection" form are one plain form (no JavaScript
needed) posted here. Every chosen position must be in the user's editing scope (403 otherwise);
the change is all or nothing (``organisation.services.position_bulk_update``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from digiteam.accounts.guards import require_edit
from digiteam.audit.context import change_set
from digiteam.organisation.models import Position
from digiteam.organisation.services import position_bulk_update
from digiteam.web.forms_bulk import BulkPositionsForm
from digiteam.web.forms_positions import add_service_errors, describe_errors
from digiteam.web.views_positions import NAV, _access, _government


@require_POST
def positions_bulk(request: HttpRequest, gov: str) -> HttpResponse:
    government = _government(gov)
    if not _access(request, government).can_edit:
        raise PermissionDenied
    positions = Position.objects.filter(government=government).select_related("unit", "role")
    form = BulkPositionsForm(request.POST, positions=positions)
    # The list's filters, sort and page, to go back to (re-encoded: only a query string).
    query = QueryDict(request.POST.get("query", "")).urlencode()
    if form.is_valid():
        chosen = list(form.cleaned_data["selected"])
        for position in chosen:
            require_edit(request.user, position.unit)
        summary = ngettext(
            "Bulk edit of %(count)s position", "Bulk edit of %(count)s positions", len(chosen)
        ) % {"count": len(chosen)}
        try:
            with change_set(summary=summary, government_code=government.code):
                changed = position_bulk_update(
                    positions=chosen,
                    sourcing=form.cleaned_data["sourcing"],
                    status=form.cleaned_data["status"],
                    expected_versions=form.expected_versions(),
                )
        except ValidationError as error:
            # The errors of single positions belong to the selection.
            errors = {
                "selected" if key == "positions" else key: value
                for key, value in error.message_dict.items()
            }
            add_service_errors(form, ValidationError(errors))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s position updated.", "%(count)s positions updated.", len(changed)
                )
                % {"count": len(changed)},
            )
            url = reverse("web:org-positions", args=[government.code])
            return redirect(f"{url}?{query}" if query else url)
    describe_errors(form)
    chosen_codes = set(request.POST.getlist("selected"))
    context = {
        "government": government,
        "form": form,
        "positions": positions.filter(code__in=chosen_codes).order_by("code"),
        "query": query,
        "nav": NAV,
    }
    return render(request, "web/org/positions_bulk.html", context, status=400)
