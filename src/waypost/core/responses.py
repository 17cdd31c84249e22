"""JSON responses with one error shape everywhere: {"errors": {field: message}}."""

from __future__ import annotations

from collections.abc import Mapping

from django.http import JsonResponse


def error_response(errors: Mapping[str, str], status: int) -> JsonResponse:
    return JsonResponse({"errors": dict(errors)}, status=status)


def method_not_allowed(method: str, allowed: tuple[str, ...]) -> JsonResponse:
    """The body of a 405 (see core.methods.allow_only, which sets the status and the Allow header)."""
    return error_response({"request": f"{method} is not allowed here; use {' or '.join(allowed)}"}, 405)
