from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from digiteam.compositions.rules import describe_rule
from digiteam.core.models import Described, Named, Provenance
from digiteam.core.translation import translated
from digiteam.core.versioning import version_field
from digiteam.taxonomy.models import Role


class Template(Named, Described, Provenance):
    """A composition template: the functions a digital organisation needs and their roles."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    version = version_field()

    class Meta:
        ordering = ["name"]
        verbose_name = _("composition template")
        verbose_name_plural = _("composition templates")


class Function(Named):
    template = models.ForeignKey(
        Template, on_delete=models.CASCADE, related_name="functions", verbose_name=_("template")
    )
    slug = models.SlugField(_("slug"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("order"), default=0)
    source_text = models.TextField(
        _("staffing as written in the source"), blank=True, help_text=_("Quoted verbatim.")
    )
    unmodelled = models.TextField(_("what the rules cannot express"), blank=True)
    unmodelled_fr = models.TextField(_("what the rules cannot express (French)"), blank=True)

    class Meta:
        ordering = ["template", "position"]
        verbose_name = _("function")
        verbose_name_plural = _("functions")
        constraints = [
            models.UniqueConstraint(
                fields=["template", "slug"],
                name="function_slug_unique_in_template",
                violation_error_message=_("Two functions of one template cannot share a slug."),
            )
        ]

    @property
    def unmodelled_text(self) -> str:
        return translated(self, "unmodelled")


class RoleSlot(models.Model):
    """A role that a function needs, with the sourcing it allows."""

    function = models.ForeignKey(
        Function, on_delete=models.CASCADE, related_name="slots", verbose_name=_("function")
    )
    role = models.ForeignKey(
        Role, on_delete=models.PROTECT, related_name="slots", verbose_name=_("role")
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    label = models.CharField(_("label in the source"), max_length=200, blank=True)
    sourcing = models.JSONField(_("allowed sourcing"), default=list)
    note = models.TextField(_("note"), blank=True)
    note_fr = models.TextField(_("note (French)"), blank=True)

    class Meta:
        ordering = ["function", "position"]
        verbose_name = _("role slot")
        verbose_name_plural = _("role slots")
        constraints = [
            models.UniqueConstraint(
                fields=["function", "role"],
                name="slot_role_unique_in_function",
                violation_error_message=_("A function lists each role once."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.function} · {self.role}"

    @property
    def note_text(self) -> str:
        return translated(self, "note")


class RuleKind(models.TextChoices):
    FIXED = "fixed", _("fixed count")
    PER_GOVERNMENT = "per_government", _("per government")
    PER_MINISTRY = "per_ministry", _("per ministry")
    PER_AGENCY = "per_agency", _("per agency")
    PER_SERVICE = "per_service", _("per digital service")
    RATIO = "ratio", _("ratio to another role")
    OPTIONAL = "optional", _("optional")


class QuantityRule(models.Model):
    """How many of a slot's role are needed; a slot needs the sum of its rules."""

    slot = models.ForeignKey(
        RoleSlot, on_delete=models.CASCADE, related_name="rules", verbose_name=_("slot")
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=RuleKind.choices)
    count = models.DecimalField(_("count"), max_digits=8, decimal_places=2, default=1)
    per = models.DecimalField(_("per"), max_digits=8, decimal_places=2, null=True, blank=True)
    of_role = models.ForeignKey(
        Role,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("ratio to role"),
    )
    minimum = models.PositiveIntegerField(_("minimum"), null=True, blank=True)
    maximum = models.PositiveIntegerField(_("maximum"), null=True, blank=True)

    class Meta:
        ordering = ["slot", "position"]
        verbose_name = _("quantity rule")
        verbose_name_plural = _("quantity rules")
        constraints = [
            models.CheckConstraint(
                name="rule_kind_valid",
                condition=Q(kind__in=RuleKind.values),
                violation_error_message=_("Unknown kind of quantity rule."),
            ),
            models.CheckConstraint(
                name="rule_count_not_negative",
                condition=Q(count__gte=0),
                violation_error_message=_("A count cannot be negative."),
            ),
            models.CheckConstraint(
                name="rule_ratio_complete",
                condition=(
                    Q(kind="ratio", of_role__isnull=False, per__gt=0)
                    | (~Q(kind="ratio") & Q(of_role__isnull=True, per__isnull=True))
                ),
                violation_error_message=_(
                    "A ratio names another role and a positive 'per'; other rules name neither."
                ),
            ),
            models.CheckConstraint(
                name="rule_min_not_above_max",
                condition=Q(minimum__isnull=True)
                | Q(maximum__isnull=True)
                | Q(minimum__lte=F("maximum")),
                violation_error_message=_("The minimum cannot exceed the maximum."),
            ),
        ]

    def __str__(self) -> str:
        return self.describe()

    def describe(self) -> str:
        return describe_rule(
            kind=self.kind,
            count=self.count,
            per=self.per,
            of_role=self.of_role.label if self.of_role else None,
            minimum=self.minimum,
            maximum=self.maximum,
        )
