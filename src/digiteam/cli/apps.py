from django.apps import AppConfig


class CliConfig(AppConfig):
    name = "digiteam.cli"
    label = "cli"
