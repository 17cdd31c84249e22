"""Quick exit: given a visitor on a public page, when they use "Exit this page", then they land on the
neutral site, the back button does not bring them back to the page they left, and their answers are gone.
"Exit this page" stays on screen however far they scroll, without hiding what they are reading."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, FloatRect, Page, ViewportSize
from pytest_django.live_server_helper import LiveServer

LONG_PAGE = "/learn/ketamine-bladder"
FIRST_QUESTION = "/check/question/safety.danger-now"
PUBLIC_PAGES = ["/", "/urgent", "/learn/", "/check/", FIRST_QUESTION, "/services/", "/contact/", "/privacy"]
SCREEN_SIZES = [ViewportSize(width=1280, height=720), ViewportSize(width=320, height=640)]


def given_i_have_read_two_pages(page: Page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/")
    page.goto(live_server.url + "/urgent")


@pytest.mark.django_db(transaction=True)
def test_exit_button_replaces_the_page_in_history(
    live_server: LiveServer, neutral_site: str, context: BrowserContext
) -> None:
    page = context.new_page()
    given_i_have_read_two_pages(page, live_server)

    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(neutral_site)
    page.go_back()

    assert page.url == live_server.url + "/"


@pytest.mark.django_db(transaction=True)
def test_pressing_shift_three_times_leaves_the_page(
    live_server: LiveServer, neutral_site: str, context: BrowserContext
) -> None:
    page = context.new_page()
    given_i_have_read_two_pages(page, live_server)

    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(neutral_site)

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
    live_server: LiveServer, neutral_site: str, context_without_javascript: BrowserContext
) -> None:
    page = context_without_javascript.new_page()
    page.goto(live_server.url + "/")

    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(neutral_site)

    assert page.title() == "Weather"


def exit_link_box(page: Page) -> FloatRect:
    box = page.get_by_role("link", name="Exit this page").bounding_box()
    assert box is not None, "the exit link is not displayed"
    return box


def is_on_top_at_its_centre(page: Page, box: FloatRect) -> bool:
    # Nothing drawn over the link: the element at its centre is the link itself (or its text)
    return bool(
        page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y)?.closest('[data-quick-exit]') !== null",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
        )
    )


def scroll_to_the_bottom(page: Page) -> None:
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function("window.scrollY > 0")


@pytest.mark.parametrize("screen", SCREEN_SIZES, ids=["desktop", "320px"])
@pytest.mark.django_db(transaction=True)
def test_exit_link_stays_in_view_and_clickable_at_the_bottom_of_a_long_page(
    live_server: LiveServer, neutral_site: str, context: BrowserContext, screen: ViewportSize
) -> None:
    page = context.new_page()
    page.set_viewport_size(screen)
    page.goto(live_server.url + LONG_PAGE)
    assert page.evaluate("document.documentElement.scrollHeight") > 2 * screen["height"], "the page is not long"

    scroll_to_the_bottom(page)
    box = exit_link_box(page)

    assert box["y"] >= 0
    assert box["y"] + box["height"] <= screen["height"]
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= screen["width"]
    assert is_on_top_at_its_centre(page, box)
    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(neutral_site)


@pytest.mark.django_db(transaction=True)
def test_exit_link_stays_in_view_on_every_kind_of_public_page_at_320_pixels(
    live_server: LiveServer, page: Page
) -> None:
    screen = ViewportSize(width=320, height=480)
    page.set_viewport_size(screen)
    for path in PUBLIC_PAGES:
        page.goto(live_server.url + path)
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        box = exit_link_box(page)

        assert page.evaluate("window.scrollY") > 0, f"{path} does not scroll at this size"
        assert box["y"] >= 0, path
        assert box["y"] + box["height"] <= screen["height"], path
        assert is_on_top_at_its_centre(page, box), path


@pytest.mark.parametrize("screen", SCREEN_SIZES, ids=["desktop", "320px"])
@pytest.mark.django_db(transaction=True)
def test_content_reached_by_keyboard_is_never_hidden_under_the_exit_bar(
    live_server: LiveServer, page: Page, screen: ViewportSize
) -> None:
    page.set_viewport_size(screen)
    page.goto(live_server.url + LONG_PAGE)
    scroll_to_the_bottom(page)

    # Shift+Tab from the bottom walks back up through the article, scrolling each link into view
    page.locator(".site-footer a").first.focus()
    for _ in range(8):
        page.keyboard.press("Shift+Tab")
        focused = page.evaluate("document.activeElement.getBoundingClientRect().top")
        header_bottom = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().bottom")

        assert focused >= header_bottom, page.evaluate("document.activeElement.outerHTML")


@pytest.mark.django_db(transaction=True)
def test_exit_link_shows_keyboard_focus_while_stuck_to_the_top(live_server: LiveServer, page: Page) -> None:
    page.goto(live_server.url + LONG_PAGE)
    scroll_to_the_bottom(page)

    page.get_by_role("link", name="Exit this page").focus()
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.backgroundColor]; })()"
    )

    assert style == ["solid", "3px", "rgb(255, 176, 32)"]
    assert page.evaluate("window.scrollY") > 0, "focusing the link must not jump back to the top"


def answer_the_first_two_questions(page: Page, live_server: LiveServer) -> None:
    page.goto(live_server.url + FIRST_QUESTION)
    page.get_by_label("No").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/check/question/journey.who")
    page.locator("input[type=radio]").first.check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(lambda url: "journey.who" not in url)


def then_the_answers_are_gone_after_exit_and_back(
    context: BrowserContext, live_server: LiveServer, neutral_site: str
) -> None:
    page = context.new_page()
    answer_the_first_two_questions(page, live_server)

    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(neutral_site)
    page.go_back()

    assert page.url == live_server.url + "/check/expired"
    assert "Your answers have expired" in page.content()
    assert all(cookie["name"] != "sessionid" for cookie in context.cookies())


@pytest.mark.django_db(transaction=True)
def test_answers_are_gone_when_going_back_after_exit(
    live_server: LiveServer, neutral_site: str, context: BrowserContext
) -> None:
    then_the_answers_are_gone_after_exit_and_back(context, live_server, neutral_site)


@pytest.mark.django_db(transaction=True)
def test_answers_are_gone_when_going_back_after_exit_without_javascript(
    live_server: LiveServer, neutral_site: str, context_without_javascript: BrowserContext
) -> None:
    then_the_answers_are_gone_after_exit_and_back(context_without_javascript, live_server, neutral_site)
