"""Prometheus metrics: requests by route and status, and figures read from the database at each scrape.

Request metrics are recorded by every app server process; under `waypost serve` they are written to files in
PROMETHEUS_MULTIPROC_DIR and added up across gunicorn's workers when /metrics is read (docs/adr/0036).
Labels carry URL pattern names, methods and status codes only: never a path, which can hold a reference code
or a token.
"""

from __future__ import annotations

import os

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from waypost.monitoring.figures import DatabaseFigures
from waypost.monitoring.metrics_folder import MULTIPROCESS_FOLDER_VARIABLE

KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
# Seconds: from the quick pages (a few ms) to the slowest a person should ever wait
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

# Not registered globally: each scrape builds its own registry, in-process or from the workers' files
REQUESTS = Counter(
    "waypost_http_requests",
    "HTTP requests answered, by URL pattern name, method and status code.",
    ["route", "method", "status"],
    registry=None,
)
REQUEST_DURATION = Histogram(
    "waypost_http_request_duration_seconds",
    "Time from the request reaching Waypost to its response, by URL pattern name and method.",
    ["route", "method"],
    buckets=LATENCY_BUCKETS,
    registry=None,
)


def record_request(*, route: str, method: str, status: int, seconds: float) -> None:
    method_label = method if method in KNOWN_METHODS else "other"
    REQUESTS.labels(route=route, method=method_label, status=str(status)).inc()
    REQUEST_DURATION.labels(route=route, method=method_label).observe(seconds)


def build_registry() -> CollectorRegistry:
    registry = CollectorRegistry()
    if os.environ.get(MULTIPROCESS_FOLDER_VARIABLE):
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry.register(REQUESTS)
        registry.register(REQUEST_DURATION)
    registry.register(DatabaseFigures())
    return registry


def render_metrics() -> bytes:
    return generate_latest(build_registry())
