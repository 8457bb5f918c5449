"""Load an organisation file into the database: everything, or nothing.

Every check runs first (``org_read``, ``org_problems``). The writes then run in one transaction
with ``bulk_create``: parents before children and managers before their reports, so each level
of the unit tree and of the reporting lines is a batch of INSERTs, whatever their size.

The whole import is one change set of the audit trail ("Imported <file>"), attributed to whoever
imports (a user on the web, the account running the command): a batch of audit rows per batch of
rows written, with the rows a replacement deletes and the government's values before and after.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import F

from digiteam.audit.choices import Action, Via
from digiteam.audit.context import change_set
from digiteam.audit.record import (
    record_create,
    record_deleted_rows,
    record_many,
    record_update,
    snapshot,
    values_for_record,
)
from digiteam.checks.engine.config import CheckConfig
from digiteam.core.located import FileInvalid, Located, Problem
from digiteam.organisation.models import (
    AppliedTemplate,
    Assignment,
    DigitalService,
    Government,
    Person,
    Position,
    Unit,
    Vendor,
)
from digiteam.organisation.orgfile.graph import depths
from digiteam.organisation.orgfile.read import org_read
from digiteam.organisation.orgfile.validate import org_problems
from digiteam.organisation.schema import GovernmentIn, OrgFile, PersonIn, PositionIn, ServiceIn
from digiteam.organisation.selectors import OrgReferences, government_find, org_references
from digiteam.organisation.sizing.fingerprint import fingerprint
from digiteam.organisation.tree import path_for
from digiteam.taxonomy.models import Role

T = TypeVar("T")
M = TypeVar("M", bound=models.Model)
Dotted = Position.dotted_to.through  # the table of dotted reporting lines
BATCH = 1000  # rows per INSERT; the database may need fewer (SQLite: 999 parameters)
# What replacing an organisation deletes, children first, each with its way to the government.
# No other table may refer to these (a test checks it): its foreign keys would fail at commit.
ORGANISATION_TABLES: tuple[tuple[type[models.Model], str], ...] = (
    (Assignment, "person__government"),
    (Dotted, "from_position__government"),
    (AppliedTemplate, "government"),
    (DigitalService, "government"),
    (Position, "government"),
    (Person, "government"),
    (Unit, "government"),
    (Vendor, "government"),
)


@dataclass(frozen=True)
class ImportSummary:
    government: str
    replaced: bool
    counts: dict[str, int]

    def __str__(self) -> str:
        done = "replaced" if self.replaced else "imported"
        counts = ", ".join(f"{what}: {n}" for what, n in self.counts.items())
        return f"Government '{self.government}' {done} ({counts})."


def org_import(*, text: str, filename: str, replace: bool = False) -> ImportSummary:
    """Check a whole file, then write it in one transaction; raise FileInvalid if any problem.

    With ``replace``, a government with the file's code loses its organisation first (in the
    same transaction); without it, such a government is a problem.
    """
    org, located = org_read(text=text, filename=filename)
    slot_templates = {p.slot.split("/")[0] for u in org.units for p in u.positions if p.slot}
    refs = org_references(templates={*org.templates, *slot_templates})
    problems = org_problems(org=org, located=located, refs=refs)
    if not replace and government_find(code=org.government.code) is not None:
        problems.append(_exists(org, located))
    if problems:
        raise FileInvalid(sorted(problems, key=lambda p: p.line or 0))
    summary = f"Imported {filename.replace(chr(92), '/').rsplit('/', 1)[-1]}"
    code = org.government.code
    with transaction.atomic(), change_set(summary=summary, via=Via.IMPORT, government_code=code):
        existing = government_find(code=org.government.code)
        if existing is not None and not replace:  # created since the checks
            raise FileInvalid([_exists(org, located)])
        government = _government_save(org.government, existing, org.checks)
        counts = _write(org, refs, government)
    return ImportSummary(org.government.code, existing is not None, counts)


def _exists(org: OrgFile, located: Located) -> Problem:
    code = org.government.code
    message = f"government '{code}' already exists: use --replace to replace its organisation"
    return located.problem(("government", "code"), message)


def _government_save(
    data: GovernmentIn, existing: Government | None, checks: CheckConfig | None
) -> Government:
    fields = {
        "check_config": checks.model_dump(mode="json", exclude_defaults=True) if checks else {},
        "name": data.name,
        "name_fr": data.name_fr,
        "name_ar": data.name_ar,
        "country": data.country or "",
        "languages": list(data.languages),
        "currency": data.currency,
        "unit_kinds": list(data.unit_kinds),
        "illustrative": data.illustrative,
    }
    if existing is None:
        government = Government.objects.create(code=data.code, **fields)
        record_create(government)
        return government
    before = snapshot(existing)
    _organisation_delete(existing)
    Government.objects.filter(pk=existing.pk).update(**fields, version=F("version") + 1)
    existing.refresh_from_db()
    record_update(existing, before)
    return existing


def _organisation_delete(government: Government) -> None:
    """Delete everything of a government but its row (other data may refer to it).

    One DELETE per table (``_raw_delete``, what Django uses for its own fast deletes): the
    collector behind ``.delete()`` would load every row, and refuse the protected links between
    rows that go together (a unit and its parent). Foreign keys are checked at commit.
    """
    for model, lookup in ORGANISATION_TABLES:
        rows = model._default_manager.filter(**{lookup: government})
        if model in DELETED_LABELS:
            related, label = DELETED_LABELS[model]
            values = rows.values(*values_for_record(model), *related).order_by()
            record_deleted_rows(model, values.iterator(chunk_size=BATCH), label)
        rows._raw_delete(rows.db)


def _named(row: dict[str, Any]) -> str:
    return f"{row['name']} ({row['code']})"


# How the audit trail names each deleted row, from its values and the related values read with
# it (no query per row). The dotted lines are not recorded on their own: the table Django makes
# for them has no content type until first use, which a rolled-back import would leave cached.
DELETED_LABELS: dict[
    type[models.Model], tuple[tuple[str, ...], Callable[[dict[str, Any]], str]]
] = {
    Assignment: (
        ("person__code", "position__code"),
        lambda r: f"{r['person__code']} \u00b7 {r['position__code']}",
    ),
    AppliedTemplate: (
        ("government__name", "template__slug"),
        lambda r: f"{r['government__name']} \u00b7 {r['template__slug']}",
    ),
    DigitalService: ((), _named),
    Position: (("role__title",), lambda r: f"{r['title'] or r['role__title']} ({r['code']})"),
    Person: ((), _named),
    Unit: ((), _named),
    Vendor: ((), _named),
}


def _write(org: OrgFile, refs: OrgReferences, gov: Government) -> dict[str, int]:
    vendors = _codes(
        _create(Vendor, [Vendor(government=gov, code=v.id, name=v.name) for v in org.vendors])
    )
    units = _units_create(org, gov)
    record_many(Action.CREATE, units.values())
    positions = _positions_create(org, refs, gov, units, vendors)
    dotted = _create(
        Dotted,
        [
            Dotted(from_position_id=positions[p.id], to_position_id=positions[other])
            for unit in org.units
            for p in unit.positions
            for other in p.dotted_to
        ],
        record=False,  # an auto-created table: see DELETED_LABELS
    )
    services = _create(DigitalService, [_service(s, gov, units) for s in org.services])
    people = _codes(_create(Person, [_person(p, gov, vendors) for p in org.people]))
    people_codes = {pk: code for code, pk in people.items()}
    codes = {pk: code for code, pk in positions.items()}
    assignments = _create(
        Assignment,
        [
            Assignment(
                person_id=people[p.id],
                position_id=positions[a.position],
                start=a.start,
                end=a.end,
                fte=a.fte,
            )
            for p in org.people
            for a in p.assignments
        ],
        lambda a: f"{people_codes[a.person_id]} \u00b7 {codes[a.position_id]}",
    )
    slugs = {pk: slug for slug, pk in refs.templates.items()}
    templates = [
        AppliedTemplate(government=gov, template_id=refs.templates[t]) for t in org.templates
    ]
    _create(AppliedTemplate, templates, lambda t: f"{gov.name} \u00b7 {slugs[t.template_id]}")
    return {
        "units": len(units),
        "positions": len(positions),
        "dotted lines": len(dotted),
        "services": len(services),
        "vendors": len(vendors),
        "people": len(people),
        "assignments": len(assignments),
        "templates": len(templates),
    }


def _create(
    model: type[M], objects: list[M], label: Callable[[M], str] | None = None, record: bool = True
) -> list[M]:
    """Insert in batches and record each row created (``label``: see ``record_many``)."""
    created = model._default_manager.bulk_create(objects, BATCH)
    if record:
        record_many(Action.CREATE, created, label=label)
    return created


def _service(s: ServiceIn, gov: Government, units: dict[str, Unit]) -> DigitalService:
    return DigitalService(
        government=gov,
        code=s.id,
        name=s.name,
        name_fr=s.name_fr,
        name_ar=s.name_ar,
        owner=units[s.owner],
        team=units[s.team] if s.team else None,
        personal_data=s.personal_data,
        area=s.area or "",
    )


def _person(p: PersonIn, gov: Government, vendors: dict[str, int]) -> Person:
    return Person(
        government=gov,
        code=p.id,
        name=p.name,
        email=p.email,
        employer_id=vendors[p.employer] if p.employer else None,
    )


def _codes(objects: Iterable[Any]) -> dict[str, int]:
    return {o.code: o.pk for o in objects}


def _by_level(items: Iterable[T], level: Callable[[T], int]) -> list[list[T]]:
    levels: dict[int, list[T]] = defaultdict(list)
    for item in items:
        levels[level(item)].append(item)
    return [levels[n] for n in sorted(levels)]


def _units_create(org: OrgFile, gov: Government) -> dict[str, Unit]:
    """Level by level, so that each parent has its id; the paths are set once all have one."""
    depth = depths({u.id: u.parent for u in org.units})
    units: dict[str, Unit] = {}
    for level in _by_level(org.units, lambda u: depth[u.id]):
        batch = [
            Unit(
                government=gov,
                parent=units[u.parent] if u.parent else None,
                depth=depth[u.id],
                code=u.id,
                kind=u.kind,
                name=u.name,
                name_fr=u.name_fr,
                name_ar=u.name_ar,
                tags=list(u.tags),
            )
            for u in level
        ]
        for unit in _create(Unit, batch, record=False):  # recorded once their paths are set
            unit.path = path_for(unit.parent, unit.pk)
            units[unit.code] = unit
    Unit.objects.bulk_update(units.values(), ["path"], BATCH)
    return units


def _positions_create(
    org: OrgFile,
    refs: OrgReferences,
    gov: Government,
    units: dict[str, Unit],
    vendors: dict[str, int],
) -> dict[str, int]:
    """Managers first, so that each position's ``reports_to`` has its id when written."""
    held = [(unit.id, p) for unit in org.units for p in unit.positions]
    depth = depths({p.id: p.reports_to for _, p in held})
    roles = dict(Role.objects.filter(pk__in=set(refs.roles.values())).values_list("pk", "title"))

    def label(p: Position) -> str:
        return f"{p.title or roles[p.role_id]} ({p.code})"

    ids: dict[str, int] = {}
    for level in _by_level(held, lambda pair: depth[pair[1].id]):
        batch = [
            Position(
                government=gov,
                unit_id=units[unit].pk,
                role_id=refs.roles[p.role],
                code=p.id,
                title=p.title,
                sourcing=p.sourcing,
                vendor_id=vendors[p.vendor] if p.vendor else None,
                fte=p.fte,
                grade=p.grade,
                annual_cost=p.cost,
                status=p.status,
                vacant_since=p.vacant_since,
                reports_to_id=ids[p.reports_to] if p.reports_to else None,
                slot_id=refs.slots[p.slot] if p.slot else None,
                sized_as=_sized_as(unit, p) if p.slot else "",
                **{right: True for right in p.rights},
            )
            for unit, p in level
        ]
        ids.update(_codes(_create(Position, batch, label)))
    return ids


def _sized_as(unit: str, p: PositionIn) -> str:
    """The fingerprint sizing would have stored: the position is restored as sized."""
    return fingerprint(
        {
            "unit": unit,
            "role": p.role,
            "sourcing": p.sourcing,
            "fte": p.fte,
            "grade": p.grade,
            "annual_cost": p.cost,
            "status": p.status,
            "title": p.title,
        }
    )
