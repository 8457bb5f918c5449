"""Serve the WSGI application with gunicorn, in process (docs/deploy.md).

Stopping: SIGTERM or Ctrl-C (SIGINT) stop gracefully, as orchestrators expect: the server stops
accepting connections and each worker finishes its requests, for at most GRACEFUL_TIMEOUT
seconds; a second Ctrl-C meanwhile stops at once.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter

GRACEFUL_TIMEOUT = 20  # seconds; below the 30 s most orchestrators wait before killing
MAX_DEFAULT_WORKERS = 8
# One line per request without personal data: the path without its query string (a search may
# hold a name), no referrer (its query string), no browser, no user; the address is the client's
# or the proxy's. docs/security.md.
ACCESS_LOG_FORMAT = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


def default_workers() -> int:
    """gunicorn's rule, 2 x CPU cores + 1, at most 8: past that, add hosts, not workers."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(2 * (cores or 1) + 1, MAX_DEFAULT_WORKERS)


def static_collect_if_stale() -> bool:
    """Run ``collectstatic`` when the manifest is missing or older than a static file.

    WhiteNoise serves what is collected; checking the files' times makes an upgraded package
    serve its new files without a separate step. True when files were collected.
    """
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
    from django.core.management import call_command

    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return False  # debug: WhiteNoise serves the apps' own folders
    manifest = Path(settings.STATIC_ROOT) / staticfiles_storage.manifest_name
    if manifest.exists():
        built = manifest.stat().st_mtime
        sources = (
            storage.path(path)
            for finder in get_finders()
            for path, storage in finder.list(["CVS", ".*", "*~"])  # collectstatic's defaults
        )
        if all(os.stat(source).st_mtime <= built for source in sources):
            return False
    call_command("collectstatic", interactive=False, verbosity=0)
    return True


class _Arbiter(Arbiter):  # type: ignore[misc]
    def handle_int(self) -> None:
        """Ctrl-C stops gracefully, as SIGTERM does (gunicorn's own would stop at once)."""
        self.handle_term()


def _worker_ignores_ctrl_c(worker: Any) -> None:
    """Ctrl-C reaches the workers too (one process group): leave stopping to the arbiter."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Server(BaseApplication):  # type: ignore[misc]
    def __init__(self, app: Any, options: dict[str, Any]):
        self.application, self.options = app, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key == "control_socket_disable" and key not in self.cfg.settings:
                continue  # gunicorn < 25.1 has no control socket
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application

    def run(self) -> None:
        try:
            _Arbiter(self).run()
        except RuntimeError as exc:  # as BaseApplication.run
            sys.exit(f"\nError: {exc}\n")


def serve(*, host: str, port: int, workers: int, threads: int = 4) -> None:
    """Collect static files if needed, then serve until SIGTERM or Ctrl-C."""
    from django.db import connections

    static_collect_if_stale()  # before the app loads: WhiteNoise lists the files at start-up
    from digiteam.wsgi import application

    connections.close_all()  # workers are forked: none may inherit a database connection
    sys.stdout.flush()  # nor unwritten output, which each would write again at exit
    sys.stderr.flush()
    _Server(
        application,
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "graceful_timeout": GRACEFUL_TIMEOUT,
            "post_worker_init": _worker_ignores_ctrl_c,
            # gunicorn >= 25 opens a control socket in $XDG_RUNTIME_DIR or ~/.gunicorn by
            # default: one path shared by every server of the user, so two would collide
            "control_socket_disable": True,
            "accesslog": "-",
            "access_log_format": ACCESS_LOG_FORMAT,
            "errorlog": "-",
            "loglevel": "warning",
            "proc_name": "digiteam",
        },
    ).run()
