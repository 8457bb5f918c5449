"""The shipped rules are complete, their codes stable and their sources real sections."""

from __future__ import annotations

import dataclasses
import re

import pytest

from digiteam.checks.engine.declarative import requirements_read
from digiteam.checks.engine.registry import (
    PRINCIPLE_SLUGS,
    Registry,
    RegistryError,
    Rule,
    is_reference_source,
    rule_problems,
)
from digiteam.checks.rules import (
    PYTHON_RULES,
    REQUIREMENTS,
    common,
    default_registry,
    governance,
    service_teams,
    user_needs,
)
from digiteam.gitbook.anchors import anchors_for
from digiteam.reference import Reference
from tests.conftest import reference_dir

# Codes are public: a rule may be added, never renumbered. Keep this list in step.
SHIPPED = [
    "DIG101", "DIG102", "DIG103", "DIG104", "DIG105", "DIG106",
    "DIG201", "DIG202", "DIG301", "DIG302", "DIG401", "DIG402", "DIG501",
    "DIG601", "DIG602", "DIG603", "DIG604", "DIG605",
    "DIG701", "DIG702", "DIG703", "DIG704",
]  # fmt: skip


def test_the_shipped_codes_are_stable() -> None:
    assert list(default_registry().codes) == SHIPPED


@pytest.mark.parametrize("rule", list(default_registry()), ids=lambda r: r.code)
def test_every_rule_is_complete(rule: Rule) -> None:
    assert rule_problems(rule) == []
    assert rule.principle in PRINCIPLE_SLUGS
    assert is_reference_source(rule.source), rule.source
    assert len(rule.what) > 40 and len(rule.rationale) > 80 and len(rule.fix) > 40
    for param in rule.params:
        assert param.description


def test_every_python_rule_says_what_it_checks_in_its_docstring() -> None:
    for rule in PYTHON_RULES:
        assert rule.check.__doc__, rule.code
        assert not rule.description, "Python rules document themselves in their docstring"


def test_every_principle_has_a_rule() -> None:
    assert {r.principle for r in default_registry()} == set(PRINCIPLE_SLUGS)


def test_the_registry_refuses_a_duplicate_code_or_an_incomplete_rule() -> None:
    rule = default_registry().get("DIG402")
    with pytest.raises(RegistryError, match="two rules share the code DIG402"):
        Registry([rule, rule])
    with pytest.raises(RegistryError, match="'fix' is empty"):
        Registry([dataclasses.replace(rule, fix=" ")])
    with pytest.raises(RegistryError, match="not letters then three digits"):
        Registry([dataclasses.replace(rule, code="dig-1")])


@pytest.mark.reference_docs
def test_every_source_names_a_section_of_a_reference_document() -> None:
    folder = reference_dir()
    if folder is None:
        pytest.skip("the reference documents are not at hand")
    for rule in default_registry():
        document, anchor = rule.source.split("#")
        text = (folder / document).read_text(encoding="utf-8")
        headings = re.findall(r"^#{1,6}\s+(.+?)\s*$", text, flags=re.MULTILINE)
        assert anchor in anchors_for(headings), rule.source


def test_every_role_a_rule_names_is_a_position_role_of_the_taxonomy(reference: Reference) -> None:
    named = {*common.CRITICAL_ROLES, *governance.ACCOUNTABLE_ROLES}
    for groups in (service_teams.CORE_ROLES, service_teams.SUPPORT_ROLES):
        named |= {role for _, roles in groups for role in roles}
    named |= {role for _, roles in user_needs.USER_CENTRED_ROLES for role in roles}
    text = REQUIREMENTS.read_text(encoding="utf-8")
    named |= {role for r in requirements_read(text, REQUIREMENTS.name) for role in r.roles}
    positions = {r.slug for r in reference.taxonomy.roles if not r.group}
    assert named - positions == set()
