"""A deployment that serves both regions: each page's region is in its address, and everything follows it."""

from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.intake.walker import fill_in
from waypost.core.regions import language_tags
from waypost.instruments.terminology import YES

BOTH_REGIONS = override_settings(WAYPOST_REGION="uk", WAYPOST_REGIONS=["uk", "us"])


def page(client: Client, path: str, **headers: str) -> str:
    response = client.get(path, headers=headers)
    assert response.status_code == 200, path
    return response.content.decode()


@BOTH_REGIONS
def test_the_us_address_shows_us_numbers_and_the_bare_address_the_default_region(
    member_of_the_public: Client,
) -> None:
    us_page = page(member_of_the_public, "/us/urgent")
    uk_page = page(member_of_the_public, "/urgent")

    assert "Call 911 now if someone:" in us_page
    assert 'href="tel:988"' in us_page
    assert 'href="tel:999"' not in us_page
    assert "Call 999 now if someone:" in uk_page
    assert 'href="tel:911"' not in uk_page


@BOTH_REGIONS
def test_links_on_a_us_page_stay_in_the_us(member_of_the_public: Client) -> None:
    html = page(member_of_the_public, "/us/")

    # Links a person follows; the alternates in the head list every version of the page by design
    hrefs = set(re.findall(r'<a href="(/[^"]*)"', html))
    own_pages = {href for href in hrefs if not href.startswith(("/static/", "/uk/"))}
    assert {"/us/", "/us/urgent", "/us/check/", "/us/learn/", "/us/privacy"} <= own_pages
    assert all(href.startswith("/us/") for href in own_pages), own_pages


@BOTH_REGIONS
def test_links_inside_a_learn_article_stay_in_the_region(member_of_the_public: Client) -> None:
    html = page(member_of_the_public, "/us/learn/what-is-ketamine")
    article = html.split('<main id="main-content"', 1)[1].split("</main>", 1)[0]

    internal = [href for href in re.findall(r'href="(/[^"]*)"', article) if not href.startswith("/static/")]
    assert internal
    assert all(href.startswith("/us/") for href in internal), internal


@BOTH_REGIONS
def test_every_page_has_a_switch_to_the_same_page_in_the_other_region(member_of_the_public: Client) -> None:
    html = page(member_of_the_public, "/us/learn/")

    assert '<nav class="region-bar" aria-label="Country">' in html
    assert '<strong aria-current="page">the United States</strong>' in html
    assert '<a href="/uk/learn/" hreflang="en-GB">the United Kingdom</a>' in html
    assert '<link rel="alternate" hreflang="en-US" href="/us/learn/">' in html
    assert '<link rel="alternate" hreflang="en-GB" href="/uk/learn/">' in html
    assert '<html lang="en-US">' in html


@BOTH_REGIONS
def test_the_urgent_page_switches_region_by_address(member_of_the_public: Client) -> None:
    html = page(member_of_the_public, "/uk/urgent")

    assert "Call 999 now if someone:" in html
    assert '<a href="/us/urgent">Show numbers for the United States</a>' in html


@BOTH_REGIONS
def test_a_us_browser_on_a_bare_address_is_offered_the_us_pages_without_a_redirect(
    member_of_the_public: Client,
) -> None:
    response = member_of_the_public.get("/learn/", headers={"accept-language": "en-US,en;q=0.9"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Accept-Language" in response.headers["Vary"]
    assert "suggests you may be in the United States" in html
    assert '<a href="/us/learn/" hreflang="en-US">Show help for the United States</a>' in html


@BOTH_REGIONS
@pytest.mark.parametrize(
    ("path", "accept_language"),
    [
        ("/learn/", "en-GB,en;q=0.8"),  # the browser is already in the default region
        ("/learn/", "fr-FR"),  # a country Waypost does not serve
        ("/learn/", ""),
        ("/us/learn/", "en-GB"),  # the address already names a region: it is never second-guessed
    ],
)
def test_no_suggestion_when_the_browser_points_nowhere_else(
    member_of_the_public: Client, path: str, accept_language: str
) -> None:
    html = page(member_of_the_public, path, accept_language=accept_language)

    assert "suggests you may be in" not in html


@BOTH_REGIONS
def test_pages_from_memory_are_kept_apart_by_region_and_suggestion(member_of_the_public: Client) -> None:
    for _ in range(2):  # the second round is served from memory
        assert 'href="tel:911"' in page(member_of_the_public, "/us/urgent")
        assert 'href="tel:911"' not in page(member_of_the_public, "/urgent")
        assert "suggests you may be" in page(member_of_the_public, "/", accept_language="en-US")
        assert "suggests you may be" not in page(member_of_the_public, "/")


@BOTH_REGIONS
def test_the_self_check_stop_page_in_the_us_gives_us_numbers(member_of_the_public: Client) -> None:
    start = page(member_of_the_public, "/us/check/")
    first_question = re.search(r'href="(/us/check/question/[^"]+)"', start)
    assert first_question is not None

    response = member_of_the_public.post(first_question.group(1), {"answer": YES}, follow=True)

    html = response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/us/")
    assert 'href="tel:911"' in html
    assert 'href="tel:999"' not in html


@BOTH_REGIONS
def test_a_region_address_without_its_slash_is_sent_to_the_region_home(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/us")

    assert response.status_code == 301
    assert response["Location"] == "/us/"


def test_a_single_region_deployment_has_no_region_addresses_and_no_switch(member_of_the_public: Client) -> None:
    html = page(member_of_the_public, "/learn/")

    assert member_of_the_public.get("/us/learn/").status_code == 404
    assert "region-bar" not in html
    assert re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html) == [
        ("en-GB", "/learn/"),
        ("es", "/es/learn/"),
        ("x-default", "/learn/"),
    ]


@BOTH_REGIONS
def test_reverse_outside_a_request_keeps_no_region(member_of_the_public: Client) -> None:
    page(member_of_the_public, "/us/learn/")

    assert reverse("core:urgent") == "/urgent"


@pytest.mark.parametrize(
    ("header", "tags"),
    [
        ("en-US,en;q=0.9", ["en-us", "en"]),
        ("es-US;q=0.8, *;q=0.1", ["es-us"]),
        ("", []),
    ],
)
def test_reads_the_browsers_languages_in_order(header: str, tags: list[str]) -> None:
    assert language_tags(header) == tags


@pytest.mark.django_db
@BOTH_REGIONS
def test_the_directory_offers_the_payment_words_of_the_region(member_of_the_public: Client) -> None:
    us_search = page(member_of_the_public, "/us/services/")
    uk_search = page(member_of_the_public, "/uk/services/")

    assert "Medicaid" in us_search
    assert "Medicare" in us_search
    assert "NHS" not in us_search
    assert "Free or publicly funded (NHS)" in uk_search
    assert "Medicaid" not in uk_search
    assert "Medicare" not in uk_search


@pytest.mark.django_db
@BOTH_REGIONS
def test_the_contact_form_gives_a_phone_example_of_the_region(member_of_the_public: Client) -> None:
    fill_in(member_of_the_public)  # a draft with a phone number, so the phone page can be asked again

    us_phone = member_of_the_public.post("/us/contact/phone?change=1", {"phone": "12345"}).content.decode()
    uk_phone = member_of_the_public.post("/uk/contact/phone?change=1", {"phone": "12345"}).content.decode()

    assert "Enter a phone number, like (201) 555-0123 or +1 201 555 0123" in us_phone
    assert "country code, like +1." in us_phone
    assert "Enter a phone number, like 07400 123456 or +44 7400 123456" in uk_phone
    assert "country code, like +44." in uk_phone
