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

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
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


class ApiToken(models.Model):
    """A personal API token: a program acts as its user, read-only or read-write, until it expires.

    The secret is shown once, when the token is made; only its SHA-256 hash is kept
    (``services.api_token_create``, docs/api.md says why a fast hash suits a random secret).
    ``prefix`` is the secret's first characters, enough for a person to tell tokens apart.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, editable=False)
    secret_hash = models.CharField(_("secret hash"), max_length=64, unique=True, editable=False)
    read_write = models.BooleanField(
        _("read and write"),
        default=False,
        help_text=_("Without it, the token may only read."),
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    expires = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.CheckConstraint(
                name="api_token_expires_after_creation",
                condition=Q(expires__gt=models.F("created")),
                violation_error_message=_("A token expires after it is made."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_active(self, now: datetime.datetime | None = None) -> bool:
        """Neither revoked nor expired at ``now``."""
        return self.revoked_at is None and self.expires > (now or timezone.now())
