"""The table of the shared cache (settings.CACHES), created by `digiteam migrate`.

A migration rather than a separate `createcachetable` step: upgrades stay one command
(`digiteam migrate`, run once, before the app processes restart, so several hosts never race
to create it), /readyz reports a deployment that skipped it, and test databases get it too.
"""

from django.conf import settings
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import migrations
from django.utils.module_loading import import_string


def _tables() -> list[str]:
    return [
        c["LOCATION"]
        for c in settings.CACHES.values()
        if issubclass(import_string(c["BACKEND"]), DatabaseCache)
    ]


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    # skips a table that exists, so a database made by `createcachetable` migrates too
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    for table in _tables():
        schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):
    dependencies: list[tuple[str, str]] = []
    operations = [migrations.RunPython(create, drop)]
