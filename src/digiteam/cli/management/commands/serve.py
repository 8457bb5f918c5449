from __future__ import annotations

import argparse
from typing import Any

from digiteam.cli.base import Command as BaseCommand
from digiteam.cli.server import GRACEFUL_TIMEOUT, MAX_DEFAULT_WORKERS, default_workers, serve


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return number


def add_server_arguments(parser: Any, *, workers: int | None = 2) -> None:
    """The options `demo` and `serve` share; ``workers=None``: from the CPU count."""
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    default = f"{workers}" if workers else f"2 x CPU cores + 1, at most {MAX_DEFAULT_WORKERS}"
    parser.add_argument(
        "--workers",
        type=_positive,
        default=workers,
        metavar="N",
        help=f"worker processes ({default})",
    )
    parser.add_argument("--data-dir", help="folder for the SQLite database and secret key (./var)")


class Command(BaseCommand):
    help = (
        "Serve the web application with a production server (gunicorn): worker processes, "
        "static files included (collected first when needed), /healthz and /readyz for "
        f"probes. SIGTERM or Ctrl-C stops it gracefully (in-flight requests get "
        f"{GRACEFUL_TIMEOUT} s). Run 'digiteam migrate' first: docs/deploy.md."
    )

    def add_arguments(self, parser: Any) -> None:
        add_server_arguments(parser, workers=None)
        parser.add_argument(
            "--threads", type=_positive, default=4, metavar="N", help="threads per worker (4)"
        )

    def handle(
        self,
        *args: Any,
        host: str,
        port: int,
        workers: int | None,
        threads: int,
        **options: Any,
    ) -> None:
        from digiteam.web.views_health import database_problem

        problem = database_problem()
        if problem is not None:
            self.stderr.write(f"Not ready: {problem['reason']}. /readyz answers 503 until then.")
        workers = workers or default_workers()
        self.stdout.write(
            f"Serving digiteam on http://{host}:{port}/ with {workers} worker(s) of {threads} "
            "thread(s) (SIGTERM or Ctrl-C stops it)"
        )
        serve(host=host, port=port, workers=workers, threads=threads)
