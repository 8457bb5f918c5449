"""Declarative requirements: scopes, bounds, filters, messages and validation."""

from __future__ import annotations

from typing import Any

import pydantic
import pytest

from digiteam.checks.engine import (
    Government,
    Organisation,
    Position,
    Registry,
    Requirement,
    Role,
    Service,
    Unit,
    requirement_rule,
    requirements_read,
    run_checks,
)
from digiteam.checks.engine.declarative import requirement_text
from digiteam.core.located import FileInvalid
from tests.checks.conftest import config

ORG = Organisation.build(
    government=Government("testland", "Testland"),
    units=[
        Unit("gov", "Government", "government"),
        Unit("office", "Digital Office", "agency", parent="gov", tags=("digital",)),
        Unit("health", "Ministry of Health", "ministry", parent="gov"),
        Unit("health-it", "Health IT", "department", parent="health", tags=("digital",)),
        Unit("records-team", "Records Team", "team", parent="health"),
        Unit("finance", "Ministry of Finance", "ministry", parent="gov"),
    ],
    positions=[
        Position("dsd", "office", "digital-services-director", rights=frozenset({"spend_control"})),
        Position("health-cio", "health-it", "chief-information-officer", sourcing="contract"),
        Position("health-dpo", "health", "data-protection-officer"),
    ],
    services=[
        Service(
            "records", "Health records", owner="health", team="records-team", personal_data=True
        ),
        Service("budget", "Budget", owner="finance", personal_data=True),
        Service("open-data", "Open data", owner="finance"),
    ],
    roles=[Role("chief-information-officer", "CIO"), Role("data-protection-officer", "DPO")],
)
TEXT = {"name": "A test rule", "principle": "leadership", "rationale": "r", "fix": "f"}
TEXT |= {"example": "e", "source": "our policy"}


def requirement(**fields: Any) -> Requirement:
    return Requirement.model_validate({"code": "GOV001", **TEXT, **fields})


def failures(req: Requirement) -> dict[str, str]:
    """Subject key -> message of each finding the requirement makes on ORG."""
    report = run_checks(ORG, config(), registry=Registry([requirement_rule(req, "test")]))
    return {f.subject.key: f.message for f in report.findings}


def test_government_level_counts_only_units_outside_the_ministries() -> None:
    assert (
        failures(requirement(scope="government", roles=["digital-services-director"], at_least=1))
        == {}
    )
    assert failures(
        requirement(scope="government", roles=["chief-information-officer"], at_least=1)
    ) == {"government:testland": "Needs at least 1 CIO at government level; found 0."}


def test_organisation_counts_everywhere() -> None:
    req = requirement(scope="organisation", roles=["chief-information-officer"], at_least=1)
    assert failures(req) == {}


def test_a_unit_scope_checks_each_unit_with_what_is_below_it() -> None:
    by_kind = requirement(
        scope={"unit_kind": "ministry"}, roles=["chief-information-officer"], at_least=1
    )
    assert failures(by_kind) == {
        "unit:finance": "Needs at least 1 CIO in this unit or below it; found 0."
    }
    by_tag = requirement(
        scope={"unit_tag": "digital"}, roles=["chief-information-officer"], at_least=1
    )
    assert list(failures(by_tag)) == ["unit:office"]


def test_a_service_scope_counts_its_team_its_owner_and_every_unit_above() -> None:
    req = requirement(scope="personal_data_services", roles=["data-protection-officer"], at_least=1)
    assert list(failures(req)) == ["service:budget"]
    every = requirement(scope="services", roles=["data-protection-officer"], at_least=1)
    assert list(failures(every)) == ["service:budget", "service:open-data"]


def test_sourcing_and_right_filters_say_how_many_did_not_qualify() -> None:
    req = requirement(
        scope="organisation", roles=["chief-information-officer"], sourcing=["internal"], at_least=1
    )
    assert failures(req) == {
        "government:testland": "Needs at least 1 CIO (internal staff) anywhere in the "
        "organisation; found 0, and 1 position without the sourcing required."
    }


def test_at_most_caps_the_count() -> None:
    req = requirement(
        scope="organisation",
        roles=["data-protection-officer", "chief-information-officer"],
        at_most=1,
    )
    assert failures(req) == {
        "government:testland": "Allows at most 1 DPO or CIO anywhere in the organisation; found 2."
    }


def test_the_description_reads_like_the_requirement() -> None:
    req = requirement(
        scope={"unit_kind": "ministry"},
        roles=["chief-information-officer"],
        right="technical_decisions",
        at_least=1,
        at_most=2,
    )
    assert requirement_text(req) == (
        "In each unit of kind `ministry`, counting positions in the unit and every unit below it: "
        "at least 1 and at most 2 `chief-information-officer` holding technical decisions."
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"scope": "government", "roles": ["cto"]}, "needs 'at_least', 'at_most' or both"),
        ({"scope": "government", "roles": ["cto"], "at_least": 3, "at_most": 1}, "cannot exceed"),
        ({"scope": {"unit_kind": "a", "unit_tag": "b"}, "roles": ["cto"], "at_least": 1}, "either"),
        ({"scope": "everywhere", "roles": ["cto"], "at_least": 1}, "scope"),
        ({"scope": "government", "roles": [], "at_least": 1}, "roles"),
    ],
)
def test_a_malformed_requirement_is_refused(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(pydantic.ValidationError, match=message):
        requirement(**fields)


def test_a_requirements_file_reports_the_line_of_a_mistake() -> None:
    text = "requirements:\n  - code: GOV001\n    name: x\n    severity: fatal\n"
    with pytest.raises(FileInvalid) as caught:
        requirements_read(text, "mine.yaml")
    assert any(p.line == 4 and "fatal" in p.message for p in caught.value.problems)
