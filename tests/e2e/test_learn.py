"""Learn pages in the browser: a reader searches, with and without JavaScript, and every page passes axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext
from pytest_django.live_server_helper import LiveServer

from tests.e2e.browser import PageRecorder, assert_page_is_sound


@pytest.mark.django_db(transaction=True)
def test_a_reader_searches_and_opens_a_highlighted_result(live_server: LiveServer, recorder: PageRecorder) -> None:
    recorder.open(live_server.url + "/learn/")
    assert_page_is_sound(recorder, "/learn/")

    recorder.page.get_by_label("Search the information pages").fill("addicted")
    recorder.click_and_wait("Search")

    assert_page_is_sound(recorder, recorder.page.url)
    assert recorder.page.locator("mark").count() > 0
    recorder.click_and_wait("Is ketamine addictive?", role="link")
    assert recorder.page.url == live_server.url + "/learn/is-ketamine-addictive"


@pytest.mark.django_db(transaction=True)
def test_no_results_page_suggests_topics_and_passes_axe(live_server: LiveServer, recorder: PageRecorder) -> None:
    recorder.open(live_server.url + "/learn/search?q=xylophone")

    assert_page_is_sound(recorder, "/learn/search?q=xylophone")
    assert recorder.page.get_by_role("heading", name="Pages people often read").is_visible()


@pytest.mark.django_db(transaction=True)
def test_search_works_with_javascript_off(live_server: LiveServer, context_without_javascript: BrowserContext) -> None:
    page = context_without_javascript.new_page()
    page.goto(live_server.url + "/learn/")

    page.get_by_label("Search the information pages").fill("bladder")
    page.get_by_role("button", name="Search").click()

    assert page.url.startswith(live_server.url + "/learn/search?q=bladder")
    assert page.get_by_role("link", name="What does ketamine do to the bladder?").is_visible()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "slug", ["mixing-and-overdose", "the-law", "ketamine-bladder", "for-families-and-friends", "long-term-harms"]
)
def test_article_shows_who_reviews_it_and_when_and_passes_axe(
    live_server: LiveServer, recorder: PageRecorder, slug: str
) -> None:
    recorder.open(live_server.url + f"/learn/{slug}")

    assert_page_is_sound(recorder, f"/learn/{slug}")
    review = recorder.page.locator(".page-review").inner_text()
    assert "Clinical reviewer (" in review
    assert "review pending" in review
    assert "Date reviewed" in review
    assert "Next review due" in review
