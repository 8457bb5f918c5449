from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def reference_dir() -> Path | None:
    """The folder of the real GovStack documents, when present."""
    given = os.environ.get("DIGITEAM_REFERENCE_DIR")
    folder = Path(given) if given else REPO.parent / "shared" / "reference"
    return folder if folder.is_dir() else None


@pytest.fixture
def fixture_reference(tmp_path: Path) -> Path:
    """A writable copy of the tests' tiny reference folder."""
    target = tmp_path / "reference"
    shutil.copytree(FIXTURES / "reference", target)
    return target


@pytest.fixture
def shipped_reference(db):  # type: ignore[no-untyped-def]
    """The database with the shipped reference data loaded."""
    from digiteam.reference import reference_load

    return reference_load()
