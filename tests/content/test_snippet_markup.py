"""Snippets joined in Python are byte for byte what the template loop they replace made, for many queries."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from waypost.content.page_search import search_pages
from waypost.content.search import SnippetPart
from waypost.content.templatetags.snippets import snippet_markup

# The loop search.html had before, kept here as the reference
BEFORE = Template(
    "{% for part in snippet %}{% if part.is_match %}<mark>{{ part.text }}</mark>{% else %}{{ part.text }}"
    "{% endif %}{% endfor %}"
)
QUERIES = ("bladder pain", "ketamine", "help someone", "k cramps", "withdrawal", "mixing alcohol", "urine blood")


def before(parts: tuple[SnippetPart, ...]) -> str:
    return BEFORE.render(Context({"snippet": parts}))


@pytest.mark.parametrize("query", QUERIES)
def test_every_snippet_matches_the_template_loop(query: str) -> None:
    outcome = search_pages(query)

    assert outcome.results
    for result in outcome.results:
        assert str(snippet_markup(result.snippet)) == before(result.snippet)


def test_markup_in_the_text_is_escaped_as_the_template_does() -> None:
    parts = (SnippetPart("a <b> & ", is_match=False), SnippetPart('"bladder"', is_match=True), SnippetPart("", False))

    assert str(snippet_markup(parts)) == before(parts)
