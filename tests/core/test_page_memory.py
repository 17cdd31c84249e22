"""Pages kept in memory are the pages the views render, for both regions, compressed or not (ADR 0033).

A test client records the templates a response rendered, so an empty list shows the copy came from memory.
"""

from __future__ import annotations

import gzip
from typing import TYPE_CHECKING

import brotli
import pytest
from django.conf import settings
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, override_settings

from waypost.content.library import pages_in_reading_order
from waypost.core.page_memory import pages_from_memory

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

MEMORY_MIDDLEWARE = "waypost.core.page_memory.PageMemoryMiddleware"
SHELL_PAGES = ["/", "/urgent", "/privacy", "/accessibility", "/learn/", "/check/", "/contact/"]
SEARCH_PAGES = ["/learn/search", "/services/"]
ARTICLES = [f"/learn/{page.slug}" for page in pages_in_reading_order()]
REGIONS = ["uk", "us"]
# Headers a copy from memory adds for its content coding; a fresh render has none of them
CODING_HEADERS = {"Vary", "Content-Length", "Content-Encoding"}


def fresh_render(path: str) -> TestResponse:
    """The page as the view renders it, with the memory taken out of the middleware chain."""
    without_memory = [name for name in settings.MIDDLEWARE if name != MEMORY_MIDDLEWARE]
    with override_settings(MIDDLEWARE=without_memory):
        response: TestResponse = Client().get(path)
    return response


def from_memory(path: str, *, accept_encoding: str = "", secure: bool = False) -> TestResponse:
    client = Client(headers={"Accept-Encoding": accept_encoding} if accept_encoding else {})
    assert client.get(path, secure=secure).templates, "the first request should render the page"
    response: TestResponse = client.get(path, secure=secure)
    assert response.status_code == 200
    assert response.templates == [], "the second request should be served from memory"
    return response


# Added around the page memory for each request on its own (ADR 0036), so never part of a stored copy
PER_REQUEST_HEADERS = {"X-Request-ID"}


def headers_of_the_page(response: TestResponse) -> dict[str, str]:
    left_out = CODING_HEADERS | PER_REQUEST_HEADERS
    return {name: value for name, value in response.headers.items() if name not in left_out}


def test_keeps_exactly_the_pages_that_are_the_same_for_everyone() -> None:
    assert pages_from_memory() == frozenset([*SHELL_PAGES, *SEARCH_PAGES, *ARTICLES])


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("path", [*SHELL_PAGES, *SEARCH_PAGES, *ARTICLES, "/urgent?region=uk", "/urgent?region=us"])
def test_serves_from_memory_what_a_fresh_render_shows(path: str, region: str) -> None:
    with override_settings(WAYPOST_REGION=region):
        served = from_memory(path)
        fresh = fresh_render(path)

    assert fresh.status_code == 200
    assert served.content == fresh.content
    assert headers_of_the_page(served) == headers_of_the_page(fresh)
    # A bare address's Spanish suggestion follows the browser's language (docs/adr/0043)
    assert served["Vary"] == "Accept-Encoding, Accept-Language"


@override_settings(WAYPOST_REGION="us")
def test_urgent_page_from_memory_shows_the_numbers_of_the_region_asked_for() -> None:
    assert "999" in from_memory("/urgent?region=uk").content.decode()
    assert "988" in from_memory("/urgent?region=us").content.decode()
    # The configured region's page is one copy, whichever address asked for it
    same_page = Client().get("/urgent")
    assert same_page.templates == []
    assert "988" in same_page.content.decode()


def test_a_changed_region_setting_is_rendered_afresh() -> None:
    with override_settings(WAYPOST_REGION="uk"):
        assert "999" in from_memory("/urgent").content.decode()
    with override_settings(WAYPOST_REGION="us"):
        response = Client().get("/urgent")

    assert response.templates, "a settings change must not be answered from the old copy"
    assert "988" in response.content.decode()


@override_settings(WAYPOST_REGION="uk", WAYPOST_REGIONS=["uk", "us"], WAYPOST_LANGUAGES=["en", "es"])
@pytest.mark.parametrize("prefix", ["/uk", "/us", "/uk/es", "/us/es"])
@pytest.mark.parametrize("page", SEARCH_PAGES)
def test_each_region_and_language_of_a_search_page_is_its_own_copy(prefix: str, page: str) -> None:
    served = from_memory(prefix + page)
    fresh = fresh_render(prefix + page)

    assert served.content == fresh.content
    html = served.content.decode()
    assert f'href="{prefix}/urgent"' in html
    if page == "/services/":
        # The payment filters are each region's own: Medicaid only in the US, the NHS only in the UK
        assert ("Medicaid" in html) is prefix.startswith("/us")
        assert ("NHS" in html) is prefix.startswith("/uk")


@pytest.mark.parametrize(("accept_encoding", "coding"), [("gzip", "gzip"), ("gzip, deflate, br", "br")])
@pytest.mark.parametrize("path", ["/", "/urgent", ARTICLES[0]])
def test_compressed_copies_open_to_the_fresh_page(path: str, accept_encoding: str, coding: str) -> None:
    served = from_memory(path, accept_encoding=accept_encoding)
    opened = gzip.decompress(served.content) if coding == "gzip" else brotli.decompress(served.content)

    assert served["Content-Encoding"] == coding
    assert served["Vary"] == "Accept-Encoding, Accept-Language"
    assert served["Content-Length"] == str(len(served.content))
    assert opened == fresh_render(path).content


def test_a_browser_that_accepts_no_compression_gets_the_page_as_it_is() -> None:
    served = from_memory("/", accept_encoding="br;q=0, gzip;q=0")

    assert "Content-Encoding" not in served.headers
    assert served.content == fresh_render("/").content


@pytest.mark.parametrize("path", [*SHELL_PAGES, *SEARCH_PAGES, ARTICLES[0]])
def test_pages_from_memory_set_no_cookie_and_hold_no_csrf_token(path: str) -> None:
    served = from_memory(path)

    assert served.cookies == {}
    assert "Set-Cookie" not in served.headers
    assert b"csrfmiddlewaretoken" not in served.content


@pytest.mark.parametrize(
    "path",
    [
        "/?from=somewhere",
        "/urgent?region=us&x=1",
        "/learn/no-such-page",
        "/check/?cleared=1",
        "/contact/?from=check",
        # A search, whatever was typed, is the view's to answer and is never kept
        "/learn/search?q=bladder",
        "/services/?where=M1+1AE",
    ],
)
@pytest.mark.django_db
def test_other_addresses_are_answered_by_the_views(path: str) -> None:
    client = Client()
    client.get(path)

    assert client.get(path).templates


def test_plain_http_is_still_sent_to_https_when_https_is_on() -> None:
    from_memory("/urgent", secure=True)
    with override_settings(SECURE_SSL_REDIRECT=True):
        response = Client().get("/urgent")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/urgent"


@pytest.fixture
def database_down(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: BaseDatabaseWrapper) -> None:
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)


@pytest.mark.usefixtures("database_down")
@pytest.mark.parametrize("path", ["/urgent", "/urgent?region=us"])
def test_urgent_page_is_rendered_and_served_from_memory_when_the_database_is_down(path: str) -> None:
    served = from_memory(path)

    assert "Call 999" in served.content.decode() or "Call 911" in served.content.decode()
    assert served.content == fresh_render(path).content
