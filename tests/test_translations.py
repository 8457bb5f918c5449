"""Every UI string is translated into French and Arabic, and the compiled catalogues are fresh."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "digiteam"
LANGUAGES = ["fr", "ar"]


def _po(language: str) -> polib.POFile:
    return polib.pofile(str(PACKAGE / "locale" / language / "LC_MESSAGES" / "django.po"))


def _key(entry: polib.POEntry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete(language: str) -> None:
    po = _po(language)
    missing = [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries()]
    assert missing == [], f"untranslated in {language}: {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_source(language: str) -> None:
    po = _po(language)
    mo = polib.mofile(str(PACKAGE / "locale" / language / "LC_MESSAGES" / "django.mo"))
    compiled = {_key(e): (e.msgstr, dict(e.msgstr_plural)) for e in mo if e.msgid}
    source = {_key(e): (e.msgstr, dict(e.msgstr_plural)) for e in po.translated_entries()}
    assert compiled == source, "run: uv run python tools/compile_translations.py"


def test_every_ui_string_is_in_the_catalogues(tmp_path: Path) -> None:
    if not shutil.which("xgettext"):
        pytest.skip("xgettext (Debian package gettext) is needed to extract UI strings")
    copy = tmp_path / "digiteam"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "fr",
            "--no-obsolete",
            "--ignore",
            "gitbook/*",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "digiteam.settings"},
    )
    extracted = {_key(e) for e in polib.pofile(str(copy / "locale/fr/LC_MESSAGES/django.po"))}
    for language in LANGUAGES:
        known = {_key(e) for e in _po(language)}
        assert extracted - known == set(), f"run makemessages and translate ({language})"
