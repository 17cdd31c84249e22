"""Search across the education pages: the index is built once per process from the page files, per language.

A Spanish search looks only in the Spanish pages: an English page would not match Spanish words anyway, and
its English words would make odd matches for a Spanish reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from waypost.content.library import ENGLISH, Page, current_edition, pages_in
from waypost.content.rendering import plain_text
from waypost.content.search import Document, SearchIndex, SnippetPart, parse_query, snippet
from waypost.core.helplines import Region
from waypost.core.regions import current_region

RESULTS_SHOWN = 20


@dataclass(frozen=True)
class Result:
    page: Page
    snippet: tuple[SnippetPart, ...]


@dataclass(frozen=True)
class SearchOutcome:
    query: str
    results: tuple[Result, ...]
    was_shortened: bool
    has_searchable_words: bool


# No lock: threads that race on a cold start each build the same index, and one of them is kept
@cache
def page_index(region: Region = Region.UK, language: str = ENGLISH) -> SearchIndex:
    """Pages as each region reads them in one language: their advice sentences name that region's services."""
    pages = pages_in(language).values()
    documents = (Document(page.slug, page.title, page.summary, plain_text(page, region)) for page in pages)
    return SearchIndex(documents, language)


def search_pages(raw_query: str) -> SearchOutcome:
    language = current_edition()
    query = parse_query(raw_query, language)
    index = page_index(current_region(), language)
    hits = index.search(query.terms, limit=RESULTS_SHOWN)
    matched = index.matched_stems(query.terms)
    pages = pages_in(language)
    results = tuple(Result(pages[hit.key], snippet(index.snippet_sources[hit.key], matched)) for hit in hits)
    return SearchOutcome(query.text, results, query.was_shortened, bool(query.terms))
