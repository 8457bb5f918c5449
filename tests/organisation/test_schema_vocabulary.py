"""The files' vocabularies are the models' choices, word for word.

They are written twice on purpose: as ``Literal`` types in the file's schema (the published JSON
Schema lists them inline, mypy checks every use, a wrong word gets pydantic's located "Input
should be …" error) and as the models' ``TextChoices`` (with their translated labels). This test
keeps the two the same, for the organisation file, the template file and the declarative
checks (whose engine imports nothing from Django, so it cannot read the choices).
"""

from __future__ import annotations

from typing import get_args

import pytest
from django.db import models

from digiteam.checks.engine import declarative
from digiteam.compositions import schema as template_schema
from digiteam.core.choices import Sourcing
from digiteam.organisation import schema
from digiteam.organisation.choices import (
    DecisionRight,
    GovernanceArea,
    PositionSourcing,
    PositionStatus,
)


@pytest.mark.parametrize(
    ("literal", "choices"),
    [
        (schema.Sourcing, PositionSourcing),
        (schema.Status, PositionStatus),
        (schema.Right, DecisionRight),
        (schema.Area, GovernanceArea),
        (template_schema.SourcingIn, Sourcing),
        (declarative.Sourcing, PositionSourcing),
    ],
    ids=["sourcing", "status", "right", "area", "template sourcing", "checks sourcing"],
)
def test_the_file_accepts_exactly_the_models_choices(
    literal: object, choices: type[models.TextChoices]
) -> None:
    assert list(get_args(literal)) == list(choices.values)
