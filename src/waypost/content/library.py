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

import yaml

AUDIENCES = ("everyone", "self", "family")
REQUIRED_FIELDS = (
    "slug",
    "title",
    "summary",
    "audience",
    "last_reviewed",
    "reviewed_by",
    "related",
    "sources",
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
    related: tuple[str, ...]
    sources: tuple[Source, ...]
    body: str

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
    if not isinstance(fields["last_reviewed"], datetime.date):
        raise ContentError(f"{name}: last_reviewed must be a date like 2026-11-21.")
    return Page(
        slug=str(fields["slug"]),
        title=str(fields["title"]),
        summary=str(fields["summary"]),
        audience=str(fields["audience"]),
        last_reviewed=fields["last_reviewed"],
        reviewed_by=str(fields["reviewed_by"]),
        related=tuple(str(slug) for slug in fields["related"]),
        sources=tuple(parse_source(source, name) for source in fields["sources"]),
        body=body.strip() + "\n",
    )


def parse_source(fields: dict[str, Any], name: str) -> Source:
    try:
        return Source(
            str(fields["key"]),
            str(fields["author"]),
            str(fields["title"]),
            int(fields["year"]),
            fields["url"],
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ContentError(f"{name}: a source needs key, author, title, year and url ({error}).") from None


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
