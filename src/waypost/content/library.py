"""The education pages: Markdown files with front matter, kept in the repository and loaded once.

Here the files are read and checked; `rendering.py` makes HTML of a page and `search.py` indexes them.
English pages are `pages/<slug>.md`; a translation is `pages/<language>/<slug>.md` with the English page's slug.
A reader sees the page in the address's language, or the English page while it has no translation yet
(docs/adr/0045-learn-pages-in-spanish.md).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from django.conf import settings
from django.utils.translation import get_language

ENGLISH = "en"
SPANISH = "es"
# Editions beside the English one; each lives in pages/<language>/
TRANSLATIONS = (SPANISH,)
AUDIENCES = ("everyone", "self", "family")
REQUIRED_FIELDS = (
    "slug",
    "title",
    "summary",
    "audience",
    "last_reviewed",
    "reviewed_by",
    "clinical_reviewer_role",
    "clinical_review_status",
    "next_review_due",
    "related",
    "sources",
)
CLINICAL_REVIEW_STATUSES = ("pending", "complete")
# A page is looked at again at least once a year so advice cannot quietly go stale
LONGEST_REVIEW_INTERVAL = datetime.timedelta(days=366)
# Press and aggregator sites repeat a primary source; we cite the source itself (issue 11)
SECONDARY_SOURCE_DOMAINS = (
    "news-medical.net",
    "uk-times.com",
    "nation.cymru",
    "miragenews.com",
    "press-news.org",
    "healthday.com",
    "dailymail.co.uk",
    "pulsetoday.co.uk",
    "nreppadmin.net",
)
CITATION_MARKER = re.compile(r"\[@([a-z0-9][a-z0-9-]*)\]")


class ContentError(ValueError):
    """A page file that breaks the format; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Source:
    key: str
    author: str
    title: str
    year: int
    url: str
    # The language the source is written in, so a Spanish page marks its English sources lang="en"
    language: str = ENGLISH


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    summary: str
    audience: str
    last_reviewed: datetime.date
    reviewed_by: str
    clinical_reviewer_role: str
    clinical_review_status: str
    next_review_due: datetime.date
    related: tuple[str, ...]
    sources: tuple[Source, ...]
    body: str
    language: str = ENGLISH

    @property
    def is_clinically_reviewed(self) -> bool:
        return self.clinical_review_status == "complete"

    @property
    def cited_keys(self) -> tuple[str, ...]:
        """Source keys in order of first citation, which is the order they are numbered in."""
        return tuple(dict.fromkeys(CITATION_MARKER.findall(self.body)))


def split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    parts = text.split("---\n", 2)
    if len(parts) != 3 or parts[0].strip():
        raise ContentError(f"{name}: the file must start with front matter between two '---' lines.")
    front_matter = yaml.safe_load(parts[1])
    if not isinstance(front_matter, dict):
        raise ContentError(f"{name}: the front matter is not a set of 'field: value' lines.")
    return front_matter, parts[2]


def parse_page(text: str, name: str, language: str = ENGLISH) -> Page:
    fields, body = split_front_matter(text, name)
    missing = [field for field in REQUIRED_FIELDS if field not in fields]
    if missing:
        raise ContentError(f"{name}: missing {', '.join(missing)}.")
    if fields["audience"] not in AUDIENCES:
        raise ContentError(f"{name}: audience must be one of {', '.join(AUDIENCES)}.")
    if fields.get("language", language) != language:
        raise ContentError(f"{name}: language {fields['language']!r} does not match its folder ({language}).")
    check_review_fields(fields, name)
    return Page(
        slug=str(fields["slug"]),
        title=str(fields["title"]),
        summary=str(fields["summary"]),
        audience=str(fields["audience"]),
        last_reviewed=fields["last_reviewed"],
        reviewed_by=str(fields["reviewed_by"]),
        clinical_reviewer_role=str(fields["clinical_reviewer_role"]).strip(),
        clinical_review_status=str(fields["clinical_review_status"]),
        next_review_due=fields["next_review_due"],
        related=tuple(str(slug) for slug in fields["related"]),
        sources=tuple(parse_source(source, name) for source in fields["sources"]),
        body=body.strip() + "\n",
        language=language,
    )


def check_review_fields(fields: dict[str, Any], name: str) -> None:
    last_reviewed, next_review_due = fields["last_reviewed"], fields["next_review_due"]
    if not isinstance(last_reviewed, datetime.date):
        raise ContentError(f"{name}: last_reviewed must be a date like 2026-11-21.")
    if not isinstance(next_review_due, datetime.date):
        raise ContentError(f"{name}: next_review_due must be a date like 2027-05-21.")
    if not last_reviewed < next_review_due <= last_reviewed + LONGEST_REVIEW_INTERVAL:
        raise ContentError(f"{name}: next_review_due must fall after last_reviewed and within a year of it.")
    if not str(fields["clinical_reviewer_role"] or "").strip():
        raise ContentError(f"{name}: clinical_reviewer_role must name the reviewer's role.")
    if fields["clinical_review_status"] not in CLINICAL_REVIEW_STATUSES:
        raise ContentError(f"{name}: clinical_review_status must be one of {', '.join(CLINICAL_REVIEW_STATUSES)}.")


def parse_source(fields: dict[str, Any], name: str) -> Source:
    try:
        source = Source(
            str(fields["key"]),
            str(fields["author"]),
            str(fields["title"]),
            int(fields["year"]),
            fields["url"],
            str(fields.get("language", ENGLISH)),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ContentError(f"{name}: a source needs key, author, title, year and url ({error}).") from None
    if is_secondary_source(source.url):
        raise ContentError(f"{name}: source {source.key} is press or aggregator coverage; cite the original.")
    return source


def is_secondary_source(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return any(host == domain or host.endswith("." + domain) for domain in SECONDARY_SOURCE_DOMAINS)


def pages_folder(language: str = ENGLISH) -> Path:
    english_folder = Path(str(files("waypost.content") / "pages"))
    return english_folder if language == ENGLISH else english_folder / language


def load_pages(paths: Iterable[Path], language: str = ENGLISH) -> dict[str, Page]:
    pages = {}
    for path in sorted(paths):
        page = parse_page(path.read_text(encoding="utf-8"), path.name, language)
        if page.slug != path.stem:
            raise ContentError(f"{path.name}: slug {page.slug!r} must match the file name.")
        pages[page.slug] = page
    return pages


def check_translations(translated: dict[str, Page], english: dict[str, Page], language: str) -> None:
    # A translation is of an English page: it shares its slug, so the two addresses differ only by /es/
    orphans = sorted(set(translated) - set(english))
    if orphans:
        raise ContentError(f"pages/{language}: no English page for {', '.join(orphans)}.")


@cache
def pages_in(language: str) -> dict[str, Page]:
    """The pages written in this language, by slug; the English pages for English."""
    pages = load_pages(pages_folder(language).glob("*.md"), language)
    if language != ENGLISH:
        check_translations(pages, pages_in(ENGLISH), language)
    return pages


def all_pages() -> dict[str, Page]:
    """The English pages: every page has one, so they name the pages there are."""
    return pages_in(ENGLISH)


def edition_for(django_language: str | None) -> str:
    """Which edition a Django language code reads: "es" and "es-us" read the Spanish pages, the rest English."""
    base = (django_language or settings.LANGUAGE_CODE).split("-")[0]
    return base if base in TRANSLATIONS else ENGLISH


def current_edition() -> str:
    return edition_for(get_language())


def get_page(slug: str) -> Page | None:
    """The page in the reader's language, or its English page while it has no translation."""
    translated = pages_in(current_edition()).get(slug)
    return translated or all_pages().get(slug)


def existing_pages(slugs: Iterable[str]) -> list[Page]:
    """The pages with these slugs, in the order given, leaving out any that are not installed."""
    return [page for page in map(get_page, slugs) if page is not None]


READING_ORDER = (
    "what-is-ketamine",
    "is-ketamine-addictive",
    "warning-signs",
    "effects-now",
    "mixing-and-overdose",
    "long-term-harms",
    "ketamine-bladder",
    "therapeutic-use-versus-misuse",
    "myths-and-facts",
    "reducing-harm",
    "treatment-options",
    "for-families-and-friends",
    "recovery-and-relapse",
    "the-law",
)
POPULAR_SLUGS = ("is-ketamine-addictive", "warning-signs", "ketamine-bladder", "mixing-and-overdose")


def pages_in_reading_order() -> list[Page]:
    """Every page, in the reader's language where it has been translated, in the order a newcomer reads them."""
    return existing_pages(slugs_in_reading_order())


def slugs_in_reading_order() -> list[str]:
    """The pages' slugs in the order a newcomer reads them; needs no settings (the benchmarks list pages with it)."""
    english = all_pages()
    slugs = [slug for slug in READING_ORDER if slug in english]
    later = sorted((page for slug, page in english.items() if slug not in slugs), key=lambda page: page.title)
    return [*slugs, *(page.slug for page in later)]


def popular_pages() -> list[Page]:
    return existing_pages(POPULAR_SLUGS)
