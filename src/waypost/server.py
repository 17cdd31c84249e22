"""Gunicorn, started from Python, as the production web server for `waypost serve` and `waypost demo`."""

from __future__ import annotations

import socket
from typing import Any

from gunicorn.app.base import BaseApplication

from waypost.monitoring.metrics_folder import forget_worker


class AddressUnavailable(Exception):
    """The host and port cannot be listened on: another server has them, or they are not ours to take."""


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
    require_free_address(host, port)
    WaypostServer(
        {
            "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
            "workers": workers,
            # Threads keep slow clients from holding a whole worker, and allow keep-alive connections
            "worker_class": "gthread",
            "threads": 4,
            # One listening socket per worker, so the kernel spreads connections across workers; with a shared
            # socket, long-lived keep-alive connections can all land on one worker while the other sits idle
            "reuse_port": True,
            # Access logs would record who asked for which page; leave them to the operator's proxy
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
            "timeout": 30,
            # On SIGTERM each worker stops accepting and finishes the requests it has, for up to this long
            "graceful_timeout": 10,
            # A worker that exits stops counting in the metrics shared across workers
            "child_exit": lambda arbiter, worker: forget_worker(worker.pid),
            "proc_name": "waypost",
        }
    ).run()


def require_free_address(host: str, port: int) -> None:
    """Each worker opens its own socket with SO_REUSEPORT, which would quietly share a port with a second
    Waypost already running there: so first take the address plainly, once, and give it back."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # Allowed despite old connections in TIME_WAIT (a quick restart), never despite a listening server
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
            probe.listen()
        except OSError as error:
            raise AddressUnavailable(
                f"cannot listen on {host}:{port} ({error.strerror}); is another server already running there?"
            ) from None
