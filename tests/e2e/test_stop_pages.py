"""Stop-and-call in a real browser, JavaScript on and off: the very next page after each red-flag answer.

Given the answers in a row of the interrupt table, when the row's trigger question is answered, then the next
page is its stop page: the right card, the right number on one large call button inside the first screen of a
375 by 667 phone, axe-clean, and "Continue the check" goes on to the next question.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings
from playwright.sync_api import Browser, Locator, Page, ViewportSize
from pytest_django.live_server_helper import LiveServer

from tests.e2e.browser import PageRecorder, assert_page_is_sound
from tests.selfcheck.interrupt_table import (
    EMERGENCY_CALL,
    FAMILY_INTERRUPTS,
    SELF_INTERRUPTS,
    Interrupt,
    interrupt_params,
)
from tests.selfcheck.walker import FIRST_QUESTION, QUESTION_PREFIX, default_answer
from waypost.core.helplines import Region

PHONE: ViewportSize = {"width": 375, "height": 667}
MINIMUM_TARGET_PX = 44


@pytest.fixture(params=[True, False], ids=["javascript-on", "javascript-off"])
def javascript(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


@pytest.fixture
def phone_page(browser: Browser, javascript: bool) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def then_the_page_is_sound(page: Page, *, javascript: bool) -> None:
    # axe runs as JavaScript in the page: with JavaScript off the page's structure is the same HTML, audited when on
    if javascript:
        assert_page_is_sound(PageRecorder(page), page.url)


def answer_until_stop_page_for(page: Page, base_url: str, row: Interrupt) -> str:
    """Answer by the table's choices (defaults otherwise), passing earlier stop pages; return the next question."""
    page.goto(base_url + FIRST_QUESTION)
    while True:
        slug = page.url.removeprefix(base_url + QUESTION_PREFIX)
        page.check(f'input[name="answer"][value="{row.all_choices.get(slug, default_answer(slug))}"]')
        with page.expect_navigation():
            page.get_by_role("button", name="Continue", exact=True).click()
        if page.url == base_url + "/check/stop":
            if slug == row.trigger:
                return slug
            with page.expect_navigation():
                page.get_by_role("link", name="Continue the check").click()
        assert page.url.startswith(base_url + QUESTION_PREFIX), f"{row.trigger} never asked; at {page.url}"


def assert_stop_page(page: Page, row: Interrupt, region: Region) -> None:
    expected_call = row.calls[region]
    assert page.locator(f".care-card--{row.urgency}").first.is_visible()
    emergency_call = EMERGENCY_CALL[region]
    emergency_buttons = page.locator(f'a.emergency-call[href="{emergency_call}"]')
    assert emergency_buttons.count() == 1
    assert_large_and_on_the_first_screen(emergency_buttons)
    buttons = page.locator("a[data-call-button]")
    if expected_call is None:
        assert buttons.count() == 0
        return
    assert buttons.count() == 1
    assert buttons.get_attribute("href") == expected_call
    assert_large_and_on_the_first_screen(buttons)


def assert_large_and_on_the_first_screen(button: Locator) -> None:
    box = button.bounding_box()
    assert box is not None
    assert box["height"] >= MINIMUM_TARGET_PX
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= PHONE["height"], box


def then_continue_goes_to_the_next_question(page: Page, base_url: str, trigger: str) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name="Continue the check").click()
    assert page.url.startswith(base_url + QUESTION_PREFIX)
    assert page.url != base_url + QUESTION_PREFIX + trigger


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("row", interrupt_params(SELF_INTERRUPTS))
def test_self_path_stops_at_once_with_the_right_card_and_number(
    phone_page: Page, javascript: bool, live_server: LiveServer, row: Interrupt
) -> None:
    trigger = answer_until_stop_page_for(phone_page, live_server.url, row)

    assert_stop_page(phone_page, row, Region.UK)
    then_the_page_is_sound(phone_page, javascript=javascript)
    then_continue_goes_to_the_next_question(phone_page, live_server.url, trigger)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("row", interrupt_params(FAMILY_INTERRUPTS))
def test_family_path_stops_at_once_speaking_to_the_carer(
    phone_page: Page, javascript: bool, live_server: LiveServer, row: Interrupt
) -> None:
    trigger = answer_until_stop_page_for(phone_page, live_server.url, row)

    assert_stop_page(phone_page, row, Region.UK)
    assert "them" in phone_page.locator("main").inner_text()
    then_the_page_is_sound(phone_page, javascript=javascript)
    then_continue_goes_to_the_next_question(phone_page, live_server.url, trigger)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("row", interrupt_params(SELF_INTERRUPTS))
def test_us_stop_pages_use_us_numbers(phone_page: Page, live_server: LiveServer, row: Interrupt) -> None:
    with override_settings(WAYPOST_REGION="us"):
        answer_until_stop_page_for(phone_page, live_server.url, row)

        assert_stop_page(phone_page, row, Region.US)
