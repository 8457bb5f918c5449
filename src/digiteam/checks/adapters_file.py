"""An organisation file (plus the reference taxonomy and templates) -> a snapshot. No database.

``reference`` is what ``digiteam.reference.reference_read()`` returns: the roles give titles,
and the templates the file says were applied give their functions and slots.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from digiteam.checks.engine.snapshot import (
    Assignment,
    Function,
    Government,
    Organisation,
    Position,
    Role,
    Service,
    Slot,
    SnapshotError,
    Template,
    Unit,
    Vendor,
)

if TYPE_CHECKING:
    from digiteam.compositions.schema import TemplateFile
    from digiteam.organisation.schema import OrgFile, PositionIn
    from digiteam.reference import Reference


def snapshot_from_orgfile(org: OrgFile, reference: Reference) -> Organisation:
    templates = {t.slug: t for t in reference.templates}
    unknown = [slug for slug in org.templates if slug not in templates]
    if unknown:
        raise SnapshotError(f"unknown template '{unknown[0]}'")
    return Organisation.build(
        government=Government(org.government.code, org.government.name, org.government.currency),
        units=[Unit(u.id, u.name, u.kind, parent=u.parent, tags=tuple(u.tags)) for u in org.units],
        positions=[_position(p, u.id) for u in org.units for p in u.positions],
        services=[
            Service(s.id, s.name, s.owner, s.team, s.personal_data, s.area) for s in org.services
        ],
        assignments=[
            Assignment(person.id, a.position, a.start, a.end, a.fte, person.employer)
            for person in org.people
            for a in person.assignments
        ],
        vendors=[Vendor(v.id, v.name) for v in org.vendors],
        templates=[_template(templates[slug]) for slug in org.templates],
        roles=[Role(r.slug, r.title) for r in reference.taxonomy.roles],
    )


def _position(p: PositionIn, unit: str) -> Position:
    return Position(
        code=p.id,
        unit=unit,
        role=p.role,
        sourcing=p.sourcing,
        vendor=p.vendor,
        fte=p.fte,
        cost=p.cost,
        status=p.status,
        vacant_since=p.vacant_since,
        reports_to=p.reports_to,
        rights=frozenset(p.rights),
        slot=p.slot,
        title=p.title,
    )


def _template(t: TemplateFile) -> Template:
    return Template(
        t.slug,
        t.name,
        tuple(
            Function(
                t.slug, f.slug, f.name, tuple(Slot(s.role, tuple(s.sourcing)) for s in f.slots)
            )
            for f in t.functions
        ),
    )
