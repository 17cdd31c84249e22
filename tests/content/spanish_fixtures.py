"""Small Spanish pages for tests, in place of the real Spanish edition (which other work writes).

`spanish_fixture_pages` points the library at `tests/content/spanish_pages/` for Spanish and forgets every page,
rendering and index loaded before, so a test sees exactly these two translations: is-ketamine-addictive and
ketamine-bladder. Every other page has no Spanish edition, so it falls back to English.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from waypost.content import library
from waypost.content.page_search import page_index
from waypost.content.rendering import render_page_for_region
from waypost.core.page_memory import forget_stored_pages

SPANISH_FIXTURES = Path(__file__).parent / "spanish_pages"
TRANSLATED_SLUGS = ("is-ketamine-addictive", "ketamine-bladder")


def forget_loaded_pages() -> None:
    library.pages_in.cache_clear()
    render_page_for_region.cache_clear()
    page_index.cache_clear()
    forget_stored_pages()


@pytest.fixture
def spanish_fixture_pages(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    english_folder = library.pages_folder

    def folder(language: str = library.ENGLISH) -> Path:
        return SPANISH_FIXTURES if language == library.SPANISH else english_folder(language)

    monkeypatch.setattr(library, "pages_folder", folder)
    forget_loaded_pages()
    yield SPANISH_FIXTURES
    monkeypatch.setattr(library, "pages_folder", english_folder)
    forget_loaded_pages()
