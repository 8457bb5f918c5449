"""Every way into the data leaves an attributed change set: commands, imports, loads."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from digiteam.audit.choices import Action, Via
from digiteam.audit.models import Change, ChangeSet
from digiteam.cli.base import command_line_user
from digiteam.gitbook import read_composition, read_taxonomy
from digiteam.interchange.gitbook_import import gitbook_import
from digiteam.organisation.demo import demo_load
from digiteam.organisation.models import Government, Position, Unit
from digiteam.reference import reference_load
from digiteam.taxonomy.models import Role
from tests.factories import changes_of, make_user
from tests.interchange.test_gitbook_roundtrip import FIXTURES
from tests.organisation.orgfiles import MINIMAL, REALISTIC, import_text
from tests.web.test_files_page import minimal, upload

pytestmark = pytest.mark.django_db


def _sets() -> list[ChangeSet]:
    return list(ChangeSet.objects.order_by("at"))


def test_an_org_import_is_one_change_set_with_a_row_per_object(
    shipped_reference: object,
) -> None:
    before = ChangeSet.objects.count()
    import_text(REALISTIC)
    (imported,) = ChangeSet.objects.exclude(pk__in=[s.pk for s in _sets()[:before]]).order_by("at")
    assert imported.via == Via.IMPORT and imported.government_code == "tamarind"
    assert imported.summary.startswith("Imported ")
    government = Government.objects.get(code="tamarind")
    created = imported.changes.filter(action=Action.CREATE)
    assert created.filter(content_type__model="position").count() == (
        Position.objects.filter(government=government).count()
    )
    assert created.filter(content_type__model="unit").count() == (
        Unit.objects.filter(government=government).count()
    )
    unit = Unit.objects.get(government=government, code="gov")
    (row,) = changes_of(unit)
    assert row.after is not None and row.after["path"] == unit.path, "recorded as stored"
    names = imported.changes.values_list("object_repr", flat=True)
    assert not [n for n in names if "object (" in n], "each row named, not numbered"


def test_replacing_an_organisation_records_what_it_deleted_and_the_new_values(
    shipped_reference: object,
) -> None:
    import_text(REALISTIC)
    government = Government.objects.get(code="tamarind")
    old_position = Position.objects.filter(government=government).first()
    assert old_position is not None
    import_text(REALISTIC.replace("Republic of Tamarind", "Tamarind"), replace=True)
    replaced = ChangeSet.objects.order_by("-at").first()
    assert replaced is not None
    deleted = replaced.changes.get(
        action=Action.DELETE, content_type__model="position", object_id=old_position.pk
    )
    assert deleted.before is not None and deleted.before["code"] == old_position.code
    update = replaced.changes.get(action=Action.UPDATE, content_type__model="government")
    assert update.before is not None and update.after is not None
    assert (update.before["name"], update.after["name"]) == ("Republic of Tamarind", "Tamarind")


def test_a_command_is_attributed_to_the_account_that_ran_it(shipped_reference: object) -> None:
    call_command("org", "import", str(MINIMAL), stdout=io.StringIO())
    imported = ChangeSet.objects.get(government_code="minimal")
    assert imported.user is None
    assert imported.username == command_line_user() != ""
    assert imported.via == Via.IMPORT
    assert imported.summary == "Imported minimal.yaml"


def test_a_command_s_own_writes_are_its_change_set_through_the_command_line(db: object) -> None:
    call_command("load_reference", stdout=io.StringIO())
    (loaded,) = _sets()
    assert (loaded.via, loaded.username) == (Via.CLI, command_line_user())
    assert loaded.summary == "Loaded the reference data"


def test_the_reference_load_records_its_rows_once_and_a_reload_nothing(db: object) -> None:
    reference_load()
    (loaded,) = _sets()
    assert loaded.summary == "Loaded the reference data"
    assert loaded.changes.filter(action=Action.CREATE, content_type__model="role").count() == (
        Role.objects.count()
    )
    reference_load()
    assert _sets() == [loaded], "nothing changed, nothing recorded"


def test_a_gitbook_import_is_one_change_set_of_its_roles_and_template(db: object) -> None:
    taxonomy = read_taxonomy((FIXTURES / "taxonomy_defects.md").read_text(), path="t.md")
    composition = read_composition((FIXTURES / "composition_defects.md").read_text(), path="c.md")
    result = gitbook_import(taxonomy=taxonomy, composition=composition, create_missing=True)
    (imported,) = _sets()
    assert (imported.via, imported.summary) == (Via.IMPORT, "Imported t.md, c.md")
    roles = imported.changes.filter(content_type__model="role", action=Action.CREATE)
    assert roles.count() == len(result.created)
    assert imported.changes.filter(content_type__model="template").get().object_repr


def test_the_demo_is_recorded_as_an_import(shipped_reference: object) -> None:
    government = demo_load()
    assert government is not None
    demo = ChangeSet.objects.get(government_code=government.code)
    assert demo.via == Via.IMPORT and demo.summary == "Imported djibouti.yaml"
    assert Change.objects.filter(change_set=demo, content_type__model="position").count() == (
        Position.objects.filter(government=government).count()
    )


def test_an_upload_on_the_files_page_is_the_user_s_import(shipped_reference: object) -> None:
    import_text(MINIMAL.read_text().replace("code: minimal", "code: testland"))
    client = Client()
    client.force_login(make_user(username="nadia", is_superuser=True))
    checked = client.post("/org/testland/files/", {"file": upload(minimal())})
    payload = checked.context["confirm"].initial["payload"]
    assert client.post("/org/testland/files/", {"payload": payload}).status_code == 302
    uploaded = ChangeSet.objects.get(username="nadia")
    assert (uploaded.via, uploaded.summary) == (Via.IMPORT, "Imported testland.yaml")
    assert uploaded.changes.filter(action=Action.DELETE).exists(), "what it replaced"
