"""``digiteam check-deploy``: Django's deployment checks, failing on any warning.

``digiteam check`` is the organisation check, so Django's ``check --deploy`` gets this name.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands.check import Command as DjangoCheck

from digiteam.cli.base import Command as DigiteamCommand


class Command(DjangoCheck):
    help = (
        "Check the settings for a production deployment (Django's check --deploy: debug off, a "
        "strong secret key, allowed hosts, HTTPS, HSTS, secure cookies, headers) with the "
        "environment this command runs in. Exit 0 when clean, 1 on any warning. "
        "docs/deploy.md says which DIGITEAM_* variables a deployment behind TLS sets."
    )
    suppressed_base_arguments = DigiteamCommand.suppressed_base_arguments | {"--verbosity"}

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--tag",
            "-t",
            action="append",
            dest="tags",
            help="run only the checks of this tag (security, compatibility...; repeatable)",
        )

    def handle(self, *app_labels: Any, **options: Any) -> None:
        options = {"list_tags": False, "databases": None, **options}
        super().handle(*app_labels, **{**options, "deploy": True, "fail_level": "WARNING"})
