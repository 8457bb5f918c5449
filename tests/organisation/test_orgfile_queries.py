"""Import and export run a fixed number of queries, whatever the number of positions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digiteam.organisation.models import Government
from digiteam.organisation.orgfile import org_export
from tests.organisation.orgfiles import import_text, sized_org


@pytest.fixture
def whole_batches(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Let one INSERT hold 500 rows on SQLite too, as it does on PostgreSQL.

    Django 5.2 assumes SQLite's old limit of 999 parameters per statement (about 45 positions
    per INSERT); SQLite has allowed 32766 since 3.32. With the real limit, a query count that
    grows with the file can only come from per-row queries, which is what the test looks for.
    """
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        monkeypatch.setattr(connection.features, "max_query_params", limit)
    yield


def _queries(action: object) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()  # type: ignore[operator]
    return len(captured.captured_queries)


def test_import_queries_do_not_grow_with_the_file(
    shipped_reference: object, whole_batches: None
) -> None:
    small, large = sized_org(50, code="small"), sized_org(500, code="large")
    import_text(sized_org(5, code="warm"))  # the audit trail's content types, cached once
    assert _queries(lambda: import_text(small)) == _queries(lambda: import_text(large))
    replace = _queries(lambda: import_text(large, replace=True))
    assert replace == _queries(lambda: import_text(small, replace=True))


def test_export_queries_do_not_grow_with_the_organisation(shipped_reference: object) -> None:
    import_text(sized_org(20, code="small"))
    import_text(sized_org(300, code="large"))
    small, large = Government.objects.get(code="small"), Government.objects.get(code="large")
    assert _queries(lambda: org_export(government=small)) == 8
    assert _queries(lambda: org_export(government=large)) == 8
    assert _queries(lambda: org_export(government=large, people=False)) == 6
