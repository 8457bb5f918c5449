from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from digiteam.cli.base import Command as BaseCommand
from digiteam.core.located import FileInvalid
from digiteam.reference import REFERENCE_DIR, reference_load


class Command(BaseCommand):
    help = "Load or refresh the shipped taxonomy, proficiency scales and composition templates."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--directory",
            type=Path,
            default=REFERENCE_DIR,
            help="a folder holding taxonomy.yaml, scales.yaml and templates/ (default: shipped)",
        )

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        try:
            counts = reference_load(directory)
        except FileInvalid as exc:
            raise CommandError(f"nothing was loaded:\n{exc}", returncode=2) from None
        summary = ", ".join(f"{n} {what}" for what, n in counts.items())
        self.stdout.write(f"Reference data loaded: {summary}.")
