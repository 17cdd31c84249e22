"""Every public page reachable from the home page passes axe, stays on this machine and weighs little."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page
from pytest_django.live_server_helper import LiveServer

from tests.e2e.browser import PageRecorder, assert_page_is_sound, same_site_links

MAXIMUM_PAGES = 300


@pytest.mark.django_db(transaction=True)
def test_every_public_page_is_accessible_local_and_light(live_server: LiveServer, recorder: PageRecorder) -> None:
    base_url = live_server.url
    to_visit = [base_url + "/"]
    visited: set[str] = set()

    while to_visit and len(visited) < MAXIMUM_PAGES:
        url = to_visit.pop()
        if url in visited:
            continue
        visited.add(url)
        response = recorder.open(url)
        assert response is not None, url
        assert response.status == 200, f"{url} answered {response.status}"
        assert_page_is_sound(recorder, url)
        to_visit.extend(same_site_links(recorder.page, base_url) - visited)

    assert {base_url + path for path in ("/", "/urgent", "/privacy", "/accessibility")} <= visited


@pytest.mark.django_db(transaction=True)
def test_not_found_page_is_accessible(live_server: LiveServer, recorder: PageRecorder) -> None:
    response = recorder.open(live_server.url + "/no-such-page")

    assert response is not None
    assert response.status == 404
    assert_page_is_sound(recorder, "/no-such-page")


@pytest.mark.django_db(transaction=True)
def test_pages_work_with_javascript_off(live_server: LiveServer, context_without_javascript: BrowserContext) -> None:
    page = context_without_javascript.new_page()
    page.goto(live_server.url + "/")

    page.get_by_role("link", name="Get urgent help").click()

    assert page.url == live_server.url + "/urgent"
    assert page.get_by_role("heading", level=1).inner_text() == "Urgent help"


@pytest.mark.django_db(transaction=True)
def test_skip_link_moves_focus_to_the_main_content(live_server: LiveServer, page: Page) -> None:
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main-content"


@pytest.mark.django_db(transaction=True)
def test_layout_fits_a_320_pixel_screen(live_server: LiveServer, page: Page) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    for path in (
        "/",
        "/urgent",
        "/learn/ketamine-bladder",
        "/learn/search?q=bladder",
        "/check/question/safety.danger-now",
    ):
        page.goto(live_server.url + path)

        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
