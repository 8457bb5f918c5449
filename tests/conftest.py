from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):  # type: ignore[no-untyped-def]
    """Under DIGITEAM_CI_STRICT=1 (set by .ci/run) a skipped test is a failed test."""
    report = yield
    if os.environ.get("DIGITEAM_CI_STRICT") == "1" and report.skipped:
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"skipped in CI, where nothing may be skipped: {reason}"
    return report


@pytest.fixture(autouse=True)
def _plain_static_files(settings):  # type: ignore[no-untyped-def]
    """Tests render templates without a collectstatic manifest."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """A test that switches language (a French or Arabic page) leaves English behind it."""
    from django.utils import translation

    yield
    translation.activate("en")
