from __future__ import annotations

import datetime

import pytest
from django.test import override_settings

from waypost.content.library import ContentError, Page, Source
from waypost.content.rendering import plain_text, render_page, render_page_for_region
from waypost.core.helplines import Region

SOURCE = Source("nhs", "NHS", "A page", 2025, "https://www.nhs.uk/")


def page_with_body(body: str) -> Page:
    return Page(
        slug="example",
        title="Example",
        summary="Summary",
        audience="everyone",
        last_reviewed=datetime.date(2026, 1, 1),
        reviewed_by="Waypost content team",
        clinical_reviewer_role="addiction psychiatry",
        clinical_review_status="pending",
        next_review_due=datetime.date(2026, 7, 1),
        related=(),
        sources=(
            SOURCE,
            Source("frank", "FRANK", "Ketamine", 2024, "https://www.talktofrank.com/drug/ketamine"),
        ),
        body=body,
    )


def test_raw_html_in_markdown_is_shown_as_text_not_run() -> None:
    html = render_page(page_with_body("Hello <script>alert(1)</script> [@nhs][@frank]\n")).body_html

    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_javascript_links_are_not_turned_into_links() -> None:
    html = render_page(page_with_body("[click](javascript:alert(1)) [@nhs][@frank]\n")).body_html

    assert 'href="javascript' not in html


def test_citations_are_numbered_in_order_of_first_use() -> None:
    rendered = render_page(page_with_body("First [@frank]. Second [@nhs]. Again [@frank].\n"))

    assert [item.source.key for item in rendered.sources] == ["frank", "nhs"]
    assert rendered.body_html.count('href="#source-1"') == 2
    assert '<sup class="citation"><a href="#source-2">[2]</a></sup>' in rendered.body_html


def test_unknown_citation_key_is_refused() -> None:
    with pytest.raises(ContentError, match="citation markers with no source: nobody"):
        render_page(page_with_body("Claim [@nobody].\n"))


def test_helplines_are_rendered_from_the_registry() -> None:
    html = render_page(
        page_with_body("Call {helpline:uk-emergency} or {helpline:uk-samaritans} [@nhs][@frank].\n")
    ).body_html

    assert '<a href="tel:999">999</a>' in html
    assert '<a href="tel:116123">Samaritans on 116 123</a>' in html


def test_text_only_helplines_say_how_to_text() -> None:
    html = render_page(page_with_body("{helpline:uk-shout} [@nhs][@frank]\n")).body_html

    assert '<a href="sms:85258">Shout (Text SHOUT to 85258)</a>' in html


def test_plain_text_drops_markers_links_and_markup() -> None:
    text = plain_text(page_with_body("## Is it safe?\n\n- **Never** alone [@nhs]. See [the bladder](/learn/x).\n"))

    assert text == "Is it safe?\n\nNever alone. See the bladder."


def test_links_to_parts_not_installed_become_plain_text() -> None:
    html = render_page(
        page_with_body("[Find a service](/no-such-app/) or [urgent help](/urgent) [@nhs][@frank]\n")
    ).body_html

    assert "<p>Find a service or" in html
    assert '<a href="/urgent">urgent help</a>' in html


def test_links_to_other_sites_are_kept() -> None:
    html = render_page(page_with_body("[FRANK](https://www.talktofrank.com/) [@nhs][@frank]\n")).body_html

    assert '<a href="https://www.talktofrank.com/">FRANK</a>' in html


@pytest.mark.parametrize(
    ("region", "text"),
    [
        ("uk", "Go to A&amp;E or call 999 now."),
        ("us", "Go to an emergency department or call 911 now."),
    ],
)
def test_advice_markers_give_the_advice_text_for_the_configured_region(region: str, text: str) -> None:
    with override_settings(WAYPOST_REGION=region):
        html = render_page(page_with_body("{advice:unable-to-pass-urine} [@nhs][@frank]\n")).body_html

    assert f'<span class="advice">{text}' in html


def test_advice_markers_read_as_plain_text_for_search() -> None:
    assert plain_text(page_with_body("{advice:blood-in-urine}\n")).startswith("Call NHS 111 or see your GP today.")


def test_unknown_advice_marker_is_refused() -> None:
    with pytest.raises(KeyError, match="No advice for 'no-such-advice'"):
        render_page(page_with_body("{advice:no-such-advice} [@nhs][@frank]\n"))


@pytest.mark.parametrize(
    ("region", "expected", "absent"),
    [
        (Region.US, ['href="tel:911"', 'href="tel:988"', "SAMHSA"], ['href="tel:999"', "Samaritans", "FRANK"]),
        (Region.UK, ['href="tel:999"', "Samaritans", "FRANK"], ['href="tel:911"', 'href="tel:988"', "SAMHSA"]),
    ],
)
def test_a_kind_of_line_becomes_the_regions_own_line(region: Region, expected: list[str], absent: list[str]) -> None:
    page = page_with_body(
        "Call {helpline:emergency}. Talk to {helpline:crisis} or {helpline:drug-advice} [@nhs][@frank].\n"
    )

    html = render_page_for_region(page, region).body_html

    assert all(words in html for words in expected), html
    assert not any(words in html for words in absent), html
