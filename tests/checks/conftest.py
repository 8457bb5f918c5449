from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from digiteam.checks.adapters_file import snapshot_from_orgfile
from digiteam.checks.engine import CheckConfig, Organisation
from digiteam.organisation.schema import OrgFile
from digiteam.reference import Reference, reference_read

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = datetime.date(2025, 6, 30)  # every test checks on this date


@pytest.fixture(scope="session")
def reference() -> Reference:
    """The shipped taxonomy and templates, read from the YAML (no database)."""
    return reference_read()


def orgfile_read(path: Path) -> OrgFile:
    return OrgFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def fixture_org(name: str, reference: Reference) -> Organisation:
    """The snapshot of tests/checks/fixtures/<name>.yaml."""
    return snapshot_from_orgfile(orgfile_read(FIXTURES / f"{name}.yaml"), reference)


def config(**fields: object) -> CheckConfig:
    """A configuration checking on TODAY."""
    return CheckConfig.model_validate({"today": TODAY, **fields})
