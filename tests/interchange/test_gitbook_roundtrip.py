"""GitBook documents into the database and back out: all-or-nothing, and round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from digiteam.compositions.models import QuantityRule, RoleSlot, Template
from digiteam.core.located import FileInvalid
from digiteam.gitbook import check, normalised, read_composition, read_taxonomy
from digiteam.interchange.gitbook_import import gitbook_import
from digiteam.taxonomy.models import Role
from tests.conftest import reference_dir

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parents[1] / "gitbook" / "fixtures"


def _export(folder: Path) -> dict[str, str]:
    call_command("gitbook", "export", "-o", str(folder))
    return {p.name: p.read_text() for p in sorted(folder.glob("*.md"))}


def test_export_reads_back_the_same_and_every_link_resolves(
    shipped_reference: object, tmp_path: Path
) -> None:
    files = _export(tmp_path)
    assert set(files) == {
        "taxonomy.md",
        "core-service-team.md",
        "digital-leadership.md",
        "djibouti-digital-team.md",
    }
    taxonomy = read_taxonomy(files["taxonomy.md"], path="taxonomy.md")
    assert len(taxonomy.roles) == Role.objects.count()
    titles = {r.title for r in taxonomy.roles}
    assert set(Role.objects.values_list("title", flat=True)) == titles
    djibouti = read_composition(files["djibouti-digital-team.md"], path="d.md")
    template = Template.objects.get(slug="djibouti-digital-team")
    assert [f.name for f in djibouti.functions] == [f.name for f in template.functions.all()]
    slots = RoleSlot.objects.filter(function__template=template).count()
    assert sum(len(f.links) for f in djibouti.functions) == slots
    for name, text in files.items():
        if name != "taxonomy.md":
            findings = check(taxonomy, read_composition(text, path=name))
            # only the three roles that name a population are flagged; nothing else is wrong
            assert {f.code for f in findings} == {"group-not-role"}, name
            groups = set(Role.objects.filter(is_group=True).values_list("title", flat=True))
            assert {f.subject for f in findings} <= groups


def test_export_import_export_is_identical(shipped_reference: object, tmp_path: Path) -> None:
    first = _export(tmp_path / "one")
    taxonomy = read_taxonomy(first["taxonomy.md"], path="taxonomy.md")
    composition = read_composition(first["djibouti-digital-team.md"], path="d.md")
    roles_before = Role.objects.count()
    result = gitbook_import(
        taxonomy=taxonomy, composition=composition, template_slug="djibouti-copy"
    )
    assert result.created == [] and Role.objects.count() == roles_before
    second = _export(tmp_path / "two")
    assert second["taxonomy.md"] == first["taxonomy.md"]
    copy = read_composition(second["djibouti-copy.md"], path="d.md")
    assert normalised(copy)[3:] == normalised(composition)[3:]  # same columns and rows


def test_a_link_to_no_role_stops_the_import_and_writes_nothing(db: object) -> None:
    taxonomy = read_taxonomy((FIXTURES / "taxonomy_defects.md").read_text(), path="t.md")
    composition = read_composition(
        (FIXTURES / "composition_defects.md").read_text(), path="composition_defects.md"
    )
    with pytest.raises(FileInvalid) as caught:
        gitbook_import(taxonomy=taxonomy, composition=composition)
    message = str(caught.value)
    assert "composition_defects.md:18" in message and "#sign-language-interpreter" in message
    assert "--bind sign-language-interpreter=ROLE-SLUG" in message
    assert Role.objects.count() == 0 and Template.objects.count() == 0


def test_create_missing_imports_everything(db: object) -> None:
    taxonomy = read_taxonomy((FIXTURES / "taxonomy_defects.md").read_text(), path="t.md")
    composition = read_composition((FIXTURES / "composition_defects.md").read_text(), path="c.md")
    result = gitbook_import(taxonomy=taxonomy, composition=composition, create_missing=True)
    assert "sign-language-interpreter" in result.created
    template = Template.objects.get(slug=result.template)
    assert template.provenance_source == "imported"
    assert template.functions.count() == len(composition.functions)
    # Platform lists one anchor twice: one slot
    assert (
        RoleSlot.objects.filter(function__template=template, function__name="Platform").count() == 1
    )


def test_shipped_templates_are_never_overwritten(shipped_reference: object, tmp_path: Path) -> None:
    files = _export(tmp_path)
    taxonomy = read_taxonomy(files["taxonomy.md"], path="taxonomy.md")
    composition = read_composition(files["digital-leadership.md"], path="digital-leadership.md")
    with pytest.raises(FileInvalid, match="shipped reference data"):
        gitbook_import(
            taxonomy=taxonomy, composition=composition, template_slug="digital-leadership"
        )


def test_real_documents_import_onto_the_shipped_reference(shipped_reference: object) -> None:
    folder = reference_dir()
    if folder is None:
        pytest.skip("the GovStack documents (../shared/reference) are not on this machine")
    roles_before = Role.objects.count()
    call_command(
        "gitbook",
        "import",
        str(folder / "govstack-user-profiles-taxonomy.md"),
        str(folder / "digital-team-composition.md"),
    )
    assert Role.objects.count() == roles_before  # every heading and link matched a curated role
    template = Template.objects.get(slug="sample-digital-team-composition")
    assert template.functions.count() == 14
    cio = RoleSlot.objects.get(function__template=template, role__slug="chief-information-officer")
    rules = QuantityRule.objects.filter(slot=cio).order_by("position")
    assert [(r.kind, int(r.count)) for r in rules] == [("per_government", 1), ("per_ministry", 1)]
    admin = RoleSlot.objects.get(
        function__template=template, role__slug="administrative-coordinator"
    )
    assert admin.sourcing == ["internal"]


def test_import_command_reports_bad_files_with_exit_code_2(db: object, tmp_path: Path) -> None:
    bad = tmp_path / "broken.md"
    bad.write_bytes(b"# Roles\n\n<details>\n<summary>A</summary>\n\n### Caf\xe9\n")
    with pytest.raises(CommandError) as caught:
        call_command("gitbook", "import", str(bad))
    assert caught.value.returncode == 2 and f"{bad}:6" in str(caught.value)
