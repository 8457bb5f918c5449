"""Writes on digital services and vendors: what they save, refuse and leave in the audit trail."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from digiteam.audit.choices import Action
from digiteam.audit.models import Change
from digiteam.core.versioning import StaleVersion
from digiteam.organisation.choices import GovernanceArea
from digiteam.organisation.models import DigitalService, Government, Unit, Vendor
from digiteam.organisation.services_catalogue import (
    DigitalServiceFields,
    digital_service_create,
    digital_service_delete,
    digital_service_update,
    vendor_create,
    vendor_delete,
    vendor_update,
)
from tests.factories import (
    changes_of,
    make_government,
    make_person,
    make_position,
    make_service,
    make_unit,
    make_vendor,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def government() -> Government:
    return make_government(code="testland")


@pytest.fixture
def owner(government: Government) -> Unit:
    return make_unit(government=government, code="interior")


@pytest.fixture
def fields(owner: Unit) -> DigitalServiceFields:
    return DigitalServiceFields(name="Business registration", owner=owner)


# --- digital services ------------------------------------------------------------------------


def test_create_saves_a_service_with_a_code_made_from_its_name(
    government: Government, owner: Unit, fields: DigitalServiceFields
) -> None:
    team = make_unit(parent=owner, code="team")
    service = digital_service_create(
        government=government,
        fields=replace(
            fields,
            name_fr="Registre du commerce",
            team=team,
            personal_data=True,
            area=GovernanceArea.DIGITAL_PUBLIC_SERVICES,
        ),
    )
    stored = DigitalService.objects.get(pk=service.pk)
    assert stored.code == "business-registration-1"
    assert (stored.owner, stored.team, stored.personal_data, stored.area) == (
        owner,
        team,
        True,
        "digital_public_services",
    )
    [change] = changes_of(service)
    assert change.action == Action.CREATE and change.after["team_id"] == team.pk


def test_create_refuses_foreign_units_an_unknown_area_and_a_taken_code(
    government: Government, fields: DigitalServiceFields
) -> None:
    make_service(owner=fields.owner, code="registry")
    elsewhere = make_unit(government=make_government(code="otherland"))
    with pytest.raises(ValidationError) as raised:
        digital_service_create(
            government=government,
            fields=replace(fields, owner=elsewhere, team=elsewhere, area="space"),
            code="registry",
        )
    assert raised.value.message_dict == {
        "owner": ["This unit belongs to another government."],
        "team": ["This unit belongs to another government."],
        "area": [
            "“space” is not a governance area: use one of mission_it, digital_public_services, "
            "infrastructure, shared_services."
        ],
        "code": ["This code is already used in this government."],
    }
    assert DigitalService.objects.count() == 1
    assert not Change.objects.exists()


def test_update_saves_bumps_and_records(fields: DigitalServiceFields) -> None:
    service = make_service(owner=fields.owner, name="Old name")
    digital_service_update(
        service=service,
        fields=replace(fields, name="New name", area=GovernanceArea.MISSION_IT),
        code="new-code",
        expected_version=1,
    )
    stored = DigitalService.objects.get(pk=service.pk)
    assert (stored.name, stored.code, stored.area, stored.version) == (
        "New name",
        "new-code",
        "mission_it",
        2,
    )
    [change] = changes_of(service)
    assert (change.before["name"], change.after["name"]) == ("Old name", "New name")
    assert (change.before["version"], change.after["version"]) == (1, 2)


def test_update_refuses_a_stale_version_and_changes_nothing(fields: DigitalServiceFields) -> None:
    service = make_service(owner=fields.owner, name="Old name")
    digital_service_update(service=service, fields=fields, expected_version=1)
    with pytest.raises(StaleVersion) as raised:
        digital_service_update(
            service=service, fields=replace(fields, name="Lost"), expected_version=1
        )
    assert raised.value.current == 2
    assert DigitalService.objects.get(pk=service.pk).name == "Business registration"
    assert len(changes_of(service)) == 1


def test_delete_removes_and_records_a_service(fields: DigitalServiceFields) -> None:
    service = make_service(owner=fields.owner, code="registry")
    service_id = service.pk
    digital_service_delete(service=service, expected_version=1)
    assert not DigitalService.objects.exists()
    change = Change.objects.get(object_id=service_id)
    assert change.action == Action.DELETE and change.before["code"] == "registry"
    assert change.after is None


def test_delete_refuses_a_stale_service_version(fields: DigitalServiceFields) -> None:
    service = make_service(owner=fields.owner)
    with pytest.raises(StaleVersion):
        digital_service_delete(service=service, expected_version=2)
    assert DigitalService.objects.exists()


# --- vendors ---------------------------------------------------------------------------------


def test_vendor_create_saves_and_records(government: Government) -> None:
    vendor = vendor_create(government=government, name=" Acme Consulting ")
    named = vendor_create(government=government, name="Acme Consulting", code="acme")
    assert (vendor.code, vendor.name, named.code) == (
        "acme-consulting-1",
        "Acme Consulting",
        "acme",
    )
    [change] = changes_of(vendor)
    assert change.action == Action.CREATE and change.after["name"] == "Acme Consulting"


def test_vendor_create_refuses_a_blank_name_and_a_taken_code(government: Government) -> None:
    make_vendor(government=government, code="acme")
    with pytest.raises(ValidationError) as raised:
        vendor_create(government=government, name=" ", code="acme")
    errors = raised.value.message_dict
    assert set(errors) == {"name", "code"}
    assert errors["code"] == ["This code is already used in this government."]
    assert Vendor.objects.count() == 1


def test_vendor_update_saves_bumps_and_refuses_a_stale_version(government: Government) -> None:
    vendor = make_vendor(government=government, name="Acme")
    vendor_update(vendor=vendor, name="Acme Ltd", expected_version=1)
    with pytest.raises(StaleVersion):
        vendor_update(vendor=vendor, name="Lost", expected_version=1)
    stored = Vendor.objects.get(pk=vendor.pk)
    assert (stored.name, stored.version) == ("Acme Ltd", 2)
    [change] = changes_of(vendor)
    assert (change.before["name"], change.after["name"]) == ("Acme", "Acme Ltd")


def test_vendor_delete_refuses_while_positions_or_people_refer_to_it(
    government: Government, owner: Unit
) -> None:
    vendor = make_vendor(government=government)
    make_position(unit=owner, vendor=vendor, sourcing="contract")
    make_position(unit=owner, vendor=vendor, sourcing="contract")
    make_person(government=government, employer=vendor)
    with pytest.raises(ValidationError) as raised:
        vendor_delete(vendor=vendor)
    assert raised.value.message_dict == {
        NON_FIELD_ERRORS: [
            "2 positions are sourced from this vendor: change their vendor first.",
            "1 person is employed by this vendor: change their employer first.",
        ]
    }
    assert Vendor.objects.filter(pk=vendor.pk).exists()
    assert not Change.objects.exists()


def test_vendor_delete_removes_and_records(government: Government) -> None:
    vendor = make_vendor(government=government, code="acme")
    vendor_id = vendor.pk
    vendor_delete(vendor=vendor, expected_version=1)
    assert not Vendor.objects.exists()
    change = Change.objects.get(object_id=vendor_id)
    assert (change.action, change.before["code"], change.after) == (Action.DELETE, "acme", None)
