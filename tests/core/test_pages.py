from __future__ import annotations

import pytest
from django.test import Client

PUBLIC_PAGES = ["/", "/urgent", "/urgent?region=us", "/privacy", "/accessibility"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_links_to_urgent_help_and_quick_exit(member_of_the_public: Client, path: str) -> None:
    response = member_of_the_public.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/urgent"' in html
    assert 'href="/exit" class="quick-exit" data-quick-exit' in html
    assert 'href="#main-content" class="skip-link"' in html


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_sets_no_cookies(member_of_the_public: Client, path: str) -> None:
    response = member_of_the_public.get(path)

    assert response.cookies == {}
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_loads_nothing_from_other_hosts(member_of_the_public: Client, path: str) -> None:
    html = member_of_the_public.get(path).content.decode()

    assert 'src="http' not in html
    assert '<link rel="stylesheet" href="http' not in html
    assert "<style" not in html
    assert " style=" not in html


def test_home_page_explains_what_waypost_offers(member_of_the_public: Client) -> None:
    html = member_of_the_public.get("/").content.decode()

    for offer in (
        "<strong>Check</strong>",
        "<strong>Learn</strong>",
        "<strong>Get help</strong>",
        "Urgent help",
    ):
        assert offer in html


def test_footer_links_to_privacy_and_accessibility_statements(member_of_the_public: Client) -> None:
    html = member_of_the_public.get("/").content.decode()

    assert 'href="/privacy"' in html
    assert 'href="/accessibility"' in html


def test_favicon_address_redirects_to_the_icon(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/waypost/favicon.svg"


@pytest.mark.parametrize("path", ["/", "/urgent", "/privacy"])
def test_rejects_post_with_method_not_allowed(member_of_the_public: Client, path: str) -> None:
    response = member_of_the_public.post(path)

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_answers_head_requests(member_of_the_public: Client) -> None:
    assert member_of_the_public.head("/urgent").status_code == 200


def test_privacy_page_states_the_retention_period(member_of_the_public: Client) -> None:
    html = member_of_the_public.get("/privacy").content.decode()

    assert "We delete your request 180 days after it is closed" in html
