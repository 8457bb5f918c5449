"""Export a government as organisation-file data, and write that data as YAML or JSON.

The output is deterministic, so that export, import and export again give the same bytes:
units in tree order (siblings by id), positions, vendors, services and people by id, and keys
in the schema's order. Keys equal to their default are left out.
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Literal

import pydantic
import yaml

from digiteam.organisation.models import Government
from digiteam.organisation.schema import (
    FORMAT,
    AssignmentIn,
    GovernmentIn,
    PersonIn,
    PositionIn,
    ServiceIn,
    UnitIn,
    VendorIn,
)
from digiteam.organisation.selectors import OrgRows, Row, org_rows

Format = Literal["yaml", "json"]
RIGHTS = ("spend_control", "product_decisions", "technical_decisions")


def org_export(*, government: Government, people: bool = True) -> dict[str, Any]:
    """The organisation file of ``government``, as plain data (dates as ``datetime.date``)."""
    rows = org_rows(government=government, people=people)
    data: dict[str, Any] = {
        "format": FORMAT,
        "government": _government(government),
        "templates": rows.templates,
        "vendors": [
            _compact(VendorIn, {"id": v["code"], "name": v["name"]})
            for v in sorted(rows.vendors, key=lambda v: v["code"])
        ],
        "units": _units(rows),
        "services": [_service(s) for s in sorted(rows.services, key=lambda s: s["code"])],
        "people": _people(rows),
        "checks": government.check_config,
    }
    return {k: v for k, v in data.items() if v or k == "units"}


def org_dump(data: Mapping[str, Any], fmt: Format) -> str:
    """Organisation data as text: YAML (block style, one key per line) or indented JSON."""
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False, default=_json_value) + "\n"
    return yaml.dump(
        dict(data),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1 << 30,  # never fold long lines
    )


def _number(value: Decimal | None) -> int | float | None:
    """2.00 as 2, 0.50 as 0.5: amounts have at most 14 digits, which a float keeps exactly."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} in an organisation file")


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Safe YAML, and Decimal written as a plain number."""


_Dumper.add_representer(Decimal, lambda dumper, value: dumper.represent_data(_number(value)))


def _compact(model: type[pydantic.BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    """Leave out the keys whose value is the schema's default."""
    fields = model.model_fields
    return {k: v for k, v in data.items() if fields[k].is_required() or v != fields[k].default}


def _government(g: Government) -> dict[str, Any]:
    return _compact(
        GovernmentIn,
        {
            "code": g.code,
            "name": g.name,
            "name_fr": g.name_fr,
            "name_ar": g.name_ar,
            "country": g.country or None,
            "languages": g.languages,
            "currency": g.currency,
            "unit_kinds": g.unit_kinds,
            "illustrative": g.illustrative,
        },
    )


def _units(rows: OrgRows) -> list[dict[str, Any]]:
    """Depth first from the root, siblings by id: an order that does not depend on row ids."""
    children: dict[int | None, list[Row]] = defaultdict(list)
    for unit in rows.units:
        children[unit["parent_id"]].append(unit)
    held: dict[int, list[Row]] = defaultdict(list)
    for p in rows.positions:
        held[p["unit_id"]].append(p)
    dotted: dict[int, list[str]] = defaultdict(list)
    for position_id, code in rows.dotted:
        dotted[position_id].append(code)
    codes = {u["id"]: u["code"] for u in rows.units}
    out = []
    stack = sorted(children[None], key=lambda u: u["code"], reverse=True)
    while stack:
        unit = stack.pop()
        out.append(_unit(unit, codes, held[unit["id"]], dotted))
        stack.extend(sorted(children[unit["id"]], key=lambda u: u["code"], reverse=True))
    return out


def _unit(
    unit: Row, codes: dict[int, str], positions: list[Row], dotted: dict[int, list[str]]
) -> dict[str, Any]:
    return _compact(
        UnitIn,
        {
            "id": unit["code"],
            "parent": codes.get(unit["parent_id"]),
            "kind": unit["kind"],
            "name": unit["name"],
            "name_fr": unit["name_fr"],
            "name_ar": unit["name_ar"],
            "tags": unit["tags"],
            "positions": [
                _position(p, sorted(dotted[p["id"]]))
                for p in sorted(positions, key=lambda p: p["code"])
            ],
        },
    )


def _position(p: Row, dotted_to: list[str]) -> dict[str, Any]:
    slot = p["slot_template"] and f"{p['slot_template']}/{p['slot_function']}/{p['slot_role']}"
    return _compact(
        PositionIn,
        {
            "id": p["code"],
            "role": p["role_slug"],
            "title": p["title"],
            "sourcing": p["sourcing"],
            "vendor": p["vendor_code"],
            "fte": _number(p["fte"]),
            "grade": p["grade"],
            "cost": _number(p["annual_cost"]),
            "status": p["status"],
            "vacant_since": p["vacant_since"],
            "reports_to": p["reports_to_code"],
            "dotted_to": dotted_to,
            "rights": [right for right in RIGHTS if p[right]],
            "slot": slot or None,
        },
    )


def _service(s: Row) -> dict[str, Any]:
    return _compact(
        ServiceIn,
        {
            "id": s["code"],
            "name": s["name"],
            "name_fr": s["name_fr"],
            "name_ar": s["name_ar"],
            "owner": s["owner_code"],
            "team": s["team_code"],
            "personal_data": s["personal_data"],
            "area": s["area"] or None,
        },
    )


def _people(rows: OrgRows) -> list[dict[str, Any]]:
    held: dict[int, list[Row]] = defaultdict(list)
    for a in rows.assignments:
        held[a["person_id"]].append(a)
    out = []
    for person in sorted(rows.people, key=lambda p: p["code"]):
        assignments = sorted(held[person["id"]], key=_assignment_order)
        data = {
            "id": person["code"],
            "name": person["name"],
            "email": person["email"],
            "employer": person["employer_code"],
            "assignments": [_assignment(a) for a in assignments],
        }
        out.append(_compact(PersonIn, data))
    return out


def _assignment_order(a: Row) -> tuple[Any, ...]:
    return a["start"], a["position_code"], a["end"] or datetime.date.max, a["fte"]


def _assignment(a: Row) -> dict[str, Any]:
    return _compact(
        AssignmentIn,
        {
            "position": a["position_code"],
            "start": a["start"],
            "end": a["end"],
            "fte": _number(a["fte"]),
        },
    )
