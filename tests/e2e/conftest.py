from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.test import override_settings
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from tests.e2e.browser import CHROMIUM_FLAGS, CHROMIUM_PATH, PageRecorder
from waypost.core.static_collection import collect_static_files_when_changed

# Playwright's sync API runs an event loop in this thread; the live server's queries stay synchronous
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@contextmanager
def static_files_as_in_production(root: Path) -> Iterator[None]:
    """Hashed names and Brotli and gzip copies from `root`, served by WhiteNoise (ADR 0032)."""
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "waypost.core.static_storage.HashedStaticFilesStorage"}}
    with override_settings(STATIC_ROOT=root, STORAGES=storages, WHITENOISE_USE_FINDERS=False):
        yield


@pytest.fixture(scope="session")
def collected_static_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("static")
    with static_files_as_in_production(root):
        collect_static_files_when_changed()
    return root


@pytest.fixture(autouse=True)
def production_static_files(collected_static_root: Path) -> Iterator[None]:
    # Per test, not for the session: the tests outside tests/e2e/ keep the plain names the test settings give
    with static_files_as_in_production(collected_static_root):
        yield


def serve_through_the_middleware(handler: WSGIHandler) -> Callable[..., object]:
    # Instead of Django's finder-based static handler: WhiteNoise in the middleware answers /static/, as in production
    return handler


@pytest.fixture(scope="session")
def live_server(request: pytest.FixtureRequest, collected_static_root: Path) -> Iterator[LiveServer]:
    """pytest-django's live server, weighed as production would be: static files compressed and cached a year."""
    address = request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    server = LiveServer(address, start=False)
    server.thread.static_handler = serve_through_the_middleware  # type: ignore[assignment] # called, not subclassed
    with static_files_as_in_production(collected_static_root):
        server.start()  # the server builds its middleware, WhiteNoise's list of files included, as it starts
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # No skip: if Chromium cannot start, every browser test fails and says why
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    browser_context = browser.new_context()
    browser_context.set_default_timeout(10_000)
    yield browser_context
    browser_context.close()


@pytest.fixture
def context_without_javascript(browser: Browser) -> Iterator[BrowserContext]:
    browser_context = browser.new_context(java_script_enabled=False)
    browser_context.set_default_timeout(10_000)
    yield browser_context
    browser_context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def recorder(page: Page) -> PageRecorder:
    return PageRecorder(page)


class WeatherPage(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<!doctype html><title>Weather</title><h1>Weather</h1>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def neutral_site(settings: Settings) -> Iterator[str]:
    """A stand-in neutral site on this machine. Playwright's routing misses a server's redirect to another
    host, and /exit is exactly that redirect, so the stand-in is a real server rather than a route."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), WeatherPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.QUICK_EXIT_URL = f"http://127.0.0.1:{server.server_address[1]}/weather"
    yield settings.QUICK_EXIT_URL
    server.shutdown()
    server.server_close()
