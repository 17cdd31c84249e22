"""Learn pages at Spanish addresses: the Spanish page where there is one, English with a note where not (H-093)."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from waypost.content.library import all_pages

pytestmark = pytest.mark.usefixtures("spanish_fixture_pages")

BOTH_REGIONS = override_settings(WAYPOST_REGION="uk", WAYPOST_REGIONS=["uk", "us"], WAYPOST_LANGUAGES=["en", "es"])
UNTRANSLATED_NOTICE = "Esta página aún no está en español. Por eso se muestra en inglés."


def html_of(client: Client, path: str, query: dict[str, str] | None = None) -> str:
    response = client.get(path, query)
    assert response.status_code == 200
    return response.content.decode()


def part(html: str, start: str, end: str) -> str:
    return html[html.index(start) :].split(end)[0]


def main_of(html: str) -> str:
    # The page's own content: the language switch and alternate links around it belong to core
    return part(html, '<main id="main-content"', "</main>")


def test_spanish_article_is_the_spanish_page_with_spanish_chrome(member_of_the_public: Client) -> None:
    html = html_of(member_of_the_public, "/es/learn/ketamine-bladder")

    assert '<article class="article">\n  <h1>¿Qué le hace la ketamina a la vejiga?</h1>' in html
    assert UNTRANSLATED_NOTICE not in html
    assert '<h2 id="sources-heading">Fuentes</h2>' in html
    assert '<h2 id="next-steps-heading">Qué puede hacer ahora</h2>' in html
    assert '<a href="/es/urgent">Busque ayuda urgente ahora</a> si usted u otra persona está en peligro' in html
    assert "Esta página da información. No es un diagnóstico ni un consejo médico." in html


def test_spanish_article_shows_its_own_review_status_and_dates_in_spanish(member_of_the_public: Client) -> None:
    review = part(html_of(member_of_the_public, "/es/learn/ketamine-bladder"), 'class="page-review"', "</dl>")

    assert "<dt>Revisado por</dt><dd>Revisión clínica (urología) — pendiente</dd>" in review
    assert "<dt>Fecha de revisión</dt><dd>30 de noviembre de 2026, por Equipo de contenidos de Waypost</dd>" in review
    assert "<dt>Próxima revisión</dt><dd>30 de mayo de 2027</dd>" in review


def test_review_line_names_the_role_and_team_from_the_page_file_in_spanish(member_of_the_public: Client) -> None:
    review = part(html_of(member_of_the_public, "/es/learn/the-law"), 'class="page-review"', "</dl>")

    assert "<dd>Revisión clínica (psiquiatría de adicciones) — pendiente</dd>" in review
    assert "<dt>Fecha de revisión</dt><dd>30 de noviembre de 2026, por Equipo de contenidos de Waypost</dd>" in review


def test_spanish_article_marks_english_sources_and_untranslated_related_pages(member_of_the_public: Client) -> None:
    html = html_of(member_of_the_public, "/es/learn/ketamine-bladder")

    assert '<li id="source-1" lang="en">Bristol, North Somerset' in html
    related = part(html, 'id="related-heading"', "</section>")
    assert '<a href="/es/learn/long-term-harms" lang="en">What are the long-term harms of ketamine?</a>' in related


def test_spanish_article_keeps_helplines_and_links_in_spanish_addresses(member_of_the_public: Client) -> None:
    html = html_of(member_of_the_public, "/es/learn/ketamine-bladder")

    assert 'llame al <a href="tel:999">999</a>.' in html
    assert 'href="tel:911"' not in main_of(html)
    assert 'href="/learn/' not in main_of(html)


def test_a_page_without_a_spanish_edition_is_english_with_a_note_and_lang(member_of_the_public: Client) -> None:
    html = html_of(member_of_the_public, "/es/learn/the-law")

    assert f'<div class="notice-box" id="untranslated-notice"><p>{UNTRANSLATED_NOTICE}</p></div>' in html
    assert '<article class="article" lang="en">\n  <h1>Is ketamine legal?</h1>' in html
    assert '<h2 id="sources-heading">Fuentes</h2>' in html


@pytest.mark.parametrize("slug", ["ketamine-bladder", "the-law"])
def test_english_article_is_unchanged_by_a_spanish_edition(member_of_the_public: Client, slug: str) -> None:
    html = html_of(member_of_the_public, f"/learn/{slug}")

    assert f'<article class="article">\n  <h1>{all_pages()[slug].title}</h1>' in html
    assert "untranslated-notice" not in html
    assert 'lang="en"' not in main_of(html)
    assert '<h2 id="sources-heading">Sources</h2>' in html


def test_spanish_index_lists_every_page_and_says_which_are_in_english(member_of_the_public: Client) -> None:
    html = html_of(member_of_the_public, "/es/learn/")

    assert "<h1>Información sobre la ketamina</h1>" in html
    assert '<a href="/es/learn/ketamine-bladder">¿Qué le hace la ketamina a la vejiga?</a></h2>' in html
    law = '<a href="/es/learn/the-law" lang="en">Is ketamine legal?</a>'
    assert f'{law} <span class="page-list__language">(en inglés)</span>' in html
    for slug in all_pages():
        assert f'href="/es/learn/{slug}"' in html


def test_english_index_has_no_language_marks(member_of_the_public: Client) -> None:
    html = html_of(member_of_the_public, "/learn/")

    assert "<h1>Learn about ketamine</h1>" in html
    assert "(en inglés)" not in html
    assert 'lang="en"' not in main_of(html)


@BOTH_REGIONS
@pytest.mark.parametrize(("region", "emergency"), [("us", "911"), ("uk", "999")])
def test_spanish_article_in_each_region_keeps_region_and_language_in_links(
    member_of_the_public: Client, region: str, emergency: str
) -> None:
    html = html_of(member_of_the_public, f"/{region}/es/learn/ketamine-bladder")

    assert "<h1>¿Qué le hace la ketamina a la vejiga?</h1>" in html
    assert f'<a href="/{region}/es/urgent">Busque ayuda urgente ahora</a>' in html
    assert f'<a href="/{region}/es/learn/warning-signs" lang="en">' in html
    assert f'<a href="tel:{emergency}">{emergency}</a>' in html


@BOTH_REGIONS
def test_spanish_fallback_in_a_region_has_the_note(member_of_the_public: Client) -> None:
    html = html_of(member_of_the_public, "/us/es/learn/the-law")

    assert UNTRANSLATED_NOTICE in html
    assert '<article class="article" lang="en">' in html


@pytest.mark.parametrize(
    ("query", "slug", "marked"),
    [
        ("adicción", "is-ketamine-addictive", "adicción"),
        ("adiccion", "is-ketamine-addictive", "adicción"),
        ("vejigas", "ketamine-bladder", "vejiga"),
        ("Vejiga", "ketamine-bladder", "vejiga"),
        ("rinon", "ketamine-bladder", "riñones"),
        ("riñón", "ketamine-bladder", "riñones"),
    ],
)
def test_spanish_search_finds_spanish_pages(member_of_the_public: Client, query: str, slug: str, marked: str) -> None:
    html = html_of(member_of_the_public, "/es/learn/search", {"q": query})

    results = part(html, '<ol class="search-results">', "</ol>")
    assert results.index(f'href="/es/learn/{slug}"') == results.index('href="')
    assert f"<mark>{marked}" in results


def test_spanish_search_counts_pages_in_spanish(member_of_the_public: Client) -> None:
    one = html_of(member_of_the_public, "/es/learn/search", {"q": "adicción"})
    two = html_of(member_of_the_public, "/es/learn/search", {"q": "vejigas"})

    assert "<p>Se encontró 1 página para “adicción”.</p>" in one
    assert "<p>Se encontraron 2 páginas para “vejigas”.</p>" in two


def test_spanish_search_looks_only_in_spanish_pages(member_of_the_public: Client) -> None:
    english = html_of(member_of_the_public, "/learn/search", {"q": "withdrawal"})
    spanish = html_of(member_of_the_public, "/es/learn/search", {"q": "withdrawal"})

    assert "search-results" in english
    assert (
        "No encontramos páginas para “withdrawal”. Revise cómo lo escribió, o pruebe con menos palabras o con "
        "palabras más simples."
    ) in spanish
    assert "<h2>Páginas que muchas personas leen</h2>" in spanish
    assert '<a href="/es/learn/warning-signs" lang="en">' in spanish
    assert '<a href="/es/learn/ketamine-bladder">¿Qué le hace la ketamina a la vejiga?</a>' in spanish


def test_english_search_does_not_find_spanish_words(member_of_the_public: Client) -> None:
    html = html_of(member_of_the_public, "/learn/search", {"q": "vejiga"})

    assert "No pages found for “vejiga”." in html


def test_spanish_search_of_only_common_words_asks_for_others(member_of_the_public: Client) -> None:
    html = html_of(member_of_the_public, "/es/learn/search", {"q": "de la que"})

    assert "No encontramos palabras para buscar en “de la que”." in html


def test_spanish_search_page_before_a_search(member_of_the_public: Client) -> None:
    html = html_of(member_of_the_public, "/es/learn/search")

    assert "<title>Buscar \N{EN DASH} " in html
    assert "Escriba una palabra o una pregunta, por ejemplo “vejiga” o “¿causa adicción?”." in html
    assert '<button class="button" type="submit">Buscar</button>' in html
