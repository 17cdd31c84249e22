"""Search across the education pages: the index is built once per process from the page files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from waypost.content.library import Page, all_pages
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
def page_index(region: Region = Region.UK) -> SearchIndex:
    """Pages as each region reads them: their advice sentences name that region's services."""
    pages = all_pages().values()
    return SearchIndex(Document(page.slug, page.title, page.summary, plain_text(page, region)) for page in pages)


def search_pages(raw_query: str) -> SearchOutcome:
    query = parse_query(raw_query)
    index = page_index(current_region())
    hits = index.search(query.terms, limit=RESULTS_SHOWN)
    matched = index.matched_stems(query.terms)
    pages = all_pages()
    results = tuple(Result(pages[hit.key], snippet(index.snippet_sources[hit.key], matched)) for hit in hits)
    return SearchOutcome(query.text, results, query.was_shortened, bool(query.terms))
