"""The database adapter: the same snapshot and report as the file, in a fixed number of queries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from digiteam.checks.adapters_db import QUERIES, snapshot_from_db
from digiteam.checks.adapters_file import snapshot_from_orgfile
from digiteam.checks.engine import Organisation, run_checks
from digiteam.organisation.generator import generate_org
from digiteam.organisation.models import Government
from digiteam.organisation.orgfile import org_import
from digiteam.organisation.schema import OrgFile
from digiteam.reference import Reference
from tests.checks.conftest import FIXTURES, config, orgfile_read

pytestmark = pytest.mark.django_db


def _imported(text: str) -> Government:
    summary = org_import(text=text, filename="org.yaml")
    return Government.objects.get(code=summary.government)


def _report_json(org: Organisation) -> str:
    return json.dumps(run_checks(org, config()).to_dict(), sort_keys=True)


def _generated_text(positions: int) -> str:
    """A generated government, with a template applied so that every query runs."""
    data = generate_org(ministries=3, positions=positions, seed=7)
    data["templates"] = ["digital-leadership"]
    return yaml.safe_dump(data, sort_keys=False)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.yaml")), ids=lambda p: p.stem)
def test_each_fixture_gives_the_same_snapshot_from_the_database(
    path: Path, shipped_reference: object, reference: Reference
) -> None:
    from_file = snapshot_from_orgfile(orgfile_read(path), reference)
    from_db = snapshot_from_db(_imported(path.read_text(encoding="utf-8")))
    assert from_db == from_file
    assert _report_json(from_db) == _report_json(from_file)


def test_a_generated_government_gives_the_same_report_from_file_and_database(
    shipped_reference: object, reference: Reference
) -> None:
    text = _generated_text(400)
    from_file = snapshot_from_orgfile(OrgFile.model_validate(yaml.safe_load(text)), reference)
    from_db = snapshot_from_db(_imported(text))
    assert len(from_db.positions) == 400
    assert from_db == from_file
    assert _report_json(from_db) == _report_json(from_file)


def test_the_number_of_queries_does_not_grow_with_the_organisation(
    shipped_reference: object, django_assert_num_queries: object
) -> None:
    small = _imported((FIXTURES / "DIG701-pass.yaml").read_text(encoding="utf-8"))
    large = _imported(_generated_text(600))
    for government in (small, large):
        with django_assert_num_queries(QUERIES):  # type: ignore[operator]
            snapshot_from_db(government)
