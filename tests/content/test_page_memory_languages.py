"""Learn pages kept in memory (ADR 0033) are kept per address: a Spanish copy never answers an English address.

A test client records the templates a response rendered, so an empty list shows the copy came from memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.test import Client, override_settings

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.usefixtures("spanish_fixture_pages")

ENGLISH_BLADDER = "<h1>What does ketamine do to the bladder?</h1>"
SPANISH_BLADDER = "<h1>¿Qué le hace la ketamina a la vejiga?</h1>"
UNTRANSLATED_NOTICE = 'id="untranslated-notice"'


def served(path: str, *, is_from_memory: bool) -> str:
    response: TestResponse = Client().get(path)
    assert response.status_code == 200
    assert (response.templates == []) is is_from_memory, f"{path}: from memory should be {is_from_memory}"
    return response.content.decode()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("/es/learn/ketamine-bladder", "/learn/ketamine-bladder"),
        ("/learn/ketamine-bladder", "/es/learn/ketamine-bladder"),
    ],
)
def test_each_language_of_an_article_is_remembered_under_its_own_address(first: str, second: str) -> None:
    served(first, is_from_memory=False)
    served(second, is_from_memory=False)

    pages = {path: served(path, is_from_memory=True) for path in (first, second)}

    assert SPANISH_BLADDER in pages["/es/learn/ketamine-bladder"]
    assert ENGLISH_BLADDER not in pages["/es/learn/ketamine-bladder"]
    assert ENGLISH_BLADDER in pages["/learn/ketamine-bladder"]
    assert SPANISH_BLADDER not in pages["/learn/ketamine-bladder"]


@pytest.mark.parametrize("first", ["/es/learn/the-law", "/learn/the-law"])
def test_the_english_fallback_with_its_note_is_remembered_only_for_the_spanish_address(first: str) -> None:
    served(first, is_from_memory=False)
    served({"/es/learn/the-law": "/learn/the-law", "/learn/the-law": "/es/learn/the-law"}[first], is_from_memory=False)

    assert UNTRANSLATED_NOTICE in served("/es/learn/the-law", is_from_memory=True)
    assert UNTRANSLATED_NOTICE not in served("/learn/the-law", is_from_memory=True)


def test_the_index_is_remembered_per_language() -> None:
    served("/es/learn/", is_from_memory=False)
    served("/learn/", is_from_memory=False)

    assert "<h1>Información sobre la ketamina</h1>" in served("/es/learn/", is_from_memory=True)
    assert "<h1>Learn about ketamine</h1>" in served("/learn/", is_from_memory=True)


@override_settings(WAYPOST_REGION="uk", WAYPOST_REGIONS=["uk", "us"], WAYPOST_LANGUAGES=["en", "es"])
def test_each_region_and_language_of_an_article_is_its_own_copy() -> None:
    paths = ["/us/es/learn/ketamine-bladder", "/us/learn/ketamine-bladder", "/uk/es/learn/ketamine-bladder"]
    for path in paths:
        served(path, is_from_memory=False)

    pages = {path: served(path, is_from_memory=True) for path in paths}

    assert SPANISH_BLADDER in pages["/us/es/learn/ketamine-bladder"]
    assert 'href="/us/es/urgent"' in pages["/us/es/learn/ketamine-bladder"]
    assert ENGLISH_BLADDER in pages["/us/learn/ketamine-bladder"]
    assert 'href="/uk/es/urgent"' in pages["/uk/es/learn/ketamine-bladder"]
