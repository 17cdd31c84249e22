"""Learn pages in the browser: a reader searches, with and without JavaScript, and every page passes axe.

The Spanish reader's pages are the two small test pages of tests/content/spanish_pages/ (the real ones are
written elsewhere); every other page falls back to English.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext
from pytest_django.live_server_helper import LiveServer

from tests.content.spanish_fixtures import spanish_fixture_pages
from tests.e2e.browser import PageRecorder, assert_page_is_sound

__all__ = ["spanish_fixture_pages"]


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


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("spanish_fixture_pages")
def test_a_spanish_reader_searches_opens_a_spanish_page_and_sees_an_english_one_marked(
    live_server: LiveServer, recorder: PageRecorder
) -> None:
    # Given the learn pages at a Spanish address
    recorder.open(live_server.url + "/es/learn/")
    assert_page_is_sound(recorder, "/es/learn/")

    # When the reader searches without accents and opens the result
    recorder.page.get_by_label("Buscar en las páginas de información").fill("rinones")
    recorder.click_and_wait("Buscar")
    assert_page_is_sound(recorder, recorder.page.url)
    assert recorder.page.locator("mark").first.inner_text() == "riñones."
    recorder.click_and_wait("¿Qué le hace la ketamina a la vejiga?", role="link")

    # Then the Spanish page is shown, and a page with no Spanish edition says it is in English
    assert recorder.page.url == live_server.url + "/es/learn/ketamine-bladder"
    assert_page_is_sound(recorder, "/es/learn/ketamine-bladder")
    assert "pendiente" in recorder.page.locator(".page-review").inner_text()
    recorder.open(live_server.url + "/es/learn/the-law")
    assert_page_is_sound(recorder, "/es/learn/the-law")
    assert recorder.page.locator("#untranslated-notice").inner_text().startswith("Esta página aún no está en español")
    assert recorder.page.locator("article").get_attribute("lang") == "en"
