"""Checks on every Spanish page, written now so they cover the Spanish pages as they are added (issue 18).

Each check runs over the real Spanish pages (`pages/es/`) and over the test pages in `spanish_pages/`, so it is
known to run before the real pages exist. A Spanish page must read easily (Fernández-Huerta), and it must carry
its English page's helplines, advice sentences and citations (hazard H-092).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import textstat
from django.utils import translation
from textstat.textstat import textstatistics

from tests.content.page_checks import (
    assert_links_only_to_pages_that_exist,
    assert_phone_numbers_come_only_from_the_registry,
)
from tests.content.spanish_fixtures import SPANISH_FIXTURES
from waypost.content.library import Page, all_pages, load_pages, pages_folder, pages_in
from waypost.content.page_search import search_pages
from waypost.content.rendering import plain_text, render_page
from waypost.content.translation_checks import translation_problems

# Fernández-Huerta 70 and above reads as "fairly easy" Spanish, about a 12-year-old's reading, like grade 7 in English
FERNANDEZ_HUERTA_FLOOR = 70.0
FOLDERS = {"es": pages_folder("es"), "fixture": SPANISH_FIXTURES}
PAGE_FILES = [
    pytest.param(path, id=f"{name}/{path.stem}")
    for name, folder in FOLDERS.items()
    for path in sorted(folder.glob("*.md"))
]


def spanish_page(path: Path) -> Page:
    return load_pages([path], "es")[path.stem]


@pytest.fixture
def spanish_reader() -> Iterator[textstatistics]:
    # An instance of its own: setting the shared one's language would score every later English test as Spanish
    reader = textstatistics()
    reader.set_lang("es")
    yield reader
    assert textstat.textstat.flesch_kincaid_grade("The cat sat on the mat.") < 1, "the shared scorer left English"


@pytest.mark.parametrize("path", PAGE_FILES)
def test_spanish_page_reads_easily(path: Path, spanish_reader: textstatistics) -> None:
    score = spanish_reader.fernandez_huerta(plain_text(spanish_page(path)))

    assert score >= FERNANDEZ_HUERTA_FLOOR, f"{path.stem} scores {score} on Fernández-Huerta"


def test_hard_spanish_scores_below_the_floor(spanish_reader: textstatistics) -> None:
    hard = (
        "La administración prolongada de anestésicos disociativos ocasiona alteraciones urológicas "
        "inflamatorias caracterizadas por disminución significativa de la capacidad vesical funcional."
    )

    assert spanish_reader.fernandez_huerta(hard) < FERNANDEZ_HUERTA_FLOOR


@pytest.mark.parametrize("path", PAGE_FILES)
def test_spanish_page_has_its_english_pages_helplines_advice_and_citations(path: Path) -> None:
    page = spanish_page(path)

    assert translation_problems(page, all_pages()[page.slug]) == []


@pytest.mark.parametrize("path", PAGE_FILES)
def test_spanish_page_cites_every_source_it_lists_in_order(path: Path) -> None:
    page = spanish_page(path)
    rendered = render_page(page)

    assert [item.source.key for item in rendered.sources] == list(page.cited_keys)
    assert {item.source.key for item in rendered.sources} == {source.key for source in page.sources}


@pytest.mark.parametrize("path", PAGE_FILES)
def test_spanish_page_links_only_to_pages_that_exist(path: Path) -> None:
    assert_links_only_to_pages_that_exist(spanish_page(path))


@pytest.mark.parametrize("path", PAGE_FILES)
def test_spanish_page_has_no_raw_html_and_no_phone_number_of_its_own(path: Path) -> None:
    page = spanish_page(path)

    assert re.findall(r"</?[a-zA-Z][^>]*>", page.body) == []
    assert_phone_numbers_come_only_from_the_registry(page)


@pytest.mark.parametrize("folder", FOLDERS.values(), ids=FOLDERS.keys())
def test_spanish_titles_are_unique(folder: Path) -> None:
    titles = [spanish_page(path).title for path in folder.glob("*.md")]

    assert len(titles) == len(set(titles))


def test_finds_a_dropped_helpline_an_extra_advice_sentence_and_a_missing_citation() -> None:
    page = spanish_page(SPANISH_FIXTURES / "ketamine-bladder.md")
    body = page.body.replace("{helpline:emergency}", "999").replace("[@shahani-2007]", "")
    altered = dataclasses.replace(page, body=body + "\n{advice:blood-in-urine}\n")

    assert translation_problems(altered, all_pages()["ketamine-bladder"]) == [
        "ketamine-bladder: has {helpline:emergency} fewer times than the English page",
        "ketamine-bladder: has {advice:blood-in-urine} more times than the English page",
        "ketamine-bladder: does not cite shahani-2007, which the English page cites",
    ]


def test_finds_a_shared_source_key_that_points_somewhere_else() -> None:
    page = spanish_page(SPANISH_FIXTURES / "ketamine-bladder.md")
    moved = tuple(
        dataclasses.replace(source, url="https://example.org/") if source.key == "chan-2022" else source
        for source in page.sources
    )

    english_url = next(source.url for source in all_pages()["ketamine-bladder"].sources if source.key == "chan-2022")

    problems = translation_problems(dataclasses.replace(page, sources=moved), all_pages()["ketamine-bladder"])

    assert problems == [f"ketamine-bladder: source chan-2022 points to https://example.org/, not {english_url}"]


REAL_SPANISH_PAGES = pytest.mark.skipif(
    "ketamine-bladder" not in pages_in("es") or "is-ketamine-addictive" not in pages_in("es"),
    reason="the real Spanish pages are written on other branches",
)


@REAL_SPANISH_PAGES
@pytest.mark.parametrize(("query", "slug"), [("adicción", "is-ketamine-addictive"), ("vejigas", "ketamine-bladder")])
def test_the_spanish_pages_answer_a_spanish_search(query: str, slug: str) -> None:
    with translation.override("es"):
        outcome = search_pages(query)

    assert outcome.results[0].page.slug == slug
    assert outcome.results[0].page.language == "es"
