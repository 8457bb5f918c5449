from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompositionsConfig(AppConfig):
    name = "digiteam.compositions"
    label = "compositions"
    verbose_name = _("Compositions")
