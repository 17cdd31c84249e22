"""The Spanish edition: pages/es/<slug>.md loaded beside the English pages, with English where none exists yet."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

from tests.content.spanish_fixtures import TRANSLATED_SLUGS
from tests.content.test_library import page_text
from waypost.content.library import (
    ContentError,
    all_pages,
    check_translations,
    edition_for,
    existing_pages,
    get_page,
    load_pages,
    pages_in,
    pages_in_reading_order,
    parse_page,
)

pytestmark = pytest.mark.usefixtures("spanish_fixture_pages")


def test_loads_the_spanish_pages_as_the_spanish_edition() -> None:
    spanish = pages_in("es")

    assert sorted(spanish) == sorted(TRANSLATED_SLUGS)
    assert spanish["ketamine-bladder"].title == "¿Qué le hace la ketamina a la vejiga?"
    assert spanish["ketamine-bladder"].language == "es"
    assert all_pages()["ketamine-bladder"].language == "en"


def test_accepts_a_language_key_that_matches_the_folder() -> None:
    assert parse_page(page_text(language="es"), "page.md", "es").language == "es"


def test_refuses_a_language_key_that_does_not_match_the_folder() -> None:
    with pytest.raises(ContentError, match=r"page\.md: language 'en' does not match its folder \(es\)"):
        parse_page(page_text(language="en"), "page.md", "es")


def test_refuses_a_spanish_page_whose_slug_has_no_english_page(tmp_path: Path) -> None:
    (tmp_path / "no-such-topic.md").write_text(page_text(slug="no-such-topic", language="es"))
    translated = load_pages([tmp_path / "no-such-topic.md"], "es")

    with pytest.raises(ContentError, match="pages/es: no English page for no-such-topic"):
        check_translations(translated, all_pages(), "es")


@pytest.mark.parametrize(
    ("django_language", "edition"), [("es", "es"), ("es-us", "es"), ("en-gb", "en"), ("en-us", "en"), (None, "en")]
)
def test_a_django_language_reads_its_edition(django_language: str | None, edition: str) -> None:
    assert edition_for(django_language) == edition


def test_a_spanish_reader_gets_the_spanish_page_and_english_where_there_is_none() -> None:
    with translation.override("es"):
        bladder, law = get_page("ketamine-bladder"), get_page("the-law")

    assert bladder == pages_in("es")["ketamine-bladder"]
    assert law == all_pages()["the-law"]


def test_an_english_reader_never_gets_a_spanish_page() -> None:
    assert [page.language for page in existing_pages(TRANSLATED_SLUGS)] == ["en", "en"]


def test_reading_order_is_the_same_in_spanish_with_translated_pages_in_place() -> None:
    english = pages_in_reading_order()
    with translation.override("es"):
        spanish = pages_in_reading_order()

    assert [page.slug for page in spanish] == [page.slug for page in english]
    assert {page.slug for page in spanish if page.language == "es"} == set(TRANSLATED_SLUGS)
