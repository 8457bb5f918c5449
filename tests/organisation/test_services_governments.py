"""Writes on governments: create with a top unit, edit, delete with everything under it."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digiteam.accounts.models import Membership
from digiteam.audit.choices import Action, Via
from digiteam.audit.context import acting
from digiteam.audit.models import Change, ChangeSet
from digiteam.core.versioning import StaleVersion
from digiteam.organisation.models import (
    Assignment,
    DigitalService,
    Government,
    Person,
    Position,
    Unit,
    Vendor,
)
from digiteam.organisation.services_governments import (
    GovernmentFields,
    government_create,
    government_delete,
    government_update,
)
from tests.factories import (
    changes_of,
    make_government,
    make_membership,
    make_person,
    make_position,
    make_service,
    make_unit,
    make_user,
    make_vendor,
)

pytestmark = pytest.mark.django_db

FIELDS = GovernmentFields(
    name="Republic of Testland",
    name_fr="République du Testland",
    country="dj",
    currency="djf",
    languages=["fr", "ar", "fr"],
    unit_kinds=["directorate", "ministry"],
)


def test_create_saves_a_government_and_its_top_unit() -> None:
    government = government_create(code="testland", fields=FIELDS)
    stored = Government.objects.get(code="testland")
    assert (stored.country, stored.currency, stored.languages, stored.unit_kinds) == (
        "DJ",
        "DJF",
        ["fr", "ar"],
        ["directorate"],  # "ministry" is built in
    )
    [root] = Unit.objects.filter(government=government)
    assert (root.code, root.kind, root.name, root.name_fr) == (
        "gov",
        "government",
        "Republic of Testland",
        "République du Testland",
    )
    assert (root.parent, root.path, root.depth) == (None, f"/{root.pk}/", 0)
    [created] = changes_of(government)
    assert created.action == Action.CREATE and created.after["currency"] == "DJF"
    assert changes_of(root)[0].action == Action.CREATE


def test_create_refuses_bad_codes_and_says_where() -> None:
    make_government(code="testland")
    bad = replace(
        FIELDS,
        name="",
        country="Djibouti",
        currency="francs",
        languages=["french"],
        unit_kinds=["Big Office!"],
    )
    with pytest.raises(ValidationError) as raised:
        government_create(code="testland", fields=bad)
    errors = raised.value.message_dict
    assert errors["code"] == ["This code is already used by another government."]
    assert errors["languages"] == [
        "“french” is not a language code: use two or three letters, like “fr”."
    ]
    assert errors["unit_kinds"] == [
        "“big office!” cannot be a kind of unit: use lower-case letters, digits and hyphens, "
        "at most 40."
    ]
    assert {"name", "country", "currency"} <= set(errors)
    assert Government.objects.count() == 1
    assert not Change.objects.exists()


def test_create_reports_the_iso_constraints_by_field() -> None:
    with pytest.raises(ValidationError) as raised:
        government_create(code="testland", fields=replace(FIELDS, country="D1", currency="D1F"))
    assert raised.value.message_dict == {
        "country": ["A country is a two-letter ISO 3166-1 code."],
        "currency": ["A currency is a three-letter ISO 4217 code."],
    }


def test_update_saves_bumps_and_records() -> None:
    government = government_create(code="testland", fields=FIELDS)
    government_update(
        government=government, fields=replace(FIELDS, currency="EUR"), expected_version=1
    )
    stored = Government.objects.get(pk=government.pk)
    assert (stored.currency, stored.version) == ("EUR", 2)
    updated = changes_of(government)[-1]
    assert updated.action == Action.UPDATE
    assert (updated.before["currency"], updated.after["currency"]) == ("DJF", "EUR")
    assert (updated.before["version"], updated.after["version"]) == (1, 2)


def test_update_leaves_the_check_settings_as_stored() -> None:
    government = government_create(code="testland", fields=FIELDS)
    copy = Government.objects.get(pk=government.pk)
    Government.objects.filter(pk=government.pk).update(check_config={"off": ["GOV001"]})
    government_update(government=copy, fields=replace(FIELDS, name="Renamed"))
    stored = Government.objects.get(pk=government.pk)
    assert (stored.name, stored.check_config) == ("Renamed", {"off": ["GOV001"]})
    assert "check_config" not in changes_of(government)[-1].changed_fields()


def test_update_refuses_a_stale_version_and_changes_nothing() -> None:
    government = government_create(code="testland", fields=FIELDS)
    government_update(government=government, fields=FIELDS, expected_version=1)
    with pytest.raises(StaleVersion) as raised:
        government_update(
            government=government, fields=replace(FIELDS, name="Lost"), expected_version=1
        )
    assert raised.value.current == 2
    assert Government.objects.get(pk=government.pk).name == "Republic of Testland"


def test_update_refuses_to_drop_a_kind_units_still_have() -> None:
    government = government_create(code="testland", fields=FIELDS)
    root = Unit.objects.get(government=government)
    make_unit(parent=root, kind="directorate")
    make_unit(parent=root, kind="directorate")
    with pytest.raises(ValidationError) as raised:
        government_update(government=government, fields=replace(FIELDS, unit_kinds=[]))
    assert raised.value.message_dict == {
        "unit_kinds": ["2 units are of kind “directorate”: change their kind first."]
    }
    assert Government.objects.get(pk=government.pk).unit_kinds == ["directorate"]


def _organisation(government: Government, size: int) -> None:
    """A tree ``size`` units deep, each with a position held by someone and a service; a vendor,
    a dotted reporting line, a membership limited to the deepest unit."""
    vendor = make_vendor(government=government)
    parent = make_unit(government=government, kind="government")
    manager = None
    for _ in range(size):
        parent = make_unit(parent=parent)
        manager = make_position(unit=parent, vendor=vendor, reports_to=manager)
        make_person(government=government, position=manager, employer=vendor)
        make_service(owner=parent, team=parent)
    assert manager is not None
    manager.dotted_to.add(Position.objects.filter(government=government).first())
    make_membership(government=government, units=(parent,))


def test_delete_removes_everything_of_the_government_as_one_change_set() -> None:
    government = make_government(code="testland")
    _organisation(government, 3)
    other = make_government(code="otherland")
    _organisation(other, 1)
    government_id = government.pk
    expected = Counter(
        {
            "government": 1,
            "unit": 4,
            "position": 3,
            "person": 3,
            "assignment": 3,
            "digital service": 3,
            "vendor": 1,
            "membership": 1,
        }
    )

    with acting(user=make_user(username="amina"), via=Via.WEB):
        government_delete(government=government, expected_version=1)

    assert not Government.objects.filter(pk=government_id).exists()
    for model in (Unit, Position, Person, Assignment, DigitalService, Vendor, Membership):
        assert model._default_manager.filter(**_of(model, government_id)).count() == 0
    # The other government keeps all it had.
    assert Unit.objects.filter(government=other).count() == 2
    assert Assignment.objects.filter(person__government=other).count() == 1
    [change_set] = ChangeSet.objects.all()
    assert (change_set.username, change_set.government_code) == ("amina", "testland")
    assert change_set.summary == "Deleted the government Republic of Testland"
    changes = list(change_set.changes.select_related("content_type"))
    assert Counter(str(c.content_type.model_class()._meta.verbose_name) for c in changes) == (
        expected
    )
    assert all(c.action == Action.DELETE and c.after is None and c.before for c in changes)


def _of(model: type, government_id: int) -> dict[str, int]:
    if model is Assignment:
        return {"person__government_id": government_id}
    return {"government_id": government_id}


def test_delete_costs_the_same_queries_whatever_the_size() -> None:
    warm_up = make_government()
    _organisation(warm_up, 1)
    government_delete(government=warm_up)  # content types cached
    counts = []
    for size in (2, 12):
        government = make_government()
        _organisation(government, size)
        with CaptureQueriesContext(connection) as queries:
            government_delete(government=government)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_delete_refuses_a_stale_version() -> None:
    government = make_government()
    with pytest.raises(StaleVersion):
        government_delete(government=government, expected_version=2)
    assert Government.objects.filter(pk=government.pk).exists()
    assert not Change.objects.exists()
