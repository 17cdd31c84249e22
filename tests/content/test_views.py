from __future__ import annotations

import pytest
from django.test import Client

from waypost.content.library import all_pages


@pytest.mark.parametrize("slug", sorted(all_pages()))
def test_article_shows_body_sources_next_steps_and_review_date(member_of_the_public: Client, slug: str) -> None:
    page = all_pages()[slug]

    response = member_of_the_public.get(f"/learn/{slug}")

    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{page.title}</h1>".replace("'", "&#x27;") in html
    assert 'id="source-1"' in html
    assert "What you can do next" in html
    assert 'href="/urgent"' in html
    assert "Date reviewed" in html
    assert response.cookies == {}


@pytest.mark.parametrize("slug", sorted(all_pages()))
def test_article_shows_reviewer_role_review_date_and_next_review_due(member_of_the_public: Client, slug: str) -> None:
    page = all_pages()[slug]

    html = member_of_the_public.get(f"/learn/{slug}").content.decode()

    review = html[html.index('class="page-review"') :].split("</dl>")[0]
    assert f"Clinical reviewer ({page.clinical_reviewer_role})" in review
    assert "review pending" in review
    assert f"<dt>Date reviewed</dt><dd>{page.last_reviewed:%-d %B %Y}" in review
    assert f"<dt>Next review due</dt><dd>{page.next_review_due:%-d %B %Y}</dd>" in review


def test_next_steps_offer_the_rest_of_the_site_but_not_learn_itself(member_of_the_public: Client) -> None:
    html = member_of_the_public.get("/learn/warning-signs").content.decode()

    next_steps = html[html.index('id="next-steps-heading"') :].split("</section>")[0]
    assert '<a href="/check/">Check your use, privately</a>' in next_steps
    assert 'href="/learn/"' not in next_steps


def test_index_lists_every_page(member_of_the_public: Client) -> None:
    html = member_of_the_public.get("/learn/").content.decode()

    for slug in all_pages():
        assert f'href="/learn/{slug}"' in html


def test_unknown_page_is_a_friendly_404(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/learn/no-such-topic")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_search_highlights_matches(member_of_the_public: Client) -> None:
    html = member_of_the_public.get("/learn/search", {"q": "bladder"}).content.decode()

    assert 'href="/learn/ketamine-bladder"' in html
    assert "<mark>bladder</mark>" in html or "<mark>Bladder</mark>" in html


def test_empty_search_asks_for_words(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/learn/search", {"q": "   "})

    assert response.status_code == 200
    assert "Type a word or a question" in response.content.decode()


def test_very_long_search_is_shortened_with_a_message(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/learn/search", {"q": "k" * 1000})

    assert response.status_code == 200
    assert "we used the first 200 characters" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["<script>alert(1)</script>", "' OR 1=1; DROP TABLE pages; --", "%00%ff", "\u202e\u0000", "((((((((("],
)
def test_hostile_searches_get_a_normal_page(member_of_the_public: Client, query: str) -> None:
    response = member_of_the_public.get("/learn/search", {"q": query})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html


def test_no_results_suggests_popular_pages_and_urgent_help(member_of_the_public: Client) -> None:
    html = member_of_the_public.get("/learn/search", {"q": "xylophone"}).content.decode()

    assert "No pages found for “xylophone”" in html
    assert "Pages people often read" in html
    assert 'href="/learn/ketamine-bladder"' in html
    assert "see urgent help and crisis lines" in html


def test_search_sets_no_cookies(member_of_the_public: Client) -> None:
    assert member_of_the_public.get("/learn/search", {"q": "bladder"}).cookies == {}


def test_search_queries_are_not_logged(member_of_the_public: Client, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")

    member_of_the_public.get("/learn/search", {"q": "my secret worry about my brother"})

    assert all("secret worry" not in record.getMessage() for record in caplog.records)
