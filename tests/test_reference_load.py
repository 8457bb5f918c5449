"""Loading reference data: idempotent, located errors, all-or-nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from digiteam.compositions.models import QuantityRule, RoleSlot, Template
from digiteam.core.located import FileInvalid
from digiteam.reference import reference_load
from digiteam.taxonomy.models import ProficiencyLevel, Role, RoleCategory

pytestmark = pytest.mark.django_db


def test_load_creates_roles_templates_and_rules(fixture_reference: Path) -> None:
    counts = reference_load(fixture_reference)
    assert counts == {"categories": 2, "roles": 2, "scales": 1, "skills": 0, "templates": 1}
    captain = Role.objects.get(slug="captain")
    assert captain.title_fr == "Capitaine"
    assert [c.slug for c in captain.categories.all()] == ["bridge"]
    assert captain.isco08 == "3152"
    ratio = QuantityRule.objects.get(kind="ratio")
    assert ratio.of_role == captain and ratio.count == 4 and ratio.maximum == 40
    assert ProficiencyLevel.objects.count() == 2


def test_loading_twice_changes_nothing_and_keeps_ids(fixture_reference: Path) -> None:
    reference_load(fixture_reference)
    slot_ids = sorted(RoleSlot.objects.values_list("id", flat=True))
    reference_load(fixture_reference)
    assert sorted(RoleSlot.objects.values_list("id", flat=True)) == slot_ids
    assert Role.objects.count() == 2
    assert QuantityRule.objects.count() == 3


def test_a_reload_applies_edits(fixture_reference: Path) -> None:
    reference_load(fixture_reference)
    path = fixture_reference / "taxonomy.yaml"
    path.write_text(path.read_text().replace("Commands the ship", "Leads the ship"))
    reference_load(fixture_reference)
    assert Role.objects.get(slug="captain").description.startswith("Leads the ship")


def _break(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "templates/ship.yaml",
            "- role: deckhand",
            "- role: deckhnd",
            "ship.yaml:20 functions[1].slots[0].role: unknown role 'deckhnd' "
            "(did you mean 'deckhand'?)",
        ),
        (
            "taxonomy.yaml",
            "categories: [crew]",
            "categories: [crow]",
            "taxonomy.yaml:28 roles[1].categories[0]: unknown category 'crow' "
            "(did you mean 'crew'?)",
        ),
        (
            "taxonomy.yaml",
            'isco08: "3152"',
            'isco08: "31"',
            "taxonomy.yaml:21 roles[0].isco08: expected a four-digit ISCO-08 code, got '31'",
        ),
        (
            "taxonomy.yaml",
            "    aliases: [Skipper]",
            "    alias: [Skipper]",
            "taxonomy.yaml:19 roles[0].alias: unknown key 'alias'",
        ),
        (
            "templates/ship.yaml",
            "of_role: captain, ",
            "",
            "ship.yaml:23 functions[1].slots[0].rules[0]: a ratio rule needs 'per' and 'of_role'",
        ),
        ("scales.yaml", "levels:", "levels: [", "scales.yaml:7: not valid YAML"),
    ],
)
def test_bad_file_gives_a_located_message_and_loads_nothing(
    fixture_reference: Path, file: str, old: str, new: str, expected: str
) -> None:
    _break(fixture_reference, file, old, new)
    with pytest.raises(FileInvalid) as caught:
        reference_load(fixture_reference)
    assert expected in str(caught.value)
    assert Role.objects.count() == 0 and Template.objects.count() == 0


def test_a_bad_file_leaves_earlier_data_untouched(fixture_reference: Path) -> None:
    reference_load(fixture_reference)
    _break(fixture_reference, "taxonomy.yaml", "Works on deck.", "Changed.")
    _break(fixture_reference, "templates/ship.yaml", "- role: deckhand", "- role: nobody")
    with pytest.raises(FileInvalid):
        reference_load(fixture_reference)
    assert Role.objects.get(slug="deckhand").description == "Works on deck."


def test_a_reload_raises_the_version_of_what_changed_only(fixture_reference: Path) -> None:
    reference_load(fixture_reference)
    reference_load(fixture_reference)
    assert set(Role.objects.values_list("version", flat=True)) == {1}
    assert set(RoleCategory.objects.values_list("version", flat=True)) == {1}
    assert Template.objects.get(slug="ship").version == 1
    _break(fixture_reference, "taxonomy.yaml", "Commands the ship", "Leads the ship")
    _break(fixture_reference, "templates/ship.yaml", "max: 40", "max: 30")
    reference_load(fixture_reference)
    versions = dict(Role.objects.values_list("slug", "version"))
    assert versions == {"captain": 2, "deckhand": 1}
    assert set(RoleCategory.objects.values_list("version", flat=True)) == {1}
    assert Template.objects.get(slug="ship").version == 2
