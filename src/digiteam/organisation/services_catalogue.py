"""Writes on the catalogue: digital services and vendors.

A digital service is owned by a unit and may be delivered by another (its team), both of its
government. A vendor cannot go while positions or people refer to it. Errors are
``ValidationError`` keyed by field; every write is in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digiteam.audit.record import record_create, record_delete, record_update, snapshot
from digiteam.core.versioning import bump, locked
from digiteam.organisation.choices import GovernanceArea
from digiteam.organisation.models import DigitalService, Government, Unit, Vendor
from digiteam.organisation.validation import code_new, validate

# --- digital services ------------------------------------------------------------------------


@dataclass(frozen=True)
class DigitalServiceFields:
    """What a person editing a digital service sets (``area``: a ``GovernanceArea`` or "")."""

    name: str
    owner: Unit
    name_fr: str = ""
    name_ar: str = ""
    team: Unit | None = None
    personal_data: bool = False
    area: str = ""


def digital_service_code_new(*, government: Government, name: str) -> str:
    """A free code for a new digital service: "business-registration-1"."""
    return code_new(DigitalService.objects.filter(government=government), name, "service")


def _apply_service(service: DigitalService, fields: DigitalServiceFields) -> dict[str, list[str]]:
    service.name = fields.name.strip()
    service.name_fr = fields.name_fr.strip()
    service.name_ar = fields.name_ar.strip()
    service.owner = fields.owner
    service.team = fields.team
    service.personal_data = fields.personal_data
    service.area = fields.area.strip()
    errors: dict[str, list[str]] = {}
    if fields.owner.government_id != service.government_id:
        errors["owner"] = [_("This unit belongs to another government.")]
    if fields.team is not None and fields.team.government_id != service.government_id:
        errors["team"] = [_("This unit belongs to another government.")]
    if service.area and service.area not in GovernanceArea.values:
        errors["area"] = [
            _("“%(area)s” is not a governance area: use one of %(areas)s.")
            % {"area": service.area, "areas": ", ".join(GovernanceArea.values)}
        ]
    return errors


@transaction.atomic
def digital_service_create(
    *, government: Government, fields: DigitalServiceFields, code: str | None = None
) -> DigitalService:
    service = DigitalService(government=government)
    errors = _apply_service(service, fields)
    service.code = (code or "").strip() or digital_service_code_new(
        government=government, name=service.name
    )
    validate(service, errors)
    service.save()
    record_create(service)
    return service


@transaction.atomic
def digital_service_update(
    *,
    service: DigitalService,
    fields: DigitalServiceFields,
    code: str | None = None,
    expected_version: int | None = None,
) -> DigitalService:
    """Save ``fields`` (and a new ``code`` if given); refuse a stale ``expected_version``."""
    before = snapshot(DigitalService.objects.get(pk=service.pk))
    bump(service, expected_version)
    errors = _apply_service(service, fields)
    if code is not None:
        service.code = code.strip()
    validate(service, errors)
    service.save()
    record_update(service, before)
    return service


@transaction.atomic
def digital_service_delete(*, service: DigitalService, expected_version: int | None = None) -> None:
    service = locked(service, expected_version)
    record_delete(service)
    service.delete()


# --- vendors ---------------------------------------------------------------------------------


def vendor_code_new(*, government: Government, name: str) -> str:
    """A free code for a new vendor: "acme-consulting-1"."""
    return code_new(Vendor.objects.filter(government=government), name, "vendor")


@transaction.atomic
def vendor_create(*, government: Government, name: str, code: str | None = None) -> Vendor:
    vendor = Vendor(government=government, name=name.strip())
    vendor.code = (code or "").strip() or vendor_code_new(government=government, name=vendor.name)
    validate(vendor, {})
    vendor.save()
    record_create(vendor)
    return vendor


@transaction.atomic
def vendor_update(
    *,
    vendor: Vendor,
    name: str,
    code: str | None = None,
    expected_version: int | None = None,
) -> Vendor:
    """Rename a vendor (and recode it if ``code`` is given); refuse a stale version."""
    before = snapshot(Vendor.objects.get(pk=vendor.pk))
    bump(vendor, expected_version)
    vendor.name = name.strip()
    if code is not None:
        vendor.code = code.strip()
    validate(vendor, {})
    vendor.save()
    record_update(vendor, before)
    return vendor


@transaction.atomic
def vendor_delete(*, vendor: Vendor, expected_version: int | None = None) -> None:
    """Remove a vendor no position is sourced from and nobody is employed by."""
    vendor = locked(vendor, expected_version)
    errors: list[str] = []
    positions = vendor.positions.count()
    if positions:
        errors.append(
            ngettext(
                "%(count)s position is sourced from this vendor: change its vendor first.",
                "%(count)s positions are sourced from this vendor: change their vendor first.",
                positions,
            )
            % {"count": positions}
        )
    staff = vendor.staff.count()
    if staff:
        errors.append(
            ngettext(
                "%(count)s person is employed by this vendor: change their employer first.",
                "%(count)s people are employed by this vendor: change their employer first.",
                staff,
            )
            % {"count": staff}
        )
    if errors:
        raise ValidationError({NON_FIELD_ERRORS: errors})
    record_delete(vendor)
    vendor.delete()
