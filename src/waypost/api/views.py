"""The OpenAPI document for the JSON API. Each endpoint lives in its own app's api.py (docs/adr/0030)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse

from waypost.api.openapi import openapi_document
from waypost.core.methods import SAFE_METHODS, allow_only
from waypost.core.responses import method_not_allowed


@allow_only(SAFE_METHODS, method_not_allowed)
def openapi(request: HttpRequest) -> JsonResponse:
    return JsonResponse(openapi_document())
