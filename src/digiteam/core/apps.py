from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "digiteam.core"
    label = "core"
