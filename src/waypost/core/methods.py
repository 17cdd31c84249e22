"""Refuse a method an endpoint does not take with a 405 in the endpoint's own error shape and an Allow header."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse

View = Callable[[HttpRequest], HttpResponse]


def only_post(refusal: Callable[[str], HttpResponse]) -> Callable[[View], View]:
    """Like Django's require_POST, but the 405 body is `refusal(method)` (JSON or an OperationOutcome)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def checked(request: HttpRequest) -> HttpResponse:
            if request.method == "POST":
                return view(request)
            response = refusal(str(request.method))
            response.status_code = 405
            response["Allow"] = "POST"
            return response

        return checked

    return decorator
