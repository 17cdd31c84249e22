"""The urgent-help page and its static fallback put the emergency number on the first screen, as a button."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page, ViewportSize
from pytest_django.live_server_helper import LiveServer

from tests.e2e.browser import PageRecorder, assert_page_is_sound, axe_violations, describe_violations
from waypost.core.fallback import render_urgent_fallback
from waypost.core.helplines import Region

PHONE = ViewportSize(width=375, height=667)
DESKTOP = ViewportSize(width=1280, height=800)
SCREENS = pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["phone-375x667", "desktop-1280x800"])
SMALLEST_TARGET_PX = 44


def then_the_emergency_button_is_on_the_first_screen(page: Page, screen: ViewportSize, number: str) -> None:
    button = page.get_by_role("link", name=f"Call {number} now", exact=True)
    box = button.bounding_box()

    assert button.get_attribute("href") == f"tel:{number}"
    assert box is not None
    assert box["height"] >= SMALLEST_TARGET_PX
    assert box["width"] >= SMALLEST_TARGET_PX
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= screen["height"]


@SCREENS
@pytest.mark.django_db(transaction=True)
def test_urgent_help_shows_the_emergency_button_on_the_first_screen(
    live_server: LiveServer, page: Page, screen: ViewportSize
) -> None:
    page.set_viewport_size(screen)

    page.goto(live_server.url + "/urgent")

    then_the_emergency_button_is_on_the_first_screen(page, screen, "999")


@pytest.mark.django_db(transaction=True)
def test_us_emergency_button_is_on_the_first_phone_screen_with_javascript_off(
    live_server: LiveServer, context_without_javascript: BrowserContext
) -> None:
    page = context_without_javascript.new_page()
    page.set_viewport_size(PHONE)

    page.goto(live_server.url + "/urgent?region=us")

    then_the_emergency_button_is_on_the_first_screen(page, PHONE, "911")


@SCREENS
def test_fallback_page_shows_the_emergency_button_on_the_first_screen(page: Page, screen: ViewportSize) -> None:
    page.set_viewport_size(screen)

    page.set_content(render_urgent_fallback(Region.UK))

    then_the_emergency_button_is_on_the_first_screen(page, screen, "999")


@pytest.mark.parametrize("path", ["/urgent", "/urgent?region=us"])
@pytest.mark.django_db(transaction=True)
def test_urgent_help_passes_axe_and_stays_light(live_server: LiveServer, recorder: PageRecorder, path: str) -> None:
    recorder.open(live_server.url + path)

    assert_page_is_sound(recorder, path)


def test_fallback_page_passes_axe(page: Page) -> None:
    page.set_content(render_urgent_fallback(Region.UK))

    violations = axe_violations(page)

    assert violations == [], describe_violations(violations)
