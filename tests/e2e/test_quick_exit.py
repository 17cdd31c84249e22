"""Quick exit: given a visitor on a public page, when they use "Exit this page", then they land on the
neutral site and the back button does not bring them back to the page they left."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page, Route
from pytest_django.live_server_helper import LiveServer

NEUTRAL_SITE = "https://www.bbc.co.uk/weather"


def stand_in_for_the_neutral_site(context: BrowserContext) -> None:
    # The neutral site is answered inside the browser, so no request leaves this machine
    def answer(route: Route) -> None:
        route.fulfill(status=200, content_type="text/html", body="<title>Weather</title><h1>Weather</h1>")

    context.route("https://www.bbc.co.uk/**", answer)


def given_i_have_read_two_pages(page: Page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/")
    page.goto(live_server.url + "/urgent")


@pytest.mark.django_db(transaction=True)
def test_exit_button_replaces_the_page_in_history(live_server: LiveServer, context: BrowserContext) -> None:
    stand_in_for_the_neutral_site(context)
    page = context.new_page()
    given_i_have_read_two_pages(page, live_server)

    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(NEUTRAL_SITE)
    page.go_back()

    assert page.url == live_server.url + "/"


@pytest.mark.django_db(transaction=True)
def test_pressing_shift_three_times_leaves_the_page(live_server: LiveServer, context: BrowserContext) -> None:
    stand_in_for_the_neutral_site(context)
    page = context.new_page()
    given_i_have_read_two_pages(page, live_server)

    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL_SITE)

    assert page.title() == "Weather"


@pytest.mark.django_db(transaction=True)
def test_shift_pressed_twice_then_another_key_does_not_leave(live_server: LiveServer, context: BrowserContext) -> None:
    page = context.new_page()
    given_i_have_read_two_pages(page, live_server)

    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")

    assert page.url == live_server.url + "/urgent"


@pytest.mark.django_db(transaction=True)
def test_exit_is_a_plain_link_without_javascript(
    live_server: LiveServer, context_without_javascript: BrowserContext
) -> None:
    stand_in_for_the_neutral_site(context_without_javascript)
    page = context_without_javascript.new_page()
    page.goto(live_server.url + "/")

    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(NEUTRAL_SITE)

    assert page.title() == "Weather"
