"""Words from a page's front matter that the page's chrome shows, in the reader's language.

Page files name the clinical reviewer's role and the reviewing team in English, translated pages too (the same
few names on every page), so the review line at a Spanish address reads "urología", not "urology".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from waypost.content.library import Page

# Written as the page files write them; a name not listed here is shown as the file gives it
KNOWN_NAMES = {
    "addiction psychiatry": _("addiction psychiatry"),
    "emergency medicine": _("emergency medicine"),
    "urology": _("urology"),
    "Waypost content team": _("Waypost content team"),
}


@dataclass(frozen=True)
class ReviewWords:
    reviewer_role: str
    reviewed_by: str


def in_reader_language(name: str) -> str:
    return str(KNOWN_NAMES.get(name, name))


def review_words(page: Page) -> ReviewWords:
    return ReviewWords(in_reader_language(page.clinical_reviewer_role), in_reader_language(page.reviewed_by))
