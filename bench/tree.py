"""Subtree queries over a 50,000-unit tree: digiteam's path range beside raw SQL floors.

uv run python bench/tree.py [--units 50000] [--repeat 200]
"""

from __future__ import annotations

import argparse
import itertools
import platform
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import django_with_fresh_database, median_ms


def build(units: int) -> list[tuple[int, str]]:
    """A government with ministries, departments, agencies and teams: five levels deep."""
    from django.db import connection, transaction

    rows, paths = [], {}
    rng = random.Random(1)
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(
            "INSERT INTO organisation_government (code, name, name_fr, name_ar, country,"
            " languages, currency, unit_kinds, illustrative) VALUES"
            " ('bench', 'Bench', '', '', '', '[]', 'USD', '[]', false)"
        )
        gov = cur.lastrowid or 1
        for i in range(1, units + 1):
            if i == 1:
                parent, path = None, "/1/"
            else:
                parent = rng.randint(max(1, i // 8), i - 1) if i > 2 else 1
                path = f"{paths[parent]}{i}/"
            paths[i] = path
            rows.append(
                (
                    i,
                    gov,
                    parent,
                    path,
                    path.count("/") - 2,
                    f"u{i}",
                    "team",
                    f"Unit {i}",
                    "",
                    "",
                    "[]",
                )
            )
        cur.executemany(
            "INSERT INTO organisation_unit (id, government_id, parent_id, path, depth, code, kind,"
            " name, name_fr, name_ar, tags) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
            rows,
        )
    return [(i, paths[i]) for i in range(1, units + 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    django_with_fresh_database()
    from django.db import connection

    from digiteam.organisation.models import Unit
    from digiteam.organisation.tree import unit_subtree

    nodes = build(args.units)
    rng = random.Random(2)
    # subtrees of a few hundred to a few thousand units: ministries and departments
    sample = [n for n in nodes if 2 <= n[1].count("/") - 1 <= 3]
    picks = [rng.choice(sample) for _ in range(args.repeat)]
    units = {u.pk: u for u in Unit.objects.filter(pk__in=[p[0] for p in picks])}
    it = itertools.cycle(picks)

    def ours() -> object:
        return list(unit_subtree(unit=units[next(it)[0]]).values_list("id", flat=True))

    def floor() -> object:
        _, path = next(it)
        with connection.cursor() as cur:
            cur.execute(
                "SELECT id FROM organisation_unit WHERE government_id = 1 AND path >= %s"
                " AND path < %s",
                [path, path + "~"],
            )
            return cur.fetchall()

    def recursive() -> object:
        pk, _ = next(it)
        with connection.cursor() as cur:
            cur.execute(
                "WITH RECURSIVE t(id) AS (SELECT id FROM organisation_unit WHERE id = %s"
                " UNION ALL SELECT u.id FROM organisation_unit u JOIN t ON u.parent_id"
                " = t.id) SELECT id FROM t",
                [pk],
            )
            return cur.fetchall()

    sizes = [len(ours()) for _ in range(20)]
    results = {
        name: median_ms(fn, args.repeat)
        for name, fn in [("floor", floor), ("digiteam", ours), ("recursive", recursive)]
    }
    print(
        f"machine: {platform.machine()}, {platform.python_version()}, "
        f"{connection.vendor}, {args.units} units, subtree sizes {min(sizes)}-{max(sizes)}"
    )
    for name, ms in results.items():
        print(f"{name:10} median {ms:7.3f} ms   ratio to floor {ms / results['floor']:.2f}")


if __name__ == "__main__":
    main()
