"""Who may do what in which government: one membership per user and government.

An administrator is a Django superuser and needs no membership. Everybody else reaches a
government through a ``Membership``: a role (viewer or editor), a scope (the subtrees of the
units listed, or the whole government when none is) and the separate permission to see the
personal data of staff. The rules that read these rows are in ``permissions.py``.

A scope names units by code, as organisation files do, not by foreign key: a unit removed, or
an organisation replaced from a file, never shortens the list (an emptied list would mean the
whole government); a code that names no unit any more simply covers nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from digiteam.organisation.models import Government


class MembershipRole(models.TextChoices):
    VIEWER = "viewer", _("Viewer (read only)")
    EDITOR = "editor", _("Editor")


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    government = models.ForeignKey(
        Government,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("government"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.VIEWER
    )
    unit_codes = models.JSONField(
        _("units"),
        default=list,
        blank=True,
        help_text=_(
            "Codes of the units the role applies to, with every unit under them. "
            "Leave empty for the whole government."
        ),
    )
    can_see_personal_data = models.BooleanField(
        _("can see personal data"),
        default=False,
        help_text=_(
            "Names and emails of staff. Without it, people appear as the positions they hold."
        ),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "government"],
                name="membership_once_per_government",
                violation_error_message=_("This user already has a membership in this government."),
            ),
            models.CheckConstraint(
                name="membership_role_valid",
                condition=Q(role__in=MembershipRole.values),
                violation_error_message=_("Unknown role."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.government} · {self.get_role_display()}"
