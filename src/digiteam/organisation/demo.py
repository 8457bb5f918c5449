"""The illustrative demo organisation shipped with digiteam (loaded by `digiteam demo`)."""

from __future__ import annotations

from pathlib import Path

from digiteam.organisation.models import Government
from digiteam.organisation.orgfile import org_import

DEMO_FILE = Path(__file__).resolve().parents[1] / "data" / "demo" / "djibouti.yaml"
DEMO_CODE = "djibouti"


def demo_load() -> Government | None:
    """Load the demo government once; None when it is already there (a second run keeps it)."""
    if Government.objects.filter(code=DEMO_CODE).exists():
        return None
    org_import(text=DEMO_FILE.read_text(encoding="utf-8"), filename=str(DEMO_FILE))
    return Government.objects.get(code=DEMO_CODE)
