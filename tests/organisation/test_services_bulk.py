"""position_bulk_update: a selection's sourcing and status, all or nothing, versioned, audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from digiteam.audit.choices import Action
from digiteam.audit.models import Change
from digiteam.organisation.models import Position
from digiteam.organisation.services import position_bulk_update
from tests.factories import make_government, make_position, make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def positions() -> list[Position]:
    unit = make_unit(government=make_government(code="testland"), code="root")
    return [
        make_position(unit=unit, code="p-1", status="planned"),
        make_position(unit=unit, code="p-2", status="vacant", sourcing="contract"),
        make_position(unit=unit, code="p-3", status="planned"),
    ]


def _states() -> list[tuple[str, str, str, int]]:
    rows = Position.objects.order_by("code").values_list("code", "sourcing", "status", "version")
    return list(rows)


def test_each_changed_position_is_bumped_and_recorded(positions: list[Position]) -> None:
    changed = position_bulk_update(positions=positions, status="vacant")
    assert [p.code for p in changed] == ["p-1", "p-3"], "p-2 was vacant already"
    assert _states() == [
        ("p-1", "internal", "vacant", 2),
        ("p-2", "contract", "vacant", 1),
        ("p-3", "internal", "vacant", 2),
    ]
    changes = Change.objects.filter(action=Action.UPDATE).order_by("object_repr")
    assert [(c.before["status"], c.after["status"]) for c in changes] == [("planned", "vacant")] * 2
    assert len({c.change_set_id for c in changes}) == 1


def test_a_stale_position_stops_every_change(positions: list[Position]) -> None:
    Position.objects.filter(code="p-3").update(version=5)
    versions = {p.pk: 1 for p in positions}
    with pytest.raises(ValidationError) as raised:
        position_bulk_update(positions=positions, sourcing="consultant", expected_versions=versions)
    assert raised.value.message_dict == {
        "positions": ["p-3: someone else changed this position since you chose it (now version 5)."]
    }
    assert [s[1] for s in _states()] == ["internal", "contract", "internal"]
    assert not Change.objects.exists()


@pytest.mark.parametrize(
    ("arguments", "field", "message"),
    [
        ({"sourcing": "", "status": ""}, "__all__", "Choose a new sourcing, a new status or both."),
        ({"sourcing": "freelance"}, "sourcing", "Choose a sourcing from the list."),
        ({"status": "retired"}, "status", "Choose a status from the list."),
    ],
)
def test_a_change_that_is_not_one_is_refused(
    positions: list[Position], arguments: dict[str, str], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        position_bulk_update(positions=positions, **arguments)
    assert raised.value.message_dict == {field: [message]}


def test_an_empty_selection_is_refused() -> None:
    with pytest.raises(ValidationError) as raised:
        position_bulk_update(positions=[], status="vacant")
    assert raised.value.message_dict == {"positions": ["Choose at least one position."]}
