"""Marking words for translation in the pure modules (self-check journey and results, treatment rules, directory
taxonomy and places) without importing Django.

Module-level strings are wrapped in `gettext_noop`, which makemessages extracts by that name and which returns
the English unchanged; functions that build text take the translator as a `gettext` argument (also extracted by
name), given Django's `gettext` by the views and `untranslated` by default, so the rules stay plain Python and
the same answers always give the same words in a given language.
"""

from __future__ import annotations

from collections.abc import Callable

Translate = Callable[[str], str]


def gettext_noop(message: str) -> str:
    """The English as written; the words are looked up in the catalogue when shown."""
    return message


def untranslated(message: str) -> str:
    """The translator when none is given: English, as every existing caller and test expects."""
    return message


def first_lower(text: str) -> str:
    """'Your safety' → 'your safety', for a title that follows a colon."""
    return text[:1].lower() + text[1:]
