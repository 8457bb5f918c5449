"""Serve the WSGI application with gunicorn, in process."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):  # type: ignore[misc]
    def __init__(self, app: Any, options: dict[str, Any]):
        self.application, self.options = app, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application


def serve(*, host: str, port: int, workers: int, threads: int = 4) -> None:
    """Block until interrupted; Ctrl-C or SIGTERM stops the workers gracefully."""
    from digiteam.wsgi import application

    _Server(
        application,
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "graceful_timeout": 10,
            "accesslog": "-",
            "errorlog": "-",
            "loglevel": "warning",
            "proc_name": "digiteam",
        },
    ).run()
