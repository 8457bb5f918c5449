from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from digiteam.core.models import Described, Named, Provenance
from digiteam.core.translation import translated
from digiteam.core.versioning import version_field


class RoleCategory(Named, Described, Provenance):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    position = models.PositiveIntegerField(_("order"), default=0)
    version = version_field()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("role category")
        verbose_name_plural = _("role categories")


class Role(Provenance):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    version = version_field()
    title = models.CharField(_("title"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    title_ar = models.CharField(_("title (Arabic)"), max_length=200, blank=True)
    description = models.TextField(_("description"))
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    isco08 = models.CharField(_("ISCO-08 code"), max_length=4, blank=True)
    esco_occupation = models.CharField(_("ESCO occupation"), max_length=200, blank=True)
    is_group = models.BooleanField(
        _("group of roles"),
        default=False,
        help_text=_("Names a population rather than a position; templates never staff it."),
    )
    categories = models.ManyToManyField(
        RoleCategory, related_name="roles", verbose_name=_("categories"), blank=True
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                name="role_isco08_four_digits",
                condition=Q(isco08="") | Q(isco08__regex=r"^[0-9]{4}$"),
                violation_error_message=_("An ISCO-08 unit group code has four digits."),
            ),
            models.CheckConstraint(
                name="role_title_not_blank",
                condition=~Q(title=""),
                violation_error_message=_("A role needs a title."),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return translated(self, "title")

    @property
    def text(self) -> str:
        return translated(self, "description")


class Skill(Named, Described, Provenance):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")


class ProficiencyScale(Named, Described, Provenance):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("proficiency scale")
        verbose_name_plural = _("proficiency scales")


class ProficiencyLevel(Named, Described):
    scale = models.ForeignKey(
        ProficiencyScale, on_delete=models.CASCADE, related_name="levels", verbose_name=_("scale")
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    slug = models.SlugField(_("slug"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)

    class Meta:
        ordering = ["scale", "rank"]
        verbose_name = _("proficiency level")
        verbose_name_plural = _("proficiency levels")
        constraints = [
            models.UniqueConstraint(
                fields=["scale", "rank"],
                name="level_rank_unique_in_scale",
                violation_error_message=_("Two levels of one scale cannot share a rank."),
            ),
            models.UniqueConstraint(
                fields=["scale", "slug"],
                name="level_slug_unique_in_scale",
                violation_error_message=_("Two levels of one scale cannot share a slug."),
            ),
        ]


class RoleSkill(models.Model):
    """The level of a skill that a role needs."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="skill_needs")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="role_needs")
    level = models.ForeignKey(ProficiencyLevel, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("skill needed by a role")
        verbose_name_plural = _("skills needed by roles")
        constraints = [
            models.UniqueConstraint(
                fields=["role", "skill"],
                name="role_skill_unique",
                violation_error_message=_("A role names each skill once."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.role} · {self.skill} · {self.level}"
