"""`{% snippet_markup result.snippet %}`: a search snippet with its matches marked, joined in Python.

The template loop it replaces ran a tag and an `if` per word run, for every result on the page (docs/adr/0041).
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from waypost.content.search import SnippetPart

register = template.Library()


@register.simple_tag
def snippet_markup(parts: Iterable[SnippetPart]) -> SafeString:
    return mark_safe(  # noqa: S308 -- every part is escaped
        "".join(
            f"<mark>{conditional_escape(part.text)}</mark>" if part.is_match else str(conditional_escape(part.text))
            for part in parts
        )
    )
