from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.e2e.browser import CHROMIUM_FLAGS, CHROMIUM_PATH, PageRecorder

# Playwright's sync API runs an event loop in this thread; the live server's queries stay synchronous
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.path):
            item.add_marker(pytest.mark.browser)


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
