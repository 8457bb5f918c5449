"""Raw SQL for the organisation benchmarks: the floors, and the resets between runs.

Each floor does the same database work as the digiteam function it stands beside, with the
least Python possible: no validation, no ORM, ids assigned in Python, one ``executemany`` per
table in one transaction. Foreign keys are deferred to the commit (as Django creates them), so
the rows of a table go in one batch whatever their order.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

# Children first: the order that empties the organisation tables.
ORG_TABLES = (
    "organisation_assignment",
    "organisation_position_dotted_to",
    "organisation_appliedtemplate",
    "organisation_digitalservice",
    "organisation_position",
    "organisation_person",
    "organisation_unit",
    "organisation_vendor",
    "organisation_government",
)
POSITION_COLUMNS = (
    "government_id, unit_id, role_id, slot_id, code, title, sourcing, vendor_id, fte, grade,"
    " annual_cost, status, vacant_since, reports_to_id, spend_control, product_decisions,"
    " technical_decisions, sized_as"
)


# Tables whose rows carry an optimistic-locking version (1 when created).
VERSIONED = frozenset(
    f"organisation_{name}"
    for name in (
        "government",
        "vendor",
        "unit",
        "digitalservice",
        "position",
        "person",
        "assignment",
    )
)


def _insert(cur: Any, table: str, columns: str, rows: list[tuple[Any, ...]]) -> None:
    if table in VERSIONED:
        columns, rows = f"{columns}, version", [(*row, 1) for row in rows]
    marks = ", ".join(["%s"] * (columns.count(",") + 1))
    cur.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def _next_id(cur: Any, table: str) -> int:
    cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
    return int(cur.fetchone()[0])


def floor_import(text: str) -> None:
    """Parse an organisation file with the C YAML loader and insert its rows."""
    from django.db import connection, transaction

    data = yaml.load(text, Loader=yaml.CSafeLoader)
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SELECT slug, id FROM taxonomy_role")
        roles = dict(cur.fetchall())
        g = data["government"]
        gov = _next_id(cur, "organisation_government") + 1
        _insert(
            cur,
            "organisation_government",
            "id, code, name, name_fr, name_ar, country, languages, currency, unit_kinds,"
            " illustrative, check_config",
            [(gov, g["code"], g["name"], g.get("name_fr", ""), g.get("name_ar", ""),
              g.get("country") or "", json.dumps(g.get("languages", [])), g.get("currency", "USD"),
              json.dumps(g.get("unit_kinds", [])), g.get("illustrative", False), "{}")],
        )  # fmt: skip
        base = _next_id(cur, "organisation_vendor")
        vendors = {v["id"]: base + i for i, v in enumerate(data.get("vendors", ()), 1)}
        _insert(
            cur,
            "organisation_vendor",
            "id, government_id, code, name",
            [(vendors[v["id"]], gov, v["id"], v["name"]) for v in data.get("vendors", ())],
        )

        # Units: a file lists a parent before its children (the export's tree order).
        units: dict[str, int] = {}
        paths: dict[str, str] = {}
        rows = []
        uid = _next_id(cur, "organisation_unit")
        for u in data["units"]:
            uid += 1
            parent = u.get("parent")
            path = f"{paths[parent] if parent else '/'}{uid}/"
            units[u["id"]], paths[u["id"]] = uid, path
            rows.append(
                (
                    uid,
                    gov,
                    units[parent] if parent else None,
                    path,
                    path.count("/") - 2,
                    u["id"],
                    u["kind"],
                    u["name"],
                    u.get("name_fr", ""),
                    u.get("name_ar", ""),
                    json.dumps(u.get("tags", [])),
                )
            )
        _insert(
            cur,
            "organisation_unit",
            "id, government_id, parent_id, path, depth, code, kind, name, name_fr, name_ar, tags",
            rows,
        )

        held = [(units[u["id"]], p) for u in data["units"] for p in u.get("positions", ())]
        base = _next_id(cur, "organisation_position")
        positions = {p["id"]: base + i for i, (_, p) in enumerate(held, 1)}
        rows = []
        for unit, p in held:
            assert not p.get("slot"), "the floor handles files without sized positions"
            rights = p.get("rights", ())
            rows.append(
                (
                    positions[p["id"]],
                    gov,
                    unit,
                    roles[p["role"]],
                    None,
                    p["id"],
                    p.get("title", ""),
                    p.get("sourcing", "internal"),
                    vendors.get(p.get("vendor")),
                    p.get("fte", 1),
                    p.get("grade", ""),
                    p.get("cost"),
                    p.get("status", "planned"),
                    p.get("vacant_since"),
                    positions.get(p.get("reports_to")),
                    "spend_control" in rights,
                    "product_decisions" in rights,
                    "technical_decisions" in rights,
                    "",
                )
            )
        _insert(cur, "organisation_position", "id, " + POSITION_COLUMNS, rows)
        _insert(
            cur,
            "organisation_position_dotted_to",
            "from_position_id, to_position_id",
            [(positions[p["id"]], positions[o]) for _, p in held for o in p.get("dotted_to", ())],
        )

        _insert(
            cur,
            "organisation_digitalservice",
            "government_id, code, name, name_fr, name_ar, owner_id, team_id, personal_data, area",
            [
                (
                    gov,
                    s["id"],
                    s["name"],
                    s.get("name_fr", ""),
                    s.get("name_ar", ""),
                    units[s["owner"]],
                    units.get(s.get("team")),
                    s.get("personal_data", False),
                    s.get("area") or "",
                )
                for s in data.get("services", ())
            ],
        )
        people = data.get("people", ())
        base = _next_id(cur, "organisation_person")
        _insert(
            cur,
            "organisation_person",
            "id, government_id, code, name, email, employer_id",
            [
                (
                    base + i,
                    gov,
                    p["id"],
                    p["name"],
                    p.get("email", ""),
                    vendors.get(p.get("employer")),
                )
                for i, p in enumerate(people, 1)
            ],
        )
        _insert(
            cur,
            "organisation_assignment",
            'person_id, position_id, start, "end", fte',
            [
                (base + i, positions[a["position"]], a["start"], a.get("end"), a.get("fte", 1))
                for i, p in enumerate(people, 1)
                for a in p.get("assignments", ())
            ],
        )


def floor_sizing(government_id: int, lines: list[Any]) -> None:
    """Insert the positions a sizing plan adds (its ``to_add`` lines) in one transaction."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cur:
        _insert(
            cur,
            "organisation_position",
            POSITION_COLUMNS,
            [
                (
                    government_id,
                    ln.unit_id,
                    ln.role_id,
                    ln.slot_id,
                    ln.code,
                    "",
                    ln.sourcing,
                    None,
                    ln.fte,
                    "",
                    ln.annual_cost,
                    ln.status,
                    None,
                    None,
                    False,
                    False,
                    False,
                    ln.sized_as,
                )
                for ln in lines
            ],
        )


CHECKS_FLOOR_SQL = (
    "SELECT unit_id, role_id, sourcing, COUNT(*), SUM(fte) FROM organisation_position"
    " WHERE government_id = %s GROUP BY unit_id, role_id, sourcing"
)


def floor_checks(government_id: int) -> int:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(CHECKS_FLOOR_SQL, [government_id])
        return len(cur.fetchall())


def organisation_empty() -> None:
    """Delete every government and its organisation (the reference data stays)."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cur:
        for table in ORG_TABLES:
            cur.execute(f"DELETE FROM {table}")
    _settle()


def sizing_undo(government_id: int) -> None:
    """Remove what sizing added: sized positions (the generated file has none), the record and
    the audit trail (the benchmark's database has no other)."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(
            "DELETE FROM organisation_position WHERE government_id = %s AND slot_id IS NOT NULL",
            [government_id],
        )
        cur.execute(
            "DELETE FROM organisation_appliedtemplate WHERE government_id = %s", [government_id]
        )
        # The audit trail of the sizing: each run writes the same rows into the same tables.
        cur.execute("DELETE FROM audit_change")
        cur.execute("DELETE FROM audit_changeset")
    _settle()


def _settle() -> None:
    """Between runs: fold SQLite's write-ahead log back so every run starts from the same state."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def database_settle() -> None:
    """After the import runs: the file as one import leaves it (SQLite), statistics as autovacuum
    would gather them (PostgreSQL), so what follows does not measure the benchmark's churn."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("VACUUM" if connection.vendor == "sqlite" else "VACUUM ANALYZE")


def table_counts() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cur:
        out = {}
        for table in ORG_TABLES:
            cur.execute(f"SELECT COUNT(*) FROM {table}")
            out[table.removeprefix("organisation_")] = cur.fetchone()[0]
        return out
