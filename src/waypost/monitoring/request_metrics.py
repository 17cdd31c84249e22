"""Counts each request and its latency by route and status, when metrics are on (WAYPOST_METRICS_TOKEN set)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest, HttpResponseBase

from waypost.monitoring.request_context import route_name

logger = logging.getLogger(__name__)


class RequestMetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        if not settings.METRICS_TOKEN:
            # Metrics off: nothing is recorded, so no metrics file is ever written (hazard H-062)
            raise MiddlewareNotUsed
        from waypost.monitoring.metrics import record_request

        self.record_request = record_request
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        response = self.get_response(request)
        try:
            self.record_request(
                route=route_name(request),
                method=request.method or "",
                status=response.status_code,
                seconds=time.perf_counter() - started,
            )
        except Exception:
            # A metric that cannot be written must never cost a person their page
            logger.exception("Could not record the request's metrics")
        return response
