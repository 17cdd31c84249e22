"""What code can check of a translated page against its English page (hazard H-092, docs/adr/0045).

A translation may not add or drop a helpline or an advice sentence, and it must cite every source its English
page cites, so a Spanish reader gets the same numbers, the same advice and the same evidence. Whether the
words say the same thing is for the clinical reviewer, whose status the page shows.
"""

from __future__ import annotations

import re
from collections import Counter

from waypost.content.library import Page

PLACEHOLDER = re.compile(r"\{(?:helpline|advice):[a-z0-9-]+\}")


def placeholders(page: Page) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(page.body))


def placeholder_problems(translated: Page, english: Page) -> list[str]:
    missing = placeholders(english) - placeholders(translated)
    extra = placeholders(translated) - placeholders(english)
    return [
        *(f"{translated.slug}: has {placeholder} fewer times than the English page" for placeholder in sorted(missing)),
        *(f"{translated.slug}: has {placeholder} more times than the English page" for placeholder in sorted(extra)),
    ]


def citation_problems(translated: Page, english: Page) -> list[str]:
    source_keys = {source.key for source in translated.sources}
    uncited = [key for key in english.cited_keys if key not in translated.cited_keys]
    unknown = [key for key in translated.cited_keys if key not in source_keys]
    return [
        *(f"{translated.slug}: does not cite {key}, which the English page cites" for key in uncited),
        *(f"{translated.slug}: cites {key}, which is not among its sources" for key in unknown),
    ]


def source_problems(translated: Page, english: Page) -> list[str]:
    # A key shared with the English page is the same work: a changed address would be a different source
    english_urls = {source.key: source.url for source in english.sources}
    return [
        f"{translated.slug}: source {source.key} points to {source.url}, not {english_urls[source.key]}"
        for source in translated.sources
        if source.key in english_urls and source.url != english_urls[source.key]
    ]


def translation_problems(translated: Page, english: Page) -> list[str]:
    """Every way the translation departs from its English page that code can see; empty when none."""
    return [
        *placeholder_problems(translated, english),
        *citation_problems(translated, english),
        *source_problems(translated, english),
    ]
