from django.core.management.base import BaseCommand


class Command(BaseCommand):
    """A digiteam command: Django's developer options stay out of its help."""

    suppressed_base_arguments = {
        "--version",
        "--settings",
        "--pythonpath",
        "--traceback",
        "--no-color",
        "--force-color",
        "--skip-checks",
    }
