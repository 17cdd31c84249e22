"""Refuse a method an endpoint does not take with a 405 in the endpoint's own error shape and an Allow header.

Django's require_POST/require_safe answer with an empty body, and on a view that is not exempt from CSRF
the CSRF check answers an unknown method with its HTML 403 page first; API clients need neither.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

View = Callable[..., HttpResponse]
Refusal = Callable[[str, tuple[str, ...]], HttpResponse]
SAFE_METHODS = ("GET", "HEAD")


def allow_only(
    methods: tuple[str, ...], refusal: Callable[[str, tuple[str, ...]], HttpResponse]
) -> Callable[[View], View]:
    """Answer methods outside `methods` with `refusal(method, methods)` as a 405 naming the allowed ones."""

    def decorator(view: View) -> View:
        @wraps(view)
        def checked(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if request.method in methods:
                return view(request, *args, **kwargs)
            response = refusal(str(request.method), methods)
            response.status_code = 405
            response["Allow"] = ", ".join(methods)
            return response

        # Cookie-free endpoints: a forged request has nothing to ride on, and the 405 must come before CSRF's 403
        return csrf_exempt(checked)

    return decorator
