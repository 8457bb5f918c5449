"""A throw-away database for a benchmark: a temporary data dir, migrated."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from typing import Any


def django_with_fresh_database() -> None:
    if "DIGITEAM_DATA_DIR" not in os.environ:  # (setdefault would make a directory anyway)
        os.environ["DIGITEAM_DATA_DIR"] = tempfile.mkdtemp(prefix="digiteam-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digiteam.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def db_version(connection: Any) -> str:
    """The database's name and version, as the reports show them: "SQLite 3.40.1"."""
    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        return f"PostgreSQL {cur.fetchone()[0]}"


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
