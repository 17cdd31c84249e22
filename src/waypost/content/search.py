"""Full-text search over the education pages: an in-process index, the same on SQLite and PostgreSQL.

Words are stemmed (Snowball English), so "addicted" finds "addiction"; a word that is not in the pages is
matched to words one edit away, so one typo still finds the page. Ranking is BM25 over title, summary and
body, with the title counting most. See docs/adr/0006-content-search-in-process.md. An index holds the pages
of one language and reads words as that language does (`search_languages.py`, docs/adr/0045).
"""

from __future__ import annotations

import math
import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain, groupby, pairwise
from operator import itemgetter

import snowballstemmer

from waypost.content.search_languages import ANALYSERS, folded

FIELD_WEIGHTS = {"title": 3.0, "summary": 2.0, "body": 1.0}
BM25_K1 = 1.2
BM25_B = 0.75
MAXIMUM_QUERY_CHARACTERS = 200
MAXIMUM_QUERY_TERMS = 12
MINIMUM_LENGTH_FOR_TYPOS = 4
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


THREAD_STATE = threading.local()


def stemmer(language: str = "en") -> snowballstemmer.stemmer:
    # Snowball stemmers keep state while they work, so each server thread needs its own, one per language
    if not hasattr(THREAD_STATE, "stemmers"):
        THREAD_STATE.stemmers = {}
    if language not in THREAD_STATE.stemmers:
        THREAD_STATE.stemmers[language] = snowballstemmer.stemmer(ANALYSERS[language].stemmer_name)
    return THREAD_STATE.stemmers[language]


@lru_cache(maxsize=200_000)
def stem(word: str, language: str = "en") -> str:
    return str(stemmer(language).stemWord(word))


def words(text: str, language: str = "en") -> list[str]:
    lowered = folded(text.lower()) if ANALYSERS[language].folds_accents else text.lower()
    return [word.replace("'", "") for word in WORD.findall(lowered)]


def stems(text: str, language: str = "en") -> list[str]:
    stop_words = ANALYSERS[language].stop_words
    return [stem(word, language) for word in words(text, language) if word not in stop_words]


@dataclass(frozen=True)
class Document:
    key: str
    title: str
    summary: str
    body: str


@dataclass(frozen=True)
class Hit:
    key: str
    score: float


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    terms: tuple[str, ...]
    was_shortened: bool


def parse_query(raw: str, language: str = "en") -> ParsedQuery:
    text = " ".join(raw.split())
    was_shortened = len(text) > MAXIMUM_QUERY_CHARACTERS
    text = text[:MAXIMUM_QUERY_CHARACTERS]
    terms = tuple(dict.fromkeys(stems(text, language)))[:MAXIMUM_QUERY_TERMS]
    return ParsedQuery(text, terms, was_shortened)


def deletions(term: str) -> set[str]:
    return {term[:index] + term[index + 1 :] for index in range(len(term))}


def is_one_edit_apart(first: str, second: str) -> bool:
    """True for one insertion, deletion, substitution or swap of neighbouring letters."""
    if abs(len(first) - len(second)) > 1 or first == second:
        return False
    if len(first) == len(second):
        differences = [index for index, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
        if len(differences) == 1:
            return True
        left, right = differences[0], differences[-1]
        return (
            len(differences) == 2
            and right == left + 1
            and first[left] == second[right]
            and first[right] == second[left]
        )
    shorter, longer = sorted((first, second), key=len)
    return shorter in deletions(longer)


class SearchIndex:
    def __init__(self, documents: Iterable[Document], language: str = "en") -> None:
        self.language = language
        self.documents = {document.key: document for document in documents}
        self.postings: dict[str, dict[str, float]] = defaultdict(dict)
        self.lengths: dict[str, float] = {}
        self.snippet_sources: dict[str, SnippetSource] = {}
        for document in self.documents.values():
            self.add(document)
        self.average_length = sum(self.lengths.values()) / max(len(self.lengths), 1)
        self.near_misses = self.build_near_misses()

    def add(self, document: Document) -> None:
        weighted: defaultdict[str, float] = defaultdict(float)
        for field, weight in FIELD_WEIGHTS.items():
            for stem in stems(getattr(document, field), self.language):
                weighted[stem] += weight
        self.lengths[document.key] = sum(weighted.values())
        self.snippet_sources[document.key] = snippet_source(document.body, self.language)
        for stem, frequency in weighted.items():
            self.postings[stem][document.key] = frequency

    def build_near_misses(self) -> dict[str, set[str]]:
        # Each vocabulary word filed under itself with one letter removed: a typo shares one of these
        near_misses: dict[str, set[str]] = defaultdict(set)
        for term in self.postings:
            if len(term) >= MINIMUM_LENGTH_FOR_TYPOS:
                for variant in deletions(term) | {term}:
                    near_misses[variant].add(term)
        return near_misses

    def corrections(self, term: str) -> set[str]:
        if term in self.postings or len(term) < MINIMUM_LENGTH_FOR_TYPOS:
            return {term}
        candidates = set().union(*(self.near_misses.get(variant, set()) for variant in deletions(term) | {term}))
        return {candidate for candidate in candidates if is_one_edit_apart(term, candidate)}

    def search(self, terms: Sequence[str], *, limit: int = 20) -> list[Hit]:
        scores: defaultdict[str, float] = defaultdict(float)
        for term in terms:
            for matched in self.corrections(term):
                self.score_term(matched, scores)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return [Hit(key, score) for key, score in ranked[:limit]]

    def score_term(self, term: str, scores: defaultdict[str, float]) -> None:
        postings = self.postings.get(term, {})
        inverse_frequency = math.log(1 + (len(self.documents) - len(postings) + 0.5) / (len(postings) + 0.5))
        for key, frequency in postings.items():
            length_ratio = self.lengths[key] / self.average_length
            saturation = frequency * (BM25_K1 + 1) / (frequency + BM25_K1 * (1 - BM25_B + BM25_B * length_ratio))
            scores[key] += inverse_frequency * saturation

    def matched_stems(self, terms: Sequence[str]) -> set[str]:
        return set().union(*(self.corrections(term) for term in terms)) if terms else set()


@dataclass(frozen=True)
class SnippetPart:
    text: str
    is_match: bool


@dataclass(frozen=True)
class SnippetSource:
    """A text cut into words once, at indexing time, so building a snippet costs no stemming."""

    words: tuple[str, ...]
    stems: tuple[str, ...]

    @cached_property
    def positions_by_stem(self) -> dict[str, tuple[int, ...]]:
        """Where each stem occurs, so a snippet looks only at the matched words, not at every word of the page."""
        positions: defaultdict[str, list[int]] = defaultdict(list)
        for position, word_stem in enumerate(self.stems):
            positions[word_stem].append(position)
        return {word_stem: tuple(found) for word_stem, found in positions.items()}


def snippet_source(text: str, language: str = "en") -> SnippetSource:
    pieces = text.split()
    return SnippetSource(
        tuple(pieces),
        tuple(stem(found[0], language) if (found := words(piece, language)) else "" for piece in pieces),
    )


def snippet(source: SnippetSource, matched: set[str], *, width: int = 30) -> tuple[SnippetPart, ...]:
    """The stretch of `width` words with the most matches, split into plain and matched parts for <mark>."""
    positions = sorted(chain.from_iterable(source.positions_by_stem.get(word_stem, ()) for word_stem in matched))
    start = window_start_around(positions, len(source.words), width)
    end = min(start + width, len(source.words))
    pieces: list[tuple[str, bool]] = [("… ", False)] if start > 0 else []
    for position in range(start, end):
        if position > start:
            pieces.append((" ", False))
        pieces.append((source.words[position], source.stems[position] in matched))
    if end < len(source.words):
        pieces.append((" …", False))
    return joined_parts(pieces)


def joined_parts(pieces: list[tuple[str, bool]]) -> tuple[SnippetPart, ...]:
    """Plain text next to plain text becomes one part; each matched word stays a part of its own, for its <mark>."""
    parts: list[SnippetPart] = []
    for is_match, group in groupby(pieces, key=itemgetter(1)):
        texts = [text for text, _ in group]
        parts.extend([SnippetPart(text, True) for text in texts] if is_match else [SnippetPart("".join(texts), False)])
    return tuple(parts)


def best_window_start(is_match: Sequence[bool], width: int) -> int:
    """Of the windows holding most matches, the middle one, so matches sit near the centre of the snippet."""
    return window_start_around([position for position, found in enumerate(is_match) if found], len(is_match), width)


def window_start_around(positions: Sequence[int], length: int, width: int) -> int:
    """best_window_start from the sorted match positions alone: the count of matches in a window changes only
    where a match comes in or goes out, so the starts fall into a few runs of equal count."""
    runs = runs_of_equal_count(positions, max(length - width, 0) + 1, width)
    most = max(count for _, _, count in runs)
    best_runs = [(first, stop) for first, stop, count in runs if count == most]
    middle = sum(stop - first for first, stop in best_runs) // 2
    for first, stop in best_runs:
        if middle < stop - first:
            return first + middle
        middle -= stop - first
    raise AssertionError("the middle start lies in one of the runs")


def runs_of_equal_count(positions: Sequence[int], starts: int, width: int) -> list[tuple[int, int, int]]:
    """(first start, stop, matches in the window) for the windows starting at 0 .. starts - 1."""
    changes: defaultdict[int, int] = defaultdict(int)
    for position in positions:
        changes[max(position - width + 1, 0)] += 1  # the window starting here is the first to hold it
        changes[position + 1] -= 1  # and the one starting here the first to have passed it
    edges = sorted({0, starts, *(start for start in changes if start < starts)})
    runs, count = [], 0
    for first, stop in pairwise(edges):
        count += changes.get(first, 0)
        runs.append((first, stop, count))
    return runs
