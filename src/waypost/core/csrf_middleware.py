"""Beside Django's CSRF middleware: its cookie is sent only when it is new or changed.

Django re-sends the CSRF cookie on every page that renders a form, so that a cookie with a lifetime
(`CSRF_COOKIE_AGE`, a year by default) keeps being extended. Waypost's CSRF cookie has no lifetime: it ends when
the browser closes, like the session cookie, so a shared device does not keep a year-long trace of the visit and
there is nothing to extend. The re-send was only a header and a cookie write on every form page. A new, rotated or
re-formatted secret is still sent, and an operator who sets a lifetime gets Django's behaviour back. It sits just
after Django's middleware in MIDDLEWARE, so it sees the response first and can tell Django the cookie is current;
Django's own middleware stays in place (and `check --deploy` knows it). See docs/adr/0041-dynamic-pages-without-waste.md
("Second pass").
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_vary_headers


class CsrfCookieOnChangeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and browser_already_holds_secret(request):
            request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
            # The page still depends on the cookie, as Django says when it sends one
            patch_vary_headers(response, ("Cookie",))
        return response


def browser_already_holds_secret(request: HttpRequest) -> bool:
    if settings.CSRF_USE_SESSIONS or settings.CSRF_COOKIE_AGE is not None:
        return False
    held = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    return held is not None and held == request.META.get("CSRF_COOKIE")
