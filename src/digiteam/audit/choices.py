from django.db import models
from django.utils.translation import gettext_lazy as _


class Via(models.TextChoices):
    WEB = "web", _("Web application")
    API = "api", _("API")
    CLI = "cli", _("Command line")
    IMPORT = "import", _("Import")
    SIZING = "sizing", _("Sizing")
    ADMIN = "admin", _("Administration")
    SYSTEM = "system", _("System")


class Action(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")
