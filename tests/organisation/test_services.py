"""Writes on positions and assignments: what they save, and what they refuse and why."""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from digiteam.organisation.models import Assignment, Position
from digiteam.organisation.services import (
    PositionFields,
    assignment_end,
    assignment_start,
    position_create,
    position_retire,
    position_update,
)
from tests.factories import (
    make_assignment,
    make_government,
    make_person,
    make_position,
    make_role,
    make_unit,
    make_vendor,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 1)


@pytest.fixture
def fields() -> PositionFields:
    unit = make_unit(government=make_government(code="testland"), code="team")
    return PositionFields(unit=unit, role=make_role(slug="developer"), title="Backend developer")


def _errors(raised: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return raised.value.message_dict


def test_create_saves_a_position_with_a_code_from_its_role(fields: PositionFields) -> None:
    government = fields.unit.government
    first = position_create(government=government, fields=fields)
    second = position_create(government=government, fields=fields)
    assert (first.code, second.code) == ("developer-1", "developer-2")
    assert Position.objects.get(code="developer-1").title == "Backend developer"


def test_create_reports_constraint_messages_by_field(fields: PositionFields) -> None:
    bad = replace(fields, fte=Decimal("1.5"), annual_cost=Decimal(-1))
    with pytest.raises(ValidationError) as raised:
        position_create(government=fields.unit.government, fields=bad)
    errors = _errors(raised)
    assert errors["fte"] == ["FTE is more than 0 and at most 1."]
    assert errors["annual_cost"] == ["A cost cannot be negative."]
    assert not Position.objects.exists()


def test_create_refuses_a_code_in_use_and_links_to_another_government(
    fields: PositionFields,
) -> None:
    government = fields.unit.government
    position_create(government=government, fields=fields, code="dev")
    other = make_government(code="otherland")
    with pytest.raises(ValidationError) as raised:
        position_create(
            government=government,
            fields=replace(fields, vendor=make_vendor(government=other)),
            code="dev",
        )
    errors = _errors(raised)
    assert errors["code"] == ["This code is already used in this government."]
    assert errors["vendor"] == ["This vendor belongs to another government."]


def test_update_refuses_a_reporting_cycle(fields: PositionFields) -> None:
    government = fields.unit.government
    head = position_create(government=government, fields=fields, code="head")
    deputy = position_create(government=government, fields=replace(fields, reports_to=head))
    with pytest.raises(ValidationError) as raised:
        position_update(position=head, fields=replace(fields, reports_to=deputy))
    assert _errors(raised)["reports_to"] == ["A position cannot report to itself."]
    updated = position_update(position=deputy, fields=replace(fields, title="Deputy", grade="P4"))
    assert (updated.title, updated.grade) == ("Deputy", "P4")


def test_retire_refuses_while_reported_to_or_held_then_removes() -> None:
    unit = make_unit()
    head = make_position(unit=unit, code="head")
    deputy = make_position(unit=unit, code="deputy", reports_to=head)
    person = make_person(government=unit.government, position=head, start=TODAY)
    with pytest.raises(ValidationError) as raised:
        position_retire(position=head, today=TODAY)
    messages = _errors(raised)[NON_FIELD_ERRORS]
    assert messages == [
        "1 other position reports to this one: change its reporting line first.",
        "Someone holds this position: release them first.",
    ]
    deputy.delete()
    assignment_end(assignment=person.assignments.get(), end=TODAY)
    position_retire(position=head, today=TODAY + datetime.timedelta(days=1))
    assert not Position.objects.filter(code="head").exists()


def test_assignment_start_refuses_more_than_the_position_fte() -> None:
    unit = make_unit()
    position = make_position(unit=unit, fte="1")
    amina = make_person(government=unit.government, name="Amina")
    omar = make_person(government=unit.government, name="Omar")
    assignment_start(position=position, person=amina, start=TODAY, fte=Decimal("0.6"))
    with pytest.raises(ValidationError) as raised:
        assignment_start(position=position, person=omar, start=TODAY, fte=Decimal("0.5"))
    assert (
        "1 FTE and 0.6 is already assigned over this period: at most 0.4 FTE is left"
        in _errors(raised)["fte"][0]
    )
    held = assignment_start(position=position, person=omar, start=TODAY, fte=Decimal("0.4"))
    assert held.fte == Decimal("0.4")


def test_assignment_start_counts_only_overlapping_assignments() -> None:
    unit = make_unit()
    position = make_position(unit=unit)
    past = make_person(government=unit.government)
    make_assignment(person=past, position=position, start=datetime.date(2020, 1, 1), end=TODAY)
    later = make_person(government=unit.government)
    assignment_start(position=position, person=later, start=TODAY + datetime.timedelta(days=1))
    assert Assignment.objects.filter(position=position).count() == 2


def test_assignment_refuses_another_government_and_bad_fte() -> None:
    unit = make_unit()
    position = make_position(unit=unit)
    stranger = make_person(government=make_government())
    with pytest.raises(ValidationError) as raised:
        assignment_start(position=position, person=stranger, start=TODAY, fte=Decimal(0))
    errors = _errors(raised)
    assert errors["person"] == ["This person belongs to another government."]
    assert errors["fte"] == ["FTE is more than 0 and at most 1."]


def test_assignment_end_before_start_and_twice_are_refused() -> None:
    unit = make_unit()
    person = make_person(government=unit.government, position=make_position(unit=unit), start=TODAY)
    assignment = person.assignments.get()
    with pytest.raises(ValidationError) as raised:
        assignment_end(assignment=assignment, end=TODAY - datetime.timedelta(days=1))
    assert _errors(raised)["end"] == ["An assignment cannot end before it starts."]
    assignment.refresh_from_db()
    assignment_end(assignment=assignment, end=TODAY)
    with pytest.raises(ValidationError) as raised:
        assignment_end(assignment=assignment, end=TODAY)
    assert _errors(raised)["end"] == ["This assignment has already ended."]
