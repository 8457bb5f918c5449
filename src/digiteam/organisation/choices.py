from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    MINISTRY = "ministry", _("Ministry")
    DEPARTMENT = "department", _("Department")
    AGENCY = "agency", _("Agency")
    TEAM = "team", _("Team")


class PositionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    APPROVED = "approved", _("Approved")
    FILLED = "filled", _("Filled")
    VACANT = "vacant", _("Vacant")


class PositionSourcing(models.TextChoices):
    INTERNAL = "internal", _("Internal")
    CONTRACT = "contract", _("Contract")
    CONSULTANT = "consultant", _("External consultant")
    SECONDMENT = "secondment", _("Secondment")


class DecisionRight(models.TextChoices):
    SPEND_CONTROL = "spend_control", _("Spend control")
    PRODUCT = "product_decisions", _("Product decisions")
    TECHNICAL = "technical_decisions", _("Technical decisions")


class GovernanceArea(models.TextChoices):
    MISSION_IT = "mission_it", _("Mission IT")
    DIGITAL_PUBLIC_SERVICES = "digital_public_services", _("Digital public services")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    SHARED_SERVICES = "shared_services", _("Shared services")
