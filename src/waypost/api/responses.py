"""JSON responses with one error shape everywhere: {"errors": {field: message}}."""

from __future__ import annotations

from collections.abc import Mapping

from django.http import JsonResponse


def error_response(errors: Mapping[str, str], status: int) -> JsonResponse:
    return JsonResponse({"errors": dict(errors)}, status=status)
