"""Writes on people: what they save, what they refuse and why, and what the audit trail keeps."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from digiteam.audit.choices import Action
from digiteam.audit.models import Change
from digiteam.core.versioning import StaleVersion
from digiteam.organisation.models import Assignment, Government, Person
from digiteam.organisation.services_people import (
    PersonFields,
    person_create,
    person_delete,
    person_update,
)
from tests.factories import (
    changes_of,
    make_assignment,
    make_government,
    make_person,
    make_position,
    make_unit,
    make_vendor,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 1)


@pytest.fixture
def government() -> Government:
    return make_government(code="testland")


def test_create_saves_a_person_with_a_code_made_from_the_name(government: Government) -> None:
    vendor = make_vendor(government=government)
    first = person_create(
        government=government,
        fields=PersonFields(name=" Amina Haroun ", email=" amina@example.org ", employer=vendor),
    )
    second = person_create(government=government, fields=PersonFields(name="Amina Haroun"))
    assert (first.code, second.code) == ("amina-haroun-1", "amina-haroun-2")
    stored = Person.objects.get(code="amina-haroun-1")
    assert (stored.name, stored.email, stored.employer) == (
        "Amina Haroun",
        "amina@example.org",
        vendor,
    )
    [change] = changes_of(first)
    assert change.action == Action.CREATE and change.before is None
    assert change.after["employer_id"] == vendor.pk


def test_create_keeps_a_given_code(government: Government) -> None:
    person = person_create(government=government, fields=PersonFields(name="Li"), code="li")
    assert person.code == "li"


def test_create_refuses_a_bad_email_a_foreign_employer_and_a_taken_code(
    government: Government,
) -> None:
    make_person(government=government, code="li")
    foreign = make_vendor(government=make_government(code="otherland"))
    with pytest.raises(ValidationError) as raised:
        person_create(
            government=government,
            fields=PersonFields(name="Li", email="not an email", employer=foreign),
            code="li",
        )
    errors = raised.value.message_dict
    assert errors["email"] == ["Enter a valid email address."]
    assert errors["employer"] == ["This vendor belongs to another government."]
    assert errors["code"] == ["This code is already used in this government."]
    assert Person.objects.count() == 1
    assert not Change.objects.exists()


def test_create_refuses_a_blank_name(government: Government) -> None:
    with pytest.raises(ValidationError) as raised:
        person_create(government=government, fields=PersonFields(name="  "))
    assert list(raised.value.message_dict) == ["name"]


def test_update_saves_bumps_and_records_before_and_after(government: Government) -> None:
    person = make_person(government=government, name="Li", code="li")
    person_update(
        person=person,
        fields=PersonFields(name="Li Wei", email="li@example.org"),
        code="li-wei",
        expected_version=1,
    )
    stored = Person.objects.get(pk=person.pk)
    assert (stored.name, stored.code, stored.email, stored.version) == (
        "Li Wei",
        "li-wei",
        "li@example.org",
        2,
    )
    [change] = changes_of(person)
    assert change.action == Action.UPDATE
    assert (change.before["name"], change.after["name"]) == ("Li", "Li Wei")
    assert (change.before["version"], change.after["version"]) == (1, 2)


def test_update_refuses_a_stale_version_and_changes_nothing(government: Government) -> None:
    person = make_person(government=government, name="Li")
    person_update(person=person, fields=PersonFields(name="First"), expected_version=1)
    with pytest.raises(StaleVersion) as raised:
        person_update(person=person, fields=PersonFields(name="Second"), expected_version=1)
    assert raised.value.current == 2
    assert Person.objects.get(pk=person.pk).name == "First"
    assert len(changes_of(person)) == 1


def test_update_refuses_a_foreign_employer(government: Government) -> None:
    person = make_person(government=government, name="Li")
    foreign = make_vendor(government=make_government(code="otherland"))
    with pytest.raises(ValidationError) as raised:
        person_update(person=person, fields=PersonFields(name="Li", employer=foreign))
    assert raised.value.message_dict == {"employer": ["This vendor belongs to another government."]}
    assert Person.objects.get(pk=person.pk).employer is None


def test_delete_refuses_someone_who_holds_a_position_now_or_later(government: Government) -> None:
    unit = make_unit(government=government)
    person = make_person(government=government)
    make_assignment(person=person, position=make_position(unit=unit), start=TODAY, end=None)
    make_assignment(
        person=person,
        position=make_position(unit=unit),
        start=TODAY + datetime.timedelta(days=30),
    )
    with pytest.raises(ValidationError) as raised:
        person_delete(person=person, today=TODAY)
    assert raised.value.message_dict == {
        NON_FIELD_ERRORS: [
            "This person holds 1 position: end the assignment first.",
            "This person starts 1 assignment later: remove it first.",
        ]
    }
    assert Person.objects.filter(pk=person.pk).exists()
    assert Assignment.objects.count() == 2
    assert not Change.objects.exists()


def test_delete_removes_the_person_and_past_assignments_recording_each(
    government: Government,
) -> None:
    position = make_position(unit=make_unit(government=government))
    person = make_person(government=government, name="Li", code="li")
    past = make_assignment(
        person=person,
        position=position,
        start=datetime.date(2024, 1, 1),
        end=TODAY - datetime.timedelta(days=1),
    )
    person_id, past_id = person.pk, past.pk
    person_delete(person=person, today=TODAY, expected_version=1)
    assert not Person.objects.filter(pk=person_id).exists()
    assert not Assignment.objects.exists()
    actions = {
        (change.object_id, change.action, change.before["version"])
        for change in Change.objects.all()
    }
    assert actions == {(person_id, Action.DELETE, 1), (past_id, Action.DELETE, 1)}
    assert all(change.after is None for change in Change.objects.all())


def test_delete_refuses_a_stale_version(government: Government) -> None:
    person = make_person(government=government)
    with pytest.raises(StaleVersion):
        person_delete(person=person, expected_version=5)
    assert Person.objects.filter(pk=person.pk).exists()
