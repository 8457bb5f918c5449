"""A government's digital organisation: units, services, positions, people and vendors.

Every object carries a ``code``, unique within its government, that org files use as its id.
A unit's ``path`` ("/1/7/42/") lists the ids from the root down; a subtree is one index range.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from digiteam.compositions.models import RoleSlot
from digiteam.core.models import Named
from digiteam.core.versioning import version_field
from digiteam.organisation.choices import (
    GovernanceArea,
    PositionSourcing,
    PositionStatus,
)
from digiteam.taxonomy.models import Role


def _unique_code(model: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=["government", "code"],
        name=f"{model}_code_unique_in_government",
        violation_error_message=_("This code is already used in this government."),
    )


class Government(Named):
    code = models.SlugField(_("code"), unique=True, max_length=100)
    version = version_field()
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    country = models.CharField(_("country (ISO 3166-1 alpha-2)"), max_length=2, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    currency = models.CharField(_("currency (ISO 4217)"), max_length=3, default="USD")
    unit_kinds = models.JSONField(
        _("additional unit kinds"),
        default=list,
        blank=True,
        help_text=_("Kinds of unit this government uses beyond the built-in ones."),
    )
    illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("Invented data for demonstration.")
    )
    check_config = models.JSONField(
        _("check settings"),
        default=dict,
        blank=True,
        help_text=_("Rules switched off, severities, thresholds, own rules and waivers."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("government")
        verbose_name_plural = _("governments")
        constraints = [
            models.CheckConstraint(
                name="government_currency_iso",
                condition=Q(currency__regex=r"^[A-Z]{3}$"),
                violation_error_message=_("A currency is a three-letter ISO 4217 code."),
            ),
            models.CheckConstraint(
                name="government_country_iso",
                condition=Q(country="") | Q(country__regex=r"^[A-Z]{2}$"),
                violation_error_message=_("A country is a two-letter ISO 3166-1 code."),
            ),
        ]


class Vendor(models.Model):
    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="vendors")
    code = models.SlugField(_("code"), max_length=100)
    version = version_field()
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")
        constraints = [_unique_code("vendor")]

    def __str__(self) -> str:
        return self.name


class Unit(Named):
    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    path = models.CharField(_("path"), max_length=2000, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    code = models.SlugField(_("code"), max_length=100)
    version = version_field()
    kind = models.CharField(_("kind"), max_length=40)
    name_fr = models.CharField(_("name (French)"), max_length=300, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=300, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            _unique_code("unit"),
            models.CheckConstraint(
                name="unit_not_own_parent",
                condition=~Q(parent=F("id")),
                violation_error_message=_("A unit cannot be its own parent."),
            ),
        ]
        indexes = [models.Index(fields=["government", "path"], name="unit_government_path")]


class DigitalService(Named):
    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="services")
    code = models.SlugField(_("code"), max_length=100)
    version = version_field()
    name_fr = models.CharField(_("name (French)"), max_length=300, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=300, blank=True)
    owner = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="owned_services", verbose_name=_("owner")
    )
    team = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delivered_services",
        verbose_name=_("delivery team"),
    )
    personal_data = models.BooleanField(_("processes personal data"), default=False)
    area = models.CharField(
        _("governance area"), max_length=40, choices=GovernanceArea.choices, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("digital service")
        verbose_name_plural = _("digital services")
        constraints = [
            _unique_code("service"),
            models.CheckConstraint(
                name="service_area_valid",
                condition=Q(area="") | Q(area__in=GovernanceArea.values),
                violation_error_message=_("Unknown governance area."),
            ),
        ]


class Position(models.Model):
    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="positions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="positions")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="positions")
    code = models.SlugField(_("code"), max_length=100)
    version = version_field()
    title = models.CharField(_("working title"), max_length=300, blank=True)
    sourcing = models.CharField(
        _("sourcing"),
        max_length=20,
        choices=PositionSourcing.choices,
        default=PositionSourcing.INTERNAL,
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.PROTECT, null=True, blank=True, related_name="positions"
    )
    fte = models.DecimalField(_("FTE"), max_digits=4, decimal_places=2, default=1)
    grade = models.CharField(_("grade"), max_length=40, blank=True)
    annual_cost = models.DecimalField(
        _("annual cost"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PositionStatus.choices, default=PositionStatus.PLANNED
    )
    vacant_since = models.DateField(_("vacant since"), null=True, blank=True)
    reports_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("reports to"),
    )
    dotted_to = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="dotted_reports",
        verbose_name=_("dotted reporting lines"),
    )
    spend_control = models.BooleanField(_("spend control"), default=False)
    product_decisions = models.BooleanField(_("product decisions"), default=False)
    technical_decisions = models.BooleanField(_("technical decisions"), default=False)
    slot = models.ForeignKey(
        RoleSlot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("template slot"),
    )
    sized_as = models.CharField(
        _("fingerprint when sized"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Tells a position edited by hand since sizing from one left as sized."),
    )

    class Meta:
        ordering = ["unit__path", "code"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            _unique_code("position"),
            models.CheckConstraint(
                name="position_fte_range",
                condition=Q(fte__gt=0) & Q(fte__lte=1),
                violation_error_message=_("FTE is more than 0 and at most 1."),
            ),
            models.CheckConstraint(
                name="position_cost_not_negative",
                condition=Q(annual_cost__isnull=True) | Q(annual_cost__gte=0),
                violation_error_message=_("A cost cannot be negative."),
            ),
            models.CheckConstraint(
                name="position_status_valid",
                condition=Q(status__in=PositionStatus.values),
                violation_error_message=_("Unknown position status."),
            ),
            models.CheckConstraint(
                name="position_sourcing_valid",
                condition=Q(sourcing__in=PositionSourcing.values),
                violation_error_message=_("Unknown sourcing."),
            ),
            models.CheckConstraint(
                name="position_not_own_manager",
                condition=~Q(reports_to=F("id")),
                violation_error_message=_("A position cannot report to itself."),
            ),
        ]
        indexes = [
            models.Index(fields=["government", "role"], name="position_government_role"),
            models.Index(fields=["government", "status"], name="position_government_status"),
        ]

    def __str__(self) -> str:
        return self.title or str(self.role)


class Person(models.Model):
    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="people")
    code = models.SlugField(_("code"), max_length=100)
    version = version_field()
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    employer = models.ForeignKey(
        Vendor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("employer (blank: the government)"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [_unique_code("person")]

    def __str__(self) -> str:
        return self.name


class Assignment(models.Model):
    """A person holds a position over a dated period (a share of it when ``fte`` < 1)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assignments")
    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="assignments")
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    fte = models.DecimalField(_("FTE"), max_digits=4, decimal_places=2, default=1)
    version = version_field()

    class Meta:
        ordering = ["start"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                name="assignment_dates_ordered",
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                violation_error_message=_("An assignment cannot end before it starts."),
            ),
            models.CheckConstraint(
                name="assignment_fte_range",
                condition=Q(fte__gt=0) & Q(fte__lte=1),
                violation_error_message=_("FTE is more than 0 and at most 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.position}"


class AppliedTemplate(models.Model):
    """A template a government has sized its organisation from."""

    government = models.ForeignKey(
        Government, on_delete=models.CASCADE, related_name="applied_templates"
    )
    template = models.ForeignKey(
        "compositions.Template", on_delete=models.PROTECT, related_name="applications"
    )
    under = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("applied template")
        verbose_name_plural = _("applied templates")
        constraints = [
            models.UniqueConstraint(
                fields=["government", "template"],
                name="applied_template_once",
                violation_error_message=_("This template is already applied."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.government} · {self.template}"
