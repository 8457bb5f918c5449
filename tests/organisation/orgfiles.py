"""Helpers and sample files for the organisation-file tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.apps import apps

from digiteam.organisation.models import Government
from digiteam.organisation.orgfile import ImportSummary, org_dump, org_export, org_import

HERE = Path(__file__).resolve().parent
MINIMAL = HERE / "valid" / "minimal.yaml"

# A small but realistic government: ministries, an agency, teams, a declared unit kind,
# services, every kind of sourcing, reporting and dotted lines, rights, template slots,
# people with past, current and part-time assignments, vendors, three languages.
REALISTIC = """\
format: digiteam-org/1
government:
  code: tamarind
  name: Republic of Tamarind
  name_fr: République de Tamarind
  name_ar: جمهورية التمر الهندي
  country: XT
  languages: [en, fr, ar]
  currency: DJF
  unit_kinds: [directorate]
  illustrative: true
templates: [djibouti-digital-team]
vendors:
  - {id: nomad, name: Nomad Consulting}
  - {id: acme, name: Acme Digital}
units:
  - id: gov
    kind: government
    name: Government of Tamarind
    positions:
      - id: minister
        role: government-minister
        title: Minister for Digital Affairs
        status: filled
        rights: [spend_control]
        slot: djibouti-digital-team/strategy-management/government-minister
      - id: cio
        role: chief-information-officer
        title: Government CIO
        grade: D1
        cost: 98000.50
        status: filled
        reports_to: minister
        rights: [technical_decisions, spend_control]
        slot: djibouti-digital-team/strategy-management/chief-information-officer
  - id: nda
    parent: gov
    kind: agency
    name: National Digital Agency
    name_fr: Agence nationale du numérique
    tags: [central, shared-services]
    positions:
      - id: nda-ciso
        role: chief-information-security-officer
        status: approved
        reports_to: cio
        dotted_to: [minister]
  - id: nda-security
    parent: nda
    kind: directorate
    name: Security Directorate
    positions:
      - id: nda-security-lead
        role: digital-security-manager
        status: vacant
        vacant_since: 2024-09-01
        reports_to: nda-ciso
  - id: nda-platforms
    parent: nda
    kind: team
    name: Platforms team
    positions:
      - id: nda-architect
        role: cloud-architect
        sourcing: consultant
        vendor: nomad
        fte: 0.5
        cost: 60000
        reports_to: cio
      - id: nda-dev-1
        role: software-developer
        sourcing: contract
        vendor: acme
        reports_to: nda-architect
        dotted_to: [nda-ciso, cio]
  - id: health
    parent: gov
    kind: ministry
    name: Ministry of Health
    name_ar: وزارة الصحة
    positions:
      - id: health-focal
        role: digital-focal-point
        fte: 0.25
        reports_to: cio
  - id: health-it
    parent: health
    kind: department
    name: Health IT department
  - id: health-records
    parent: health-it
    kind: team
    name: Health records team
    positions:
      - id: health-po
        role: product-owner
        status: filled
        reports_to: health-focal
        rights: [product_decisions]
        slot: djibouti-digital-team/technology-implementation-team/product-owner
      - id: health-dev
        role: software-developer
        sourcing: secondment
        grade: P3
        reports_to: health-po
  - id: finance
    parent: gov
    kind: ministry
    name: Ministry of Finance
    positions:
      - id: finance-po
        role: product-owner
        title: "Product owner: tax"
        reports_to: cio
services:
  - id: tax-portal
    name: Tax portal
    name_fr: Portail fiscal
    owner: finance
    team: nda-platforms
    area: digital_public_services
  - id: health-records
    name: Electronic health records
    owner: health
    team: health-records
    personal_data: true
    area: digital_public_services
  - id: gov-cloud
    name: Government cloud
    owner: nda
    area: infrastructure
people:
  - id: amina
    name: Amina Hassan
    email: amina@example.org
    assignments:
      - {position: health-po, start: 2023-01-01, end: 2023-12-31}
      - {position: cio, start: 2024-01-01}
  - id: omar
    name: Omar Farah
    assignments:
      - {position: health-po, start: 2024-01-01, fte: 0.5}
      - {position: health-focal, start: 2024-01-01, fte: 0.25}
  - id: li
    name: Li Wei
    employer: acme
    assignments:
      - {position: nda-dev-1, start: 2024-03-01}
  - id: sara
    name: Sara Nour
    employer: nomad
    assignments:
      - {position: nda-architect, start: 2024-02-01, end: 2025-01-31, fte: 0.5}
  - id: yusuf
    name: Yusuf Ali
    assignments:
      - {position: minister, start: 2022-06-01}
"""


def org_counts() -> dict[str, int]:
    """Rows of every organisation table, the dotted-line table included."""
    models = apps.get_app_config("organisation").get_models(include_auto_created=True)
    return {m._meta.label: m._default_manager.count() for m in models}


def import_text(text: str, filename: str = "org.yaml", replace: bool = False) -> ImportSummary:
    return org_import(text=text, filename=filename, replace=replace)


def export_text(code: str, fmt: Any = "yaml", people: bool = True) -> str:
    government = Government.objects.get(code=code)
    return org_dump(org_export(government=government, people=people), fmt)


def sized_org(positions: int, code: str = "sized") -> str:
    """A file of the same shape whatever ``positions``: seven units, two reporting levels."""
    head = {
        "role": "chief-information-officer",
        "slot": "djibouti-digital-team/strategy-management/chief-information-officer",
    }
    teams: list[dict[str, Any]] = [
        {"id": f"t{t}", "parent": "m", "kind": "team", "name": f"Team {t}", "positions": []}
        for t in range(5)
    ]
    for k in range(positions):
        p = {"id": f"p{k}", "role": "software-developer", "sourcing": "contract", "vendor": "acme"}
        if k < len(teams):  # the head of team k
            p |= head
        else:
            p |= {"reports_to": f"p{k % 5}", "dotted_to": [f"p{(k + 1) % 5}"]}
        teams[k % 5]["positions"].append(p)
    data = {
        "government": {"code": code, "name": "Sized"},
        "templates": ["djibouti-digital-team"],
        "vendors": [{"id": "acme", "name": "Acme"}],
        "units": [
            {"id": "gov", "kind": "government", "name": "Government"},
            {"id": "m", "parent": "gov", "kind": "ministry", "name": "Ministry"},
            *teams,
        ],
        "services": [{"id": "s", "name": "S", "owner": "m", "team": "t1"}],
        "people": [
            {
                "id": f"x{k}",
                "name": "X",
                "assignments": [{"position": f"p{k}", "start": "2024-01-01"}],
            }
            for k in range(positions)
        ],
    }
    return org_dump(data, "yaml")
