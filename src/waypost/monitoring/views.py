"""/healthz (liveness), /readyz (readiness) and /metrics (Prometheus, behind a bearer token): docs/adr/0036."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from waypost.monitoring.health import check_readiness

BEARER_PREFIX = "Bearer "


@require_safe
@cache_control(no_store=True)
def healthz(request: HttpRequest) -> JsonResponse:
    """Alive means this process answers; it deliberately asks nothing of the database (see health.py)."""
    return JsonResponse({"status": "ok"})


@require_safe
@cache_control(no_store=True)
def readyz(request: HttpRequest) -> JsonResponse:
    readiness = check_readiness()
    return JsonResponse(readiness.as_json(), status=200 if readiness.is_ready else 503)


@require_safe
@cache_control(no_store=True)
def metrics(request: HttpRequest) -> HttpResponse:
    if not settings.METRICS_TOKEN:
        raise Http404("Metrics are off")
    if not has_metrics_token(request):
        response = HttpResponse("A valid bearer token is needed.\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    from prometheus_client import CONTENT_TYPE_LATEST

    from waypost.monitoring.metrics import render_metrics

    return HttpResponse(render_metrics(), content_type=CONTENT_TYPE_LATEST)


def has_metrics_token(request: HttpRequest) -> bool:
    offered = request.headers.get("Authorization", "")
    if not offered.startswith(BEARER_PREFIX):
        return False
    return hmac.compare_digest(offered.removeprefix(BEARER_PREFIX).encode(), settings.METRICS_TOKEN.encode())
