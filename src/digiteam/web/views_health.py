"""Health endpoints for a reverse proxy, a load balancer or an orchestrator (docs/deploy.md).

``/healthz``: the process answers (liveness). It touches no database, so a database outage
never gets healthy processes restarted.
``/readyz``: this process can serve pages (readiness): the database answers and every
migration is applied. 200 with ``{"status": "ready"}``, else 503 with the reason.

Both are open without signing in, never cached, and cost at most two small queries.
"""

from __future__ import annotations

import functools
import logging

from django.contrib.auth.decorators import login_not_required
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)
SHOWN = 5  # unapplied migrations named in the answer


@login_not_required
@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@login_not_required
@never_cache
@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    problem = database_problem()
    if problem is None:
        return JsonResponse({"status": "ready"})
    return JsonResponse({"status": "unavailable", **problem}, status=503)


def database_problem(alias: str = DEFAULT_DB_ALIAS) -> dict[str, object] | None:
    """Why the database cannot serve this code, or None: unreachable, or migrations missing."""
    try:
        applied = MigrationRecorder(connections[alias]).applied_migrations()
    except DatabaseError as exc:
        # the details (host, user) are for the log, not for an open endpoint
        logger.warning("readiness: database '%s' unreachable: %s", alias, exc)
        return {"reason": "database unreachable"}
    missing = sorted(expected_migrations() - set(applied))
    if not missing:
        return None
    return {
        "reason": f"{len(missing)} migration(s) not applied: run digiteam migrate",
        "unapplied": [f"{app}.{name}" for app, name in missing[:SHOWN]],
    }


@functools.cache
def expected_migrations() -> frozenset[tuple[str, str]]:
    """Every migration of the code this process runs; read from disk once per process."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    return frozenset(graph.nodes)
