from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

import pytest

from waypost.content.page_search import search_pages
from waypost.content.search import (
    Document,
    SearchIndex,
    SnippetPart,
    is_one_edit_apart,
    parse_query,
    snippet,
    snippet_source,
    stemmer,
    stems,
    window_start_around,
)


@pytest.fixture
def index() -> SearchIndex:
    return SearchIndex(
        [
            Document("bladder", "Ketamine bladder", "Pain when you pee", "Ketamine can damage the bladder lining."),
            Document("addiction", "Is ketamine addictive?", "Craving and tolerance", "Addiction can develop."),
            Document("law", "The law", "Class B", "Possession can mean prison. Bladder not mentioned much."),
        ]
    )


def test_stemming_finds_addiction_from_addicted(index: SearchIndex) -> None:
    hits = index.search(parse_query("addicted").terms)

    assert [hit.key for hit in hits] == ["addiction"]


def test_one_typo_still_finds_the_page(index: SearchIndex) -> None:
    hits = index.search(parse_query("bladdr").terms)

    assert hits[0].key == "bladder"


def test_title_matches_rank_above_body_matches(index: SearchIndex) -> None:
    hits = index.search(parse_query("bladder").terms)

    assert [hit.key for hit in hits] == ["bladder", "law"]


def test_short_words_are_not_guessed_at(index: SearchIndex) -> None:
    assert index.corrections("cls") == {"cls"}


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("bladder", "bladdr", True),
        ("bladder", "blaader", True),
        ("bladder", "lbadder", True),
        ("bladder", "bladders", True),
        ("bladder", "bladder", False),
        ("bladder", "ladde", False),
        ("bladder", "bxaddxr", False),
    ],
)
def test_one_edit_means_one_insertion_deletion_substitution_or_swap(first: str, second: str, expected: bool) -> None:
    assert is_one_edit_apart(first, second) is expected


def test_stop_words_are_ignored() -> None:
    assert stems("is it the bladder") == ["bladder"]


def test_long_queries_are_shortened_and_say_so() -> None:
    query = parse_query("bladder " * 200)

    assert query.was_shortened
    assert len(query.text) == 200
    assert query.terms == ("bladder",)


def test_snippet_marks_the_matching_words() -> None:
    parts = snippet(snippet_source("Ketamine can damage the\nbladder lining over time."), {"bladder"})

    assert parts == (
        SnippetPart("Ketamine can damage the ", False),
        SnippetPart("bladder", True),
        SnippetPart(" lining over time.", False),
    )


def test_snippet_starts_near_the_matches_in_long_text() -> None:
    text = " ".join(["filler"] * 100 + ["bladder"] + ["filler"] * 100)

    parts = snippet(snippet_source(text), {"bladder"}, width=10)

    assert parts[0].text.startswith("… filler")
    assert [part.text for part in parts if part.is_match] == ["bladder"]
    assert parts[-1].text.endswith("filler …")
    assert sum(len(part.text.split()) for part in parts) == 10 + 2


def test_real_pages_answer_a_question_about_the_bladder() -> None:
    outcome = search_pages("what does ketamine do to the bladder")

    assert outcome.results[0].page.slug == "ketamine-bladder"


def test_each_thread_stems_with_its_own_stemmer() -> None:
    # Snowball stemmers are not thread-safe: a shared one crashed under gunicorn's threaded workers
    with ThreadPoolExecutor(max_workers=2) as pool:
        other_thread_stemmer = pool.submit(stemmer).result()

    assert other_thread_stemmer is not stemmer()


def test_searches_from_many_threads_at_once_agree() -> None:
    queries = ["bladder pain", "is ketamine addictive", "withdrawal", "help my friend"] * 25
    expected = {query: [result.page.slug for result in search_pages(query).results] for query in set(queries)}

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda query: [result.page.slug for result in search_pages(query).results], queries))

    assert answers == [expected[query] for query in queries]


def window_start_by_scanning(is_match: list[bool], width: int) -> int:
    """The plain rule, window by window: of the starts holding most matches, the middle one."""
    counts = [sum(is_match[start : start + width]) for start in range(max(len(is_match) - width, 0) + 1)]
    best = [start for start, count in enumerate(counts) if count == max(counts)]
    return best[len(best) // 2]


def test_snippet_window_from_match_positions_equals_scanning_every_window() -> None:
    generator = random.Random(2026)  # noqa: S311 - repeatable cases, not secrets
    for _ in range(3000):
        length, width, density = generator.randint(1, 90), generator.randint(1, 35), generator.random() / 2
        is_match = [generator.random() < density for _ in range(length)]
        positions = [position for position, found in enumerate(is_match) if found]

        assert window_start_around(positions, length, width) == window_start_by_scanning(is_match, width)
