"""Gunicorn, started from Python, as the production web server for `waypost serve` and `waypost demo`."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class WaypostServer(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self) -> Any:
        from waypost.config.wsgi import application

        return application


def serve(*, host: str, port: int, workers: int) -> None:
    WaypostServer(
        {
            "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
            "workers": workers,
            # Threads keep slow clients from holding a whole worker, and allow keep-alive connections
            "worker_class": "gthread",
            "threads": 4,
            # Access logs would record who asked for which page; leave them to the operator's proxy
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
            "timeout": 30,
            "graceful_timeout": 10,
            "proc_name": "waypost",
        }
    ).run()
