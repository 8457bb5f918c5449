from django.db import models
from django.utils.translation import gettext_lazy as _

from digiteam.core.choices import ProvenanceSource
from digiteam.core.translation import translated


class Provenance(models.Model):
    """Where a piece of reference data comes from: a document and an anchor, or why it was added."""

    provenance_source = models.CharField(
        _("source"), max_length=32, choices=ProvenanceSource.choices
    )
    provenance_anchor = models.CharField(_("anchor"), max_length=200, blank=True)
    provenance_note = models.TextField(_("provenance note"), blank=True)

    class Meta:
        abstract = True


class Named(models.Model):
    """A name in English, French and Arabic; ``label`` is the one for the active language."""

    name = models.CharField(_("name"), max_length=300)
    name_fr = models.CharField(_("name (French)"), max_length=300, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=300, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return translated(self, "name")


class Described(models.Model):
    """A description in English and French."""

    description = models.TextField(_("description"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)

    class Meta:
        abstract = True

    @property
    def text(self) -> str:
        return translated(self, "description")
