from django.db import models
from django.utils.translation import gettext_lazy as _

from digiteam.core.choices import ProvenanceSource


class Provenance(models.Model):
    """Where a piece of reference data comes from: a document and an anchor, or why it was added."""

    provenance_source = models.CharField(
        _("source"), max_length=32, choices=ProvenanceSource.choices
    )
    provenance_anchor = models.CharField(_("anchor"), max_length=200, blank=True)
    provenance_note = models.TextField(_("provenance note"), blank=True)

    class Meta:
        abstract = True
