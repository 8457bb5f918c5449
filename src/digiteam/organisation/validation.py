"""Validation shared by every organisation service: field errors, constraints keyed by field.

A service collects its own checks in ``errors`` (field -> messages) and calls ``validate``,
which adds ``full_clean``'s messages and each database constraint's message under the field the
constraint is about (``CONSTRAINT_FIELDS``), then raises them all at once.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

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
}


def validate(instance: models.Model, errors: dict[str, list[str]]) -> None:
    """``full_clean`` with each constraint's message keyed by its field; raise all at once."""
    try:
        instance.full_clean(validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    for constraint in instance._meta.constraints:
        try:
            constraint.validate(type(instance), instance)
        except ValidationError as error:
            field = CONSTRAINT_FIELDS.get(constraint.name, NON_FIELD_ERRORS)
            errors.setdefault(field, []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
