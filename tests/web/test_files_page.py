"""The import/export page: downloads, and an organisation file checked, then confirmed."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.test import Client

from digiteam.organisation.models import Government, Position, Unit
from digiteam.organisation.orgfile.read import org_read
from tests.factories import make_government, make_position, make_role, make_unit
from tests.organisation.orgfiles import MINIMAL
from tests.web.conftest import EditorClient, ViewerClient

pytestmark = pytest.mark.django_db

URL = "/org/testland/files/"


@pytest.fixture
def government(shipped_reference: object) -> Government:
    gov = make_government(code="testland", name="Testland", currency="DJF")
    root = make_unit(government=gov, kind="government", code="gov", name="Government")
    ministry = make_unit(parent=root, kind="ministry", code="health", name="Ministry of Health")
    make_position(
        unit=ministry,
        role=make_role(slug="software-developer"),
        code="dev-1",
        annual_cost="42000.50",
        title="Développeuse",
    )
    return gov


def upload(text: str, name: str = "testland.yaml") -> io.BytesIO:
    file = io.BytesIO(text.encode())
    file.name = name
    return file


def minimal(code: str = "testland") -> str:
    return MINIMAL.read_text(encoding="utf-8").replace("code: minimal", f"code: {code}")


def test_positions_download_as_csv_for_spreadsheets(
    viewer_client: ViewerClient, government: Government
) -> None:
    response = viewer_client(government).get(f"{URL}positions.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="testland-positions.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][:5] == ["code", "unit code", "unit name", "role slug", "role title"]
    assert rows[0][-1] == "reports to" and len(rows[0]) == 15
    assert rows[1][:3] == ["dev-1", "health", "Ministry of Health"]
    assert rows[1][5] == "Développeuse" and "42000.50" in rows[1] and "DJF" in rows[1]


def test_csv_text_that_looks_like_a_formula_is_not_run_by_spreadsheets(
    viewer_client: ViewerClient, government: Government
) -> None:
    Position.objects.filter(code="dev-1").update(title='=HYPERLINK("http://x")')
    text = viewer_client(government).get(f"{URL}positions.csv").content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[1][5] == '\'=HYPERLINK("http://x")'


def test_the_yaml_download_reads_back(viewer_client: ViewerClient, government: Government) -> None:
    client = viewer_client(government)
    response = client.get(f"{URL}org.yaml")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    org, _located = org_read(text=response.content.decode(), filename="testland.yaml")
    assert org.government.code == "testland"
    assert [p.id for u in org.units for p in u.positions] == ["dev-1"]
    assert client.get(f"{URL}org.json").status_code == 200
    assert client.get(f"{URL}org.yaml?people=1").status_code == 403, "no personal data"
    page = client.get(URL).content.decode()
    assert "with people" not in page and "Check the file" not in page


def test_the_gitbook_pages_download_as_a_zip(admin_client: Client, government: Government) -> None:
    response = admin_client.get(f"{URL}gitbook.zip")
    assert response.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "taxonomy.md" in names and "djibouti-digital-team.md" in names


def test_a_broken_file_lists_its_problems_and_changes_nothing(
    admin_client: Client, government: Government
) -> None:
    text = minimal().replace("role: product-owner", "role: no-such-role")
    response = admin_client.post(URL, {"file": upload(text)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "testland.yaml:25 units[1].positions[1].role: unknown role" in page
    assert "Confirm import" not in page
    assert list(Position.objects.values_list("code", flat=True)) == ["dev-1"]


def test_a_valid_file_is_summarised_then_replaces_on_confirmation(
    admin_client: Client, government: Government
) -> None:
    response = admin_client.post(URL, {"file": upload(minimal())})
    assert response.status_code == 200
    assert "Confirm import" in response.content.decode()
    counts = {c.label: (c.before, c.after) for c in response.context["counts"]}
    assert counts["Units"] == (2, 2) and counts["Positions"] == (1, 2)
    assert list(Position.objects.values_list("code", flat=True)) == ["dev-1"], "not yet"

    payload = response.context["confirm"].initial["payload"]
    done = admin_client.post(URL, {"payload": payload})
    assert done.status_code == 302 and done["Location"] == URL
    assert sorted(Position.objects.values_list("code", flat=True)) == ["cio", "po"]
    assert set(Unit.objects.values_list("code", flat=True)) == {"gov", "ministry"}


def test_a_tampered_confirmation_is_refused(admin_client: Client, government: Government) -> None:
    response = admin_client.post(URL, {"payload": "not-signed"})
    assert response.status_code == 400
    assert Position.objects.count() == 1


def test_a_file_for_another_government_is_refused(
    admin_client: Client, government: Government
) -> None:
    response = admin_client.post(URL, {"file": upload(minimal("otherland"))})
    assert response.status_code == 400
    assert "for government &#x27;otherland&#x27;, not &#x27;testland&#x27;" in (
        response.content.decode()
    )
    assert Position.objects.count() == 1


def test_only_editors_of_the_whole_government_import(
    viewer_client: ViewerClient, editor_client: EditorClient, government: Government
) -> None:
    viewer = viewer_client(government)
    assert viewer.post(URL, {"file": upload(minimal())}).status_code == 403
    health = Unit.objects.get(code="health")
    assert editor_client(health).post(URL, {"file": upload(minimal())}).status_code == 403
    editor = editor_client(government)
    assert "Check the file" in editor.get(URL).content.decode()
    assert editor.post(URL, {"file": upload(minimal())}).status_code == 200
