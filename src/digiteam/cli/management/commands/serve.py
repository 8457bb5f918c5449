from __future__ import annotations

from typing import Any

from digiteam.cli.base import Command as BaseCommand
from digiteam.cli.server import serve


def add_server_arguments(parser: Any) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (2)")
    parser.add_argument("--data-dir", help="folder for the SQLite database and secret key (./var)")


class Command(BaseCommand):
    help = "Serve the web application with a production server (gunicorn); Ctrl-C stops it."

    def add_arguments(self, parser: Any) -> None:
        add_server_arguments(parser)

    def handle(self, *args: Any, host: str, port: int, workers: int, **options: Any) -> None:
        self.stdout.write(f"Serving digiteam on http://{host}:{port}/ (Ctrl-C to stop)")
        serve(host=host, port=port, workers=workers)
