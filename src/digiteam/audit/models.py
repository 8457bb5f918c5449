"""Change sets and their changes. Rows are only ever inserted (see ``record``)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digiteam.audit.choices import Action, Via


class ChangeSet(models.Model):
    """Everything one actor changed in one request, command, import or sizing."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    # Kept as text too, so the record still says who once the account is gone.
    username = models.CharField(_("user name"), max_length=150, blank=True)
    token = models.CharField(_("API token"), max_length=200, blank=True)
    via = models.CharField(_("through"), max_length=20, choices=Via.choices)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    government_code = models.CharField(_("government"), max_length=100, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("change set")
        verbose_name_plural = _("change sets")
        constraints = [
            models.CheckConstraint(name="change_set_via_valid", condition=Q(via__in=Via.values))
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username or self.get_via_display()}"


class Change(models.Model):
    """One object created, updated or deleted, with its values before and after."""

    change_set = models.ForeignKey(ChangeSet, on_delete=models.PROTECT, related_name="changes")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.BigIntegerField(_("object id"))
    object_repr = models.CharField(_("object"), max_length=300)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        constraints = [
            models.CheckConstraint(
                name="change_action_valid", condition=Q(action__in=Action.values)
            ),
            models.CheckConstraint(
                name="change_values_match_action",
                condition=(
                    Q(action=Action.CREATE, before__isnull=True, after__isnull=False)
                    | Q(action=Action.UPDATE, before__isnull=False, after__isnull=False)
                    | Q(action=Action.DELETE, before__isnull=False, after__isnull=True)
                ),
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="change_object")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    def changed_fields(self) -> list[str]:
        before, after = self.before or {}, self.after or {}
        return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
