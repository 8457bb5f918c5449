from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from digiteam.cli.base import Command as BaseCommand
from digiteam.cli.management.commands.serve import add_server_arguments
from digiteam.cli.server import serve
from digiteam.organisation.demo import demo_load
from digiteam.reference import reference_load

ADMIN = "admin"


class Command(BaseCommand):
    help = (
        "Create or migrate the database, load the reference data, create an administrator "
        "(password printed once) and serve the web application."
    )

    def add_arguments(self, parser: Any) -> None:
        add_server_arguments(parser)
        parser.add_argument(
            "--no-serve", action="store_true", help="prepare the data and stop without serving"
        )

    def handle(self, *args: Any, host: str, port: int, workers: int, **options: Any) -> None:
        from django.conf import settings

        self.stdout.write(f"Data directory: {settings.DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        counts = reference_load()
        self.stdout.write(
            f"Reference data: {counts['roles']} roles, {counts['templates']} templates."
        )
        government = demo_load()
        if government is not None:
            self.stdout.write(
                f"Demo organisation loaded: {government.name}, "
                f"{government.units.count()} units, {government.positions.count()} positions."
            )
        self._administrator()
        call_command("collectstatic", interactive=False, verbosity=0)
        if options["no_serve"]:
            return
        self.stdout.write(f"Serving digiteam on http://{host}:{port}/ (Ctrl-C to stop)")
        serve(host=host, port=port, workers=workers)

    @transaction.atomic
    def _administrator(self) -> None:
        User = get_user_model()
        if User.objects.filter(username=ADMIN).exists():
            self.stdout.write(
                f"Administrator '{ADMIN}' exists; its password was printed on the first run "
                f"(reset it with: digiteam changepassword {ADMIN})."
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=ADMIN, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Administrator created. Log in as '{ADMIN}' with password: {password}\n"
                "This password is shown only once."
            )
        )
