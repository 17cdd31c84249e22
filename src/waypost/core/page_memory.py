"""Pages that change only with an upgrade or a settings edit, rendered once per process and served from memory.

Home, /urgent, privacy, accessibility, the start pages of the self-check and of the contact journey, the learn
index, every learn article and the two search pages before anything is searched hold nothing about the visitor:
no session, no CSRF token. The first GET renders one through the whole middleware chain; later GETs get a copy of
that response, headers included, before any other middleware runs, so they cost about what a static file costs.
Each copy is compressed once (gzip, and Brotli) because it carries no secret for BREACH to find
(docs/adr/0033-pages-from-memory.md; the search pages: ADR 0054). Settings are read at
start-up, so a restart after an edit renders afresh.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import brotli
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import NoReverseMatch, ResolverMatch, get_script_prefix, reverse
from django.utils.translation import get_language

from waypost.content.library import pages_in_reading_order
from waypost.core.content_coding import preferred_coding
from waypost.core.regions import browser_suggestions, current_region
from waypost.core.urgent import region_from_choice

URGENT_PATH_NAME = "core:urgent"
# A copy that depends on the request in any way is not a copy of the page; these headers would show that it does
PER_REQUEST_HEADERS = ("Set-Cookie", "Vary", "Cache-Control", "Expires")
# gzip's mtime is fixed so that one page always compresses to the same bytes
GZIP_MTIME = 0


@dataclass(frozen=True)
class StoredPage:
    headers: tuple[tuple[str, str], ...]
    bodies: dict[str, bytes]  # by content coding: "identity", "gzip", "br"
    # The URL pattern that rendered it, handed back so metrics and logs still name the route (ADR 0036)
    resolver_match: ResolverMatch | None = None


PageKey = tuple[str, str, str, bool, str]
stored_pages: dict[PageKey, StoredPage] = {}


@cache
def pages_from_memory() -> frozenset[str]:
    """The paths served from memory: the shell pages, the journeys' start pages, the learn index and articles."""
    names = (
        "core:home",
        URGENT_PATH_NAME,
        "core:privacy",
        "core:accessibility",
        "content:index",
        # The doors to the self-check and the contact journey: settings decide them, the session only later pages
        "selfcheck:start",
        "intake:start",
        # The two search pages before a search: an empty form, the same for everyone (a search is never kept)
        "content:search",
        "directory:search",
    )
    articles = tuple(("content:article", (page.slug,)) for page in pages_in_reading_order())
    paths = (path_or_none(name, arguments) for name, arguments in (*((name, ()) for name in names), *articles))
    return frozenset(path for path in paths if path is not None)


@cache
def urgent_path() -> str | None:
    return path_or_none(URGENT_PATH_NAME, ())


def path_or_none(name: str, arguments: tuple[str, ...]) -> str | None:
    # A URLconf without the page (a test's own, say) simply has nothing to serve from memory
    try:
        path = reverse(name, args=arguments)
    except NoReverseMatch:
        return None
    # As the request's path_info reads it, whatever script prefix (a region, say) was set when first asked
    return "/" + path.removeprefix(get_script_prefix())


@receiver(setting_changed)
def forget_stored_pages(**_kwargs: Any) -> None:
    # Tests change settings within one process; a running server never does
    stored_pages.clear()
    pages_from_memory.cache_clear()
    urgent_path.cache_clear()


def page_key(request: HttpRequest) -> PageKey | None:
    """Which stored page answers this request, or None when the view itself must answer it."""
    if request.method != "GET" or request.path_info not in pages_from_memory():
        return None
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return None  # SecurityMiddleware redirects it to HTTPS
    region = region_of(request)
    if region is None:
        return None
    request.get_host()  # refuses a host not in ALLOWED_HOSTS, as the view would
    # The whole path, region and language prefixes included, since the page's links carry them; the language, so a
    # copy is never served in another (H-087); and the region and language the browser's languages suggest
    return (request.path, region, str(get_language()), request.is_secure(), browser_suggestions(request))


def region_of(request: HttpRequest) -> str | None:
    """The region the page is shown for; None for a query string the stored page does not stand for."""
    query = request.GET
    if not query:
        return current_region().value
    if request.path_info == urgent_path() and list(query) == ["region"]:
        return region_from_choice(query["region"]).value
    return None


def is_storable(response: HttpResponseBase) -> bool:
    """Only a plain 200 that sets no cookie and does not vary by request may be handed to everyone."""
    return (
        response.status_code == 200
        and not response.cookies
        and not any(name in response.headers for name in PER_REQUEST_HEADERS)
    )


def stored_page_from(response: HttpResponse, resolver_match: ResolverMatch | None) -> StoredPage:
    body = response.content
    headers = tuple((name, value) for name, value in response.headers.items() if name != "Content-Length")
    compressed = {"gzip": gzip.compress(body, mtime=GZIP_MTIME), "br": brotli.compress(body)}
    smaller = {coding: data for coding, data in compressed.items() if len(data) < len(body)}
    return StoredPage(headers=headers, bodies={"identity": body, **smaller}, resolver_match=resolver_match)


def response_from(page: StoredPage, accept_encoding: str) -> HttpResponse:
    coding = preferred_coding(accept_encoding, tuple(page.bodies))
    response = HttpResponse(page.bodies[coding])
    for name, value in page.headers:
        response.headers[name] = value
    if coding != "identity":
        response.headers["Content-Encoding"] = coding
    # Every copy says so, the uncompressed one too, so a shared cache keeps one per coding
    response.headers["Vary"] = "Accept-Encoding"
    response.headers["Content-Length"] = str(len(page.bodies[coding]))
    return response


class PageMemoryMiddleware:
    """First in MIDDLEWARE: a stored page skips everything below it; a new one is rendered by all of it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        key = page_key(request)
        if key is None:
            return self.get_response(request)
        page = stored_pages.get(key)
        if page is None:
            response = self.get_response(request)
            if not isinstance(response, HttpResponse) or not is_storable(response):
                return response
            page = stored_pages[key] = stored_page_from(response, getattr(request, "resolver_match", None))
        else:
            request.resolver_match = page.resolver_match
        return response_from(page, request.headers.get("Accept-Encoding", ""))
