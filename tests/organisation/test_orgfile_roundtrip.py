"""Organisation files in and out: what is imported is what is exported, byte for byte."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
import yaml

from digiteam.core.located import FileInvalid
from digiteam.organisation.models import Assignment, Government, Position, Unit
from digiteam.organisation.orgfile import org_dump, org_export
from digiteam.organisation.orgfile.load import ORGANISATION_TABLES
from digiteam.organisation.schema import OrgFile
from digiteam.organisation.sizing.fingerprint import fingerprint
from tests.organisation.orgfiles import (
    MINIMAL,
    REALISTIC,
    export_text,
    import_text,
    org_counts,
)


@pytest.fixture
def tamarind(shipped_reference: object) -> Government:
    import_text(REALISTIC, filename="tamarind.yaml")
    return Government.objects.get(code="tamarind")


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_import_export_gives_the_same_bytes(tamarind: Government, fmt: str) -> None:
    first = export_text("tamarind", fmt)
    import_text(first, filename=f"tamarind.{fmt}", replace=True)
    assert export_text("tamarind", fmt) == first


def test_the_export_is_valid_readable_and_complete(tamarind: Government) -> None:
    text = export_text("tamarind")
    data = yaml.safe_load(text)
    OrgFile.model_validate(data)
    assert [u["id"] for u in data["units"]] == [
        "gov", "finance", "health", "health-it", "health-records", "nda", "nda-platforms",
        "nda-security",
    ]  # fmt: skip
    assert "جمهورية التمر الهندي" in text and "Agence nationale du numérique" in text
    cio = data["units"][0]["positions"][0]
    assert cio == {
        "id": "cio",
        "role": "chief-information-officer",
        "title": "Government CIO",
        "grade": "D1",
        "cost": 98000.5,
        "status": "filled",
        "reports_to": "minister",
        "rights": ["spend_control", "technical_decisions"],
        "slot": "djibouti-digital-team/strategy-management/chief-information-officer",
    }
    assert "fte: 1\n" not in text and "sourcing: internal" not in text  # defaults left out
    assert data["people"][0]["assignments"][0] == {
        "position": "health-po",
        "start": datetime.date(2023, 1, 1),
        "end": datetime.date(2023, 12, 31),
    }


def test_the_minimal_file_is_written_back_as_it_was(shipped_reference: object) -> None:
    import_text(MINIMAL.read_text())
    assert export_text("minimal") == MINIMAL.read_text()


def test_what_is_imported_is_in_the_database(tamarind: Government) -> None:
    units = {u.code: u for u in Unit.objects.filter(government=tamarind)}
    for unit in units.values():
        parent_path = unit.parent.path if unit.parent else "/"
        assert unit.path == f"{parent_path}{unit.pk}/"
        assert unit.depth == (unit.parent.depth + 1 if unit.parent else 0)
    assert units["health-records"].depth == 3
    dev = Position.objects.get(code="nda-dev-1")
    assert dev.reports_to is not None and dev.reports_to.code == "nda-architect"
    assert sorted(p.code for p in dev.dotted_to.all()) == ["cio", "nda-ciso"]
    assert dev.vendor is not None and dev.vendor.code == "acme" and dev.sized_as == ""
    po = Position.objects.select_related("slot__role").get(code="health-po")
    assert po.product_decisions and not po.spend_control
    assert po.slot is not None and po.slot.role.slug == "product-owner"
    assert po.sized_as == fingerprint(
        {
            "unit": "health-records",
            "role": "product-owner",
            "sourcing": "internal",
            "fte": 1,
            "grade": "",
            "annual_cost": None,
            "status": "filled",
            "title": "",
        }
    )
    assert Assignment.objects.get(person__code="omar", position=po).fte == Decimal("0.5")


def test_json_and_yaml_exports_hold_the_same_data(tamarind: Government) -> None:
    from_yaml = yaml.safe_load(export_text("tamarind", "yaml"))
    from_json = json.loads(export_text("tamarind", "json"))
    assert OrgFile.model_validate(from_yaml) == OrgFile.model_validate(from_json)


def test_export_without_people(tamarind: Government) -> None:
    data = org_export(government=tamarind, people=False)
    assert "people" not in data and data["vendors"]


def test_replace_changes_only_that_government(tamarind: Government) -> None:
    import_text(MINIMAL.read_text())
    minimal_before = export_text("minimal")
    smaller = REALISTIC.replace("  - {id: nomad, name: Nomad Consulting}\n", "").replace(
        "        sourcing: consultant\n        vendor: nomad\n", ""
    )
    smaller = smaller[: smaller.index("  - id: sara")]
    summary = import_text(smaller, replace=True)
    assert summary.replaced and summary.counts["vendors"] == 1 and summary.counts["people"] == 3
    assert "nomad" not in export_text("tamarind")
    assert export_text("minimal") == minimal_before


def test_an_existing_government_needs_replace(tamarind: Government) -> None:
    before = org_counts()
    with pytest.raises(FileInvalid, match="use --replace"):
        import_text(REALISTIC, filename="tamarind.yaml")
    assert org_counts() == before


def test_a_failure_while_writing_leaves_nothing(
    shipped_reference: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the disk is full")

    before = org_counts()
    monkeypatch.setattr(Assignment.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        import_text(REALISTIC)
    assert org_counts() == before


def test_assignments_one_after_the_other_do_not_add_up(shipped_reference: object) -> None:
    # health-po: amina until 2023-12-31, then omar from 2024-01-01: never more than 1 FTE
    text = REALISTIC.replace("start: 2024-01-01, fte: 0.5}", "start: 2024-01-01}")
    assert import_text(text).counts["assignments"] == 7


def test_a_json_file_has_its_problems_located(shipped_reference: object) -> None:
    text = json.dumps(yaml.safe_load(MINIMAL.read_text()), indent=2, default=str)
    with pytest.raises(FileInvalid) as refused:
        import_text(text.replace('"product-owner"', '"prodct-owner"'), filename="org.json")
    assert [str(p) for p in refused.value.problems] == [
        "org.json:38 units[1].positions[1].role: "
        "unknown role 'prodct-owner' (did you mean 'product-owner'?)"
    ]
    with pytest.raises(FileInvalid, match=r"^org.json:3: not valid JSON: Expecting"):
        import_text(text.replace('"government": {', '"government": {,'), filename="org.json")


def test_replace_deletes_every_table_that_refers_to_an_organisation() -> None:
    # replacing deletes these tables with one DELETE each: a table added later that refers to
    # them must be added to ORGANISATION_TABLES, or its rows would be left dangling
    tables = {model for model, _ in ORGANISATION_TABLES}
    for model in tables:
        for relation in model._meta.related_objects:
            assert relation.related_model in tables, f"{relation} is not deleted on --replace"


def test_json_that_yaml_cannot_read_still_imports(shipped_reference: object) -> None:
    # json.dumps escapes an emoji as a surrogate pair, which YAML (used to find lines) refuses
    data = yaml.safe_load(MINIMAL.read_text().replace("Citizen portal", "Citizen portal 🙂"))
    text = json.dumps(data, default=str)
    assert "\\ud83d" in text
    with pytest.raises(FileInvalid) as refused:
        import_text(text.replace("product-owner", "prodct-owner"), filename="org.json")
    assert str(refused.value.problems[0]).startswith("org.json units[1].positions[1].role: ")
    import_text(text, filename="org.json")
    assert yaml.safe_load(export_text("minimal"))["services"][0]["name"] == "Citizen portal 🙂"


MAPPING = "a mapping with the keys format, government, units …"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "government:\n  name: A\x07B\n",
            "org.yaml:2: not valid YAML: the character U+0007 is not allowed",
        ),
        ("", f"org.yaml:1: the file is empty: expected {MAPPING}"),
        ("just text\n", f"org.yaml:1: expected {MAPPING}, got text"),
    ],
)
def test_files_that_are_no_organisation(text: str, message: str) -> None:
    with pytest.raises(FileInvalid) as refused:
        import_text(text)
    assert [str(p) for p in refused.value.problems] == [message]
    with pytest.raises(FileInvalid, match=r"^org\.json:1: the file is empty"):
        import_text("  \n", filename="org.json")


def test_check_settings_travel_with_the_file(shipped_reference: object) -> None:
    from tests.organisation.orgfiles import MINIMAL

    settings = (
        "checks:\n  rules:\n    DIG602: {params: {max_share: 30}}\n  waivers:\n"
        "  - rule: DIG603\n    subject: unit:ministry\n    justification: Until the hires.\n"
        "    expires: 2027-01-31\n"
    )
    import_text(MINIMAL.read_text() + settings)
    government = Government.objects.get(code="minimal")
    assert government.check_config["rules"] == {"DIG602": {"params": {"max_share": 30}}}
    exported = org_dump(org_export(government=government), "yaml")
    assert "max_share: 30" in exported and "justification: Until the hires." in exported
    import_text(exported, replace=True)
    again = Government.objects.get(code="minimal")
    assert org_dump(org_export(government=again), "yaml") == exported
