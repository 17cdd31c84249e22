"""Regions in the address: given a deployment that serves the UK and the US, a browser set to American English
is offered the US pages from a bare address, moves between regions with the switch at the top of every page,
and each region's pages give its own emergency number, with JavaScript on and off, at 320 px and on a desktop."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from tests.e2e.browser import PageRecorder, assert_page_is_sound

SCREENS = [ViewportSize(width=320, height=640), ViewportSize(width=1280, height=800)]


@pytest.fixture
def both_regions(settings: Settings) -> None:
    settings.WAYPOST_REGION = "uk"
    settings.WAYPOST_REGIONS = ["uk", "us"]


@pytest.fixture
def american_browser(browser: Browser, is_javascript_on: bool) -> Iterator[BrowserContext]:
    context = browser.new_context(locale="en-US", java_script_enabled=is_javascript_on)
    context.set_default_timeout(10_000)
    yield context
    context.close()


def emergency_number_on(page: Page) -> str:
    button = page.locator(".care-card--emergency a[href^='tel:']").first
    return str(button.get_attribute("href")).removeprefix("tel:")


@pytest.mark.parametrize("screen", SCREENS, ids=["320", "1280"])
@pytest.mark.parametrize("is_javascript_on", [True, False], ids=["javascript-on", "javascript-off"])
@pytest.mark.django_db(transaction=True)
def test_an_american_visitor_is_offered_the_us_pages_and_can_switch_back(
    live_server: LiveServer,
    both_regions: None,
    american_browser: BrowserContext,
    screen: ViewportSize,
    is_javascript_on: bool,
) -> None:
    recorder = PageRecorder(american_browser.new_page())

    def then_the_page_is_sound(path: str) -> None:
        # axe runs inside the page, which needs JavaScript: pages are audited in the run with it on
        if is_javascript_on:
            assert_page_is_sound(recorder, path)

    recorder.page.set_viewport_size(screen)
    recorder.open(live_server.url + "/urgent")
    assert recorder.page.url == live_server.url + "/urgent"  # suggested, never redirected
    assert emergency_number_on(recorder.page) == "999"
    then_the_page_is_sound("/urgent")

    recorder.click_and_wait("Show help for the United States", role="link")

    assert recorder.page.url == live_server.url + "/us/urgent"
    assert emergency_number_on(recorder.page) == "911"
    assert recorder.page.locator("html").get_attribute("lang") == "en-US"
    then_the_page_is_sound("/us/urgent")

    recorder.click_and_wait("Check", role="link")
    assert recorder.page.url == live_server.url + "/us/check/"
    then_the_page_is_sound("/us/check/")

    recorder.click_and_wait("the United Kingdom", role="link")
    assert recorder.page.url == live_server.url + "/uk/check/"
    assert recorder.page.locator("html").get_attribute("lang") == "en-GB"
    then_the_page_is_sound("/uk/check/")


@pytest.fixture
def both_regions_and_languages(settings: Settings) -> None:
    settings.WAYPOST_REGION = "uk"
    settings.WAYPOST_REGIONS = ["uk", "us"]
    settings.WAYPOST_LANGUAGES = ["en", "es"]


@pytest.fixture
def us_spanish_browser(browser: Browser, is_javascript_on: bool) -> Iterator[BrowserContext]:
    context = browser.new_context(locale="es-US", java_script_enabled=is_javascript_on)
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.mark.parametrize("is_javascript_on", [True, False], ids=["javascript-on", "javascript-off"])
@pytest.mark.django_db(transaction=True)
def test_a_us_spanish_visitor_is_offered_spanish_and_can_switch_language(
    live_server: LiveServer,
    both_regions_and_languages: None,
    us_spanish_browser: BrowserContext,
    is_javascript_on: bool,
) -> None:
    recorder = PageRecorder(us_spanish_browser.new_page())
    recorder.page.set_viewport_size(SCREENS[0])

    def then_the_page_is_sound(path: str) -> None:
        if is_javascript_on:
            assert_page_is_sound(recorder, path)

    # Given a browser whose first language is US Spanish, on a bare English address
    recorder.open(live_server.url + "/urgent")
    assert recorder.page.url == live_server.url + "/urgent"  # suggested, never redirected
    then_the_page_is_sound("/urgent")

    # When they follow the Spanish suggestion
    recorder.click_and_wait("Ver esta página en español", role="link")

    # Then the US Spanish page gives 911 first, 988 with press 2 and AYUDA
    assert recorder.page.url == live_server.url + "/us/es/urgent"
    assert recorder.page.locator("html").get_attribute("lang") == "es-US"
    assert emergency_number_on(recorder.page) == "911"
    assert recorder.page.get_by_role("link", name="Envíe AYUDA al 988").is_visible()
    then_the_page_is_sound("/us/es/urgent")

    # And the switch moves between languages on the same page, keeping the region
    recorder.click_and_wait("English", role="link")
    assert recorder.page.url == live_server.url + "/us/urgent"
    recorder.click_and_wait("Español", role="link")
    assert recorder.page.url == live_server.url + "/us/es/urgent"

    recorder.click_and_wait("Inicio", role="link")
    assert recorder.page.url == live_server.url + "/us/es/"
    assert recorder.page.get_by_role("heading", level=1).inner_text() == (
        "¿Le preocupa la ketamina? Puede empezar aquí, en privado."
    )
    then_the_page_is_sound("/us/es/")
