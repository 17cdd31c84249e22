"""Search reads Spanish as Spanish: its stemmer, its stop words, and accents folded on both sides."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from waypost.content.search import Document, SearchIndex, parse_query, stemmer, stems, words


@pytest.fixture
def spanish_index() -> SearchIndex:
    return SearchIndex(
        [
            Document("vejiga", "La vejiga", "Dolor al orinar", "La ketamina puede dañar la vejiga y los riñones."),
            Document("adiccion", "¿La ketamina causa adicción?", "Tolerancia", "La adicción puede empezar pronto."),
            Document("ley", "La ley", "Penas", "Tener ketamina puede llevar a prisión."),
        ],
        "es",
    )


def test_spanish_words_lose_their_accents_and_punctuation() -> None:
    assert words("¿Riñón, VEJIGA o adicción?", "es") == ["rinon", "vejiga", "o", "adiccion"]


def test_spanish_stop_words_are_left_out_and_the_rest_stemmed() -> None:
    assert stems("las vejigas y los riñones de la persona", "es") == ["vejig", "rinon", "person"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("adicción", ["adiccion"]),
        ("adicciones", ["adiccion"]),
        ("ADICCION", ["adiccion"]),
        ("vejigas", ["vejiga"]),
        ("Vejiga", ["vejiga"]),
        ("rinon", ["vejiga"]),
        ("riñón", ["vejiga"]),
        ("prision", ["ley"]),
    ],
)
def test_spanish_queries_find_pages_with_or_without_accents_and_plurals(
    spanish_index: SearchIndex, query: str, expected: list[str]
) -> None:
    assert [hit.key for hit in spanish_index.search(parse_query(query, "es").terms)] == expected


def test_a_spanish_typo_still_finds_the_page(spanish_index: SearchIndex) -> None:
    assert spanish_index.search(parse_query("vejgia", "es").terms)[0].key == "vejiga"


def test_english_words_are_read_as_before() -> None:
    assert stems("is it the bladders") == ["bladder"]
    assert stems("the bladders", "en") == ["bladder"]


def test_each_thread_has_its_own_stemmer_for_each_language() -> None:
    with ThreadPoolExecutor(max_workers=1) as pool:
        other_thread_spanish = pool.submit(stemmer, "es").result()

    assert stemmer("es") is not stemmer("en")
    assert stemmer("es") is stemmer("es")
    assert other_thread_spanish is not stemmer("es")


def test_spanish_and_english_searches_from_many_threads_at_once_agree(spanish_index: SearchIndex) -> None:
    english_index = SearchIndex([Document("bladder", "Bladder", "Pain", "Ketamine can damage the bladder.")])
    queries = [("vejigas", "es"), ("bladders", "en"), ("adicción", "es"), ("riñones", "es")] * 25

    def search(query: tuple[str, str]) -> list[str]:
        text, language = query
        index = spanish_index if language == "es" else english_index
        return [hit.key for hit in index.search(parse_query(text, language).terms)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(search, queries))

    assert answers == [["vejiga"], ["bladder"], ["adiccion"], ["vejiga"]] * 25
