import getpass
from typing import Any

from django.core.management.base import BaseCommand

from digiteam.audit.choices import Via
from digiteam.audit.context import acting


def command_line_user() -> str:
    """The operating-system account running the command: who a command's changes are by."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment nor the password database
        return "unknown"


class Command(BaseCommand):
    """A digiteam command: Django's developer options stay out of its help.

    Whatever it changes is recorded in the audit trail as the operating-system account that
    ran it, through the command line (an import or a sizing inside it is its own change set).
    """

    suppressed_base_arguments = {
        "--version",
        "--settings",
        "--pythonpath",
        "--traceback",
        "--no-color",
        "--force-color",
        "--skip-checks",
    }

    def execute(self, *args: Any, **options: Any) -> Any:
        name = self.__class__.__module__.rsplit(".", 1)[-1].replace("_", "-")
        with acting(username=command_line_user(), via=Via.CLI, summary=f"digiteam {name}"):
            return super().execute(*args, **options)
