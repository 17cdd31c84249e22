"""The education pages: Markdown files with front matter, kept in the repository and loaded once.

Here the files are read and checked; `rendering.py` makes HTML of a page and `search.py` indexes them.
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


def parse_page(text: str, name: str) -> Page:
    fields, body = split_front_matter(text, name)
    missing = [field for field in REQUIRED_FIELDS if field not in fields]
    if missing:
        raise ContentError(f"{name}: missing {', '.join(missing)}.")
    if fields["audience"] not in AUDIENCES:
        raise ContentError(f"{name}: audience must be one of {', '.join(AUDIENCES)}.")
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
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ContentError(f"{name}: a source needs key, author, title, year and url ({error}).") from None
    if is_secondary_source(source.url):
        raise ContentError(f"{name}: source {source.key} is press or aggregator coverage; cite the original.")
    return source


def is_secondary_source(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return any(host == domain or host.endswith("." + domain) for domain in SECONDARY_SOURCE_DOMAINS)


def pages_folder() -> Path:
    return Path(str(files("waypost.content") / "pages"))


def load_pages(paths: Iterable[Path]) -> dict[str, Page]:
    pages = {}
    for path in sorted(paths):
        page = parse_page(path.read_text(encoding="utf-8"), path.name)
        if page.slug != path.stem:
            raise ContentError(f"{path.name}: slug {page.slug!r} must match the file name.")
        pages[page.slug] = page
    return pages


@cache
def all_pages() -> dict[str, Page]:
    return load_pages(pages_folder().glob("*.md"))


def get_page(slug: str) -> Page | None:
    return all_pages().get(slug)


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
    pages = all_pages()
    ordered = [pages[slug] for slug in READING_ORDER if slug in pages]
    return ordered + sorted((page for page in pages.values() if page not in ordered), key=lambda page: page.title)


def popular_pages() -> list[Page]:
    return existing_pages(POPULAR_SLUGS)
