"""Each request's id and route, for logs and metrics, with nothing from its path or its person.

The id comes from the proxy's X-Request-ID header when it is short and made of safe characters (so it can be
written into a log line as it is), or is made here; it goes back in the response's X-Request-ID header either way.
"""

from __future__ import annotations

import contextvars
import logging
import re
import secrets
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import ResolverMatch

REQUEST_ID_HEADER = "X-Request-ID"
SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
NO_REQUEST = "-"
# Also kept on the request, for Django's own warnings that are logged after every middleware has returned
REQUEST_ID_META_KEY = "waypost.request_id"
STATIC_ROUTE = "static"
UNMATCHED_ROUTE = "unmatched"

CURRENT_REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default=NO_REQUEST)
request_logger = logging.getLogger("waypost.requests")


def accepted_request_id(offered: str | None) -> str:
    if offered and SAFE_REQUEST_ID.fullmatch(offered):
        return offered
    return secrets.token_hex(16)


def request_id_of(request: object) -> str | None:
    meta = getattr(request, "META", None)
    request_id = meta.get(REQUEST_ID_META_KEY) if isinstance(meta, dict) else None
    return request_id if isinstance(request_id, str) else None


def route_name(request: HttpRequest) -> str:
    """The URL pattern's name (`core:urgent`), never the path, which can hold a reference code or a token."""
    match: ResolverMatch | None = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name or match.route
    if request.path.startswith(settings.STATIC_URL):
        return STATIC_ROUTE
    # Redirected to HTTPS, refused by host, or not found before any pattern matched
    return UNMATCHED_ROUTE


class RequestContextMiddleware:
    """Outermost: gives the request its id, then logs one line for it when the response is ready."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request_id = accepted_request_id(request.headers.get(REQUEST_ID_HEADER))
        request.META[REQUEST_ID_META_KEY] = request_id
        reset_token = CURRENT_REQUEST_ID.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            log_request(request, response, seconds=time.perf_counter() - started)
            return response
        finally:
            CURRENT_REQUEST_ID.reset(reset_token)


def log_request(request: HttpRequest, response: HttpResponseBase, *, seconds: float) -> None:
    route = route_name(request)
    milliseconds = round(seconds * 1000, 1)
    request_logger.info(
        "%s %s %s %s ms",
        request.method,
        route,
        response.status_code,
        milliseconds,
        extra={"route": route, "method": request.method, "status": response.status_code, "duration_ms": milliseconds},
    )
