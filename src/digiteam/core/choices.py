from django.db import models
from django.utils.translation import gettext_lazy as _


class ProvenanceSource(models.TextChoices):
    GOVSTACK_TAXONOMY = "govstack-taxonomy", _("GovStack user profiles taxonomy")
    COMPOSITION = "composition", _("Sample digital team composition (Djibouti)")
    PRINCIPLES = "principles", _("Organize government for digital services")
    ADDED = "added", _("Added by digiteam")
    IMPORTED = "imported", _("Imported from a GitBook document")


class Sourcing(models.TextChoices):
    INTERNAL = "internal", _("Internal")
    CONTRACT = "contract", _("Contract")
    CONSULTANT = "consultant", _("External consultant")
    SECONDMENT = "secondment", _("Secondment from departments")
    FOCAL_POINT = "focal_point", _("Focal point in each agency")
