"""Validation shared by every organisation service: field errors, constraints keyed by field.

A service collects its own checks in ``errors`` (field -> messages) and calls ``validate``,
which adds ``full_clean``'s messages and each database constraint's message under the field the
constraint is about (``CONSTRAINT_FIELDS``), then raises them all at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext as _

# The field each named constraint is about: its message is shown next to that field.
CONSTRAINT_FIELDS = {
    "position_code_unique_in_government": "code",
    "position_fte_range": "fte",
    "position_cost_not_negative": "annual_cost",
    "position_status_valid": "status",
    "position_sourcing_valid": "sourcing",
    "position_not_own_manager": "reports_to",
    "assignment_dates_ordered": "end",
    "assignment_fte_range": "fte",
    "unit_code_unique_in_government": "code",
    "unit_not_own_parent": "parent",
    "vendor_code_unique_in_government": "code",
    "service_code_unique_in_government": "code",
    "service_area_valid": "area",
    "person_code_unique_in_government": "code",
    "government_currency_iso": "currency",
    "government_country_iso": "country",
}


def validate(instance: models.Model, errors: dict[str, list[str]]) -> None:
    """``full_clean`` with each constraint's message keyed by its field; raise all at once.

    One problem is said once: a field the service has explained gets no generic message from
    ``full_clean``, and a constraint about a field that already has an error is not checked.
    """
    explained = set(errors) - {NON_FIELD_ERRORS}
    try:
        instance.full_clean(validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            if field not in explained:
                errors.setdefault(field, []).extend(messages)
    invalid = set(errors)
    for constraint in instance._meta.constraints:
        field = CONSTRAINT_FIELDS.get(constraint.name, NON_FIELD_ERRORS)
        if field in invalid and field != NON_FIELD_ERRORS:
            continue  # the field's own error says it already ("not a valid choice" …)
        try:
            constraint.validate(type(instance), instance)
        except ValidationError as error:
            errors.setdefault(field, []).extend(error.messages)
    if errors:
        raise ValidationError(errors)


def code_new(queryset: models.QuerySet[models.Model], text: str, fallback: str) -> str:
    """A code free in ``queryset`` (one government's objects): "amina-haroun-1", "-2" …"""
    stem = slugify(text)[:90].strip("-") or fallback
    taken = set(queryset.filter(code__startswith=stem).values_list("code", flat=True))
    number = 1
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


def clean_list(
    values: Iterable[object], field: str, errors: dict[str, list[str]], *, max_length: int = 100
) -> list[str]:
    """Trimmed, distinct, non-empty texts in their given order; an error under ``field`` if not."""
    cleaned: list[str] = []
    for value in values:
        if not isinstance(value, str):
            errors.setdefault(field, []).append(_("Each entry must be text."))
            continue
        text = value.strip()
        if not text:
            continue
        if len(text) > max_length:
            errors.setdefault(field, []).append(
                _("“%(value)s” is longer than %(max)s characters.")
                % {"value": text[:20] + "…", "max": max_length}
            )
            continue
        if text not in cleaned:
            cleaned.append(text)
    return cleaned
