"""Django's `never_cache`, writing the same two headers at once instead of parsing and merging them (docs/adr/0057).

Django's decorator builds `Cache-Control` through its general merger (split the header, parse each directive, join
them again) twice, then `Expires`: about 23 µs a page, a thirtieth of a question page. A page that has no
`Cache-Control` yet, which is almost every page, gets the header Django would write; one that has one is merged by
Django as before, and so is an async view.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from inspect import iscoroutinefunction
from typing import Any, TypeVar, cast

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers
from django.utils.http import http_date
from django.views.decorators.cache import never_cache as merging_never_cache

# What django.utils.cache.add_never_cache_headers writes on a response without Cache-Control, in its order
NEVER_CACHED = "max-age=0, no-cache, no-store, must-revalidate, private"

View = TypeVar("View", bound=Callable[..., Any])


def never_cache(view: View) -> View:
    """Headers that keep the page out of every cache, the browser's included."""
    if iscoroutinefunction(view):
        return merging_never_cache(view)

    @wraps(view)
    def not_cached_view(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        response: HttpResponseBase = view(request, *args, **kwargs)
        add_not_cached_headers(response)
        return response

    return cast(View, not_cached_view)


def add_not_cached_headers(response: HttpResponseBase) -> None:
    if response.has_header("Cache-Control"):
        add_never_cache_headers(response)
        return
    if not response.has_header("Expires"):
        response.headers["Expires"] = http_date()
    response.headers["Cache-Control"] = NEVER_CACHED
