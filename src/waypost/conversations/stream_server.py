"""`waypost stream`: one asynchronous process for open chats' event streams (ADR 0039).

It runs the same Django project under an ASGI server (uvicorn), so a held stream is a coroutine, not a thread;
the proxy sends it only `/chat/<id>/events` (deploy/nginx). It needs PostgreSQL and `WAYPOST_CHAT_PUSH=true`.
"""

from __future__ import annotations

import sys

import uvicorn
from django.conf import settings


def serve_streams(*, host: str, port: int) -> int:
    if not settings.CHAT_PUSH:
        print("waypost stream: set WAYPOST_CHAT_PUSH=true (with PostgreSQL) first.", file=sys.stderr)
        return 2
    print(f"Waypost chat streams on http://{host}:{port}/", flush=True)
    uvicorn.run(
        "waypost.config.asgi:application",
        host=host,
        port=port,
        lifespan="off",
        log_level="warning",
        timeout_graceful_shutdown=3,  # open streams end; browsers reconnect to another process from their last number
    )
    return 0
