"""The audit trail: who changed what, through what, and the values before and after."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest
from django.db import transaction

from digiteam.audit.choices import Action, Via
from digiteam.audit.context import acting, change_set, identify
from digiteam.audit.models import Change, ChangeSet
from digiteam.audit.record import record_many, snapshot
from digiteam.core.versioning import StaleVersion
from digiteam.organisation.models import Position
from digiteam.organisation.services import (
    PositionFields,
    assignment_end,
    assignment_start,
    position_create,
    position_retire,
    position_update,
)
from tests.factories import make_government, make_person, make_role, make_unit, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def fields() -> PositionFields:
    unit = make_unit(government=make_government(code="testland"), code="team")
    return PositionFields(unit=unit, role=make_role(slug="developer"), title="Backend developer")


def test_a_service_write_is_recorded_with_its_author_channel_and_values(
    fields: PositionFields,
) -> None:
    user = make_user(username="amina")
    with acting(user=user, via=Via.WEB):
        position = position_create(government=fields.unit.government, fields=fields)
        position_update(position=position, fields=replace(fields, title="Lead developer"))

    created, updated = Change.objects.filter(object_id=position.pk).order_by("id")
    assert created.action == Action.CREATE and created.before is None
    assert created.after["title"] == "Backend developer"
    assert updated.action == Action.UPDATE
    assert (updated.before["title"], updated.after["title"]) == (
        "Backend developer",
        "Lead developer",
    )
    assert updated.changed_fields() == ["title", "version"]
    # One block (one request) is one change set, attributed and located.
    assert created.change_set_id == updated.change_set_id
    change_set_row = created.change_set
    assert (change_set_row.username, change_set_row.via) == ("amina", Via.WEB)
    assert change_set_row.government_code == "testland"


def test_outside_any_block_changes_are_still_recorded_as_the_system(
    fields: PositionFields,
) -> None:
    position_create(government=fields.unit.government, fields=fields)
    assert ChangeSet.objects.get().via == Via.SYSTEM
    assert ChangeSet.objects.get().user is None


def test_an_update_that_changes_nothing_records_nothing_but_the_version(
    fields: PositionFields,
) -> None:
    position = position_create(government=fields.unit.government, fields=fields)
    position_update(position=position, fields=fields)
    assert Change.objects.filter(action=Action.UPDATE).get().changed_fields() == ["version"]


def test_a_rolled_back_write_leaves_no_trace_and_the_next_one_still_records(
    fields: PositionFields,
) -> None:
    with acting(via=Via.CLI):
        with pytest.raises(RuntimeError), transaction.atomic():
            position_create(government=fields.unit.government, fields=fields)
            raise RuntimeError("undo")
        assert not Change.objects.exists() and not ChangeSet.objects.exists()
        position_create(government=fields.unit.government, fields=fields)
    assert Change.objects.get().change_set.via == Via.CLI


def test_a_stale_version_is_refused_and_changes_nothing(fields: PositionFields) -> None:
    position = position_create(government=fields.unit.government, fields=fields)
    assert position.version == 1
    position_update(position=position, fields=replace(fields, title="A"), expected_version=1)
    assert Position.objects.get().version == 2
    stale = Position.objects.get()
    with pytest.raises(StaleVersion) as raised:
        position_update(position=stale, fields=replace(fields, title="B"), expected_version=1)
    assert raised.value.current == 2
    assert Position.objects.get().title == "A"
    assert Change.objects.filter(action=Action.UPDATE).count() == 1


def test_retire_records_the_position_and_its_past_assignments_as_deleted(
    fields: PositionFields,
) -> None:
    government = fields.unit.government
    position = position_create(government=government, fields=fields)
    assignment = assignment_start(
        position=position,
        person=make_person(government=government),
        start=datetime.date(2025, 1, 1),
    )
    assignment_end(assignment=assignment, end=datetime.date(2025, 6, 30))
    position_retire(position=position, today=datetime.date(2026, 1, 1))

    deleted = Change.objects.filter(action=Action.DELETE)
    assert sorted(c.content_type.model for c in deleted) == ["assignment", "position"]
    before = deleted.get(content_type__model="position").before
    assert before["title"] == "Backend developer" and before["unit_id"] == fields.unit.pk
    ended = Change.objects.get(action=Action.UPDATE, content_type__model="assignment")
    assert (ended.before["end"], ended.after["end"]) == (None, "2025-06-30")


def test_a_bulk_write_is_one_change_set_with_one_row_per_object(fields: PositionFields) -> None:
    government = fields.unit.government
    user = make_user(username="importer")
    positions = [
        Position.objects.create(
            government=government, unit=fields.unit, role=fields.role, code=f"p-{n}"
        )
        for n in range(5)
    ]
    with (
        acting(user=user, via=Via.CLI),
        change_set(summary="Imported testland.yaml", via=Via.IMPORT),
    ):
        assert record_many(Action.CREATE, positions) == 5
    change_set_row = ChangeSet.objects.get()
    assert (change_set_row.via, change_set_row.summary, change_set_row.username) == (
        Via.IMPORT,
        "Imported testland.yaml",
        "importer",
    )
    assert change_set_row.changes.count() == 5


def test_identify_names_the_actor_found_after_the_block_opened(fields: PositionFields) -> None:
    user = make_user(username="robot-owner")
    with acting(user=None, via=Via.API):
        identify(user=user, token="ci-pipeline")
        position_create(government=fields.unit.government, fields=fields)
    change_set_row = ChangeSet.objects.get()
    assert (change_set_row.username, change_set_row.token, change_set_row.via) == (
        "robot-owner",
        "ci-pipeline",
        Via.API,
    )


def test_snapshot_is_json_ready(fields: PositionFields) -> None:
    position = position_create(government=fields.unit.government, fields=fields)
    values = snapshot(position)
    assert values["fte"] == "1" and values["unit_id"] == fields.unit.pk
    assert "id" not in values
