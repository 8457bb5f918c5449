"""`digiteam size`: a readable report, JSON, --apply, and exit 2 with a suggestion on a typo."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from digiteam.organisation.models import DigitalService, Position
from tests.organisation.test_sizing import Org, build_org

pytestmark = pytest.mark.django_db
DJIBOUTI = "djibouti-digital-team"


@pytest.fixture
def org(shipped_reference: object) -> Org:
    return build_org()


def size(*args: str) -> str:
    out = StringIO()
    call_command("size", "--government", "testland", *args, stdout=out)
    return out.getvalue()


def test_text_report_lists_units_then_functions_then_totals(org: Org) -> None:
    text = size("--template", DJIBOUTI)
    assert text.startswith("Sizing 'djibouti-digital-team' for Testland (testland), whole ")
    health = text.split("\nhealth  Ministry of Health\n", 1)[1].split("\n\n", 1)[0]
    assert health == "  + Chief information officer (CIO) x1 (internal)"
    assert "  + Software developer x2 (internal)\n" in text
    assert "  Strategy / management" in text.split("By function:")[1]
    assert "  add     57 position(s), 57 FTE, cost unknown\n" in text
    assert text.rstrip().endswith("Run again with --apply to write it.")
    assert not Position.objects.exists()


def test_apply_then_report_conflicts_and_nothing_left_to_do(org: Org) -> None:
    assert (
        size("--template", DJIBOUTI, "--apply")
        .rstrip()
        .endswith("Applied: 57 position(s) added, 0 retired.")
    )
    Position.objects.filter(unit=org["tax-team"], role__slug="domain-expert").update(
        status="filled"
    )
    DigitalService.objects.filter(code="tax-filing").delete()
    text = size("--template", DJIBOUTI, "--apply")
    assert "  - Software developer x2 (internal)\n" in text
    conflict = "  ! Domain expert tax-team-domain-expert-1: surplus (the template asks for 0 here)"
    assert conflict + "; status filled\n" in text
    again = size("--template", DJIBOUTI)
    assert "5 unit(s) already match the template." in again
    assert again.rstrip().endswith("Nothing to add or retire.")


def test_json_for_scripts(org: Org) -> None:
    data = json.loads(size("--template", DJIBOUTI, "--under", "finance", "--format", "json"))
    assert (data["under"], data["applied"], data["totals"]["add"]) == ("finance", False, 48)
    assert [u["code"] for u in data["units"]] == ["finance", "roads", "tax-team"]
    line = data["units"][1]["lines"][0]
    assert (line["action"], line["role"], line["sourcing"]) == (
        "add",
        "digital-focal-point",
        "secondment",
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["--template", "djibouti-team"],
         "unknown template 'djibouti-team' (did you mean 'djibouti-digital-team'?)"),
        (["--template", DJIBOUTI, "--under", "finanse"],
         "unknown unit 'finanse' in 'testland' (did you mean 'finance'?)"),
    ],
)  # fmt: skip
def test_unknown_names_exit_2_with_a_suggestion(org: Org, args: list[str], message: str) -> None:
    with pytest.raises(CommandError) as raised:
        size(*args)
    assert raised.value.returncode == 2 and str(raised.value) == message


def test_unknown_government_exits_2(org: Org) -> None:
    with pytest.raises(CommandError) as raised:
        call_command("size", "--government", "testlnd", "--template", DJIBOUTI)
    assert raised.value.returncode == 2
    assert str(raised.value) == "unknown government 'testlnd' (did you mean 'testland'?)"
