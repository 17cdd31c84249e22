"""A page renders in its own language, whatever language the request is in, and is remembered per language."""

from __future__ import annotations

import dataclasses

import pytest
from django.utils import translation

from tests.content.test_rendering import page_with_body
from waypost.content.rendering import render_page, render_page_for_region

ENGLISH_PAGE = page_with_body("Call {helpline:uk-samaritans} [@nhs][@frank].\n")
SPANISH_PAGE = dataclasses.replace(
    ENGLISH_PAGE, body="Llame a {helpline:uk-samaritans} [@nhs][@frank].\n", language="es"
)


@pytest.fixture(autouse=True)
def nothing_rendered_yet() -> None:
    # Each test renders from scratch, so a page remembered by an earlier test cannot answer for it
    render_page_for_region.cache_clear()


def test_a_spanish_page_names_a_helpline_in_spanish() -> None:
    with translation.override("es"):
        html = render_page(SPANISH_PAGE).body_html

    assert '<p>Llame a <a href="tel:116123">Samaritans al 116 123</a>' in html


def test_an_english_page_shown_at_a_spanish_address_stays_english() -> None:
    with translation.override("es"):
        html = render_page(ENGLISH_PAGE).body_html

    assert '<p>Call <a href="tel:116123">Samaritans on 116 123</a>' in html


def test_a_spanish_page_stays_spanish_whichever_language_asked_first() -> None:
    at_english_address = render_page(SPANISH_PAGE).body_html
    with translation.override("es"):
        at_spanish_address = render_page(SPANISH_PAGE).body_html

    assert "Samaritans al 116 123" in at_english_address
    assert at_spanish_address == at_english_address
