"""Turn a page's Markdown into safe HTML, with numbered citations and helplines from the registry.

Raw HTML in the Markdown is never passed through (markdown-it escapes it), and link targets such as
`javascript:` are refused by markdown-it's link validation. Citation markers and helpline placeholders are
swapped for private-use tokens before rendering and for our markup afterwards, so they cannot carry HTML in.
`{advice:key}` becomes the action sentence from core/advice.py for the configured region, so a learn page
gives the same advice, word for word, as the self-check's results and care cards. A page is rendered in its
own language, so an English page shown while its translation is missing reads English throughout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from django.urls import Resolver404, get_script_prefix, resolve
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt
from markdown_it.token import Token

from waypost.content.library import CITATION_MARKER, ContentError, Page, Source
from waypost.core.advice import advice_for
from waypost.core.helplines import ContactKind, Helpline, Region, get_helpline
from waypost.core.regions import current_region, django_language

HELPLINE_PLACEHOLDER = re.compile(r"\{helpline:([a-z0-9-]+)\}")
# Placeholders that name a kind of line rather than one line: each region's own, so a US page says 911 and 988
# and a UK page 999 and Samaritans, without naming the other country's (H-063)
REGIONAL_HELPLINES = {
    "emergency": {Region.UK: "uk-emergency", Region.US: "us-emergency"},
    "crisis": {Region.UK: "uk-samaritans", Region.US: "us-988"},
    "drug-advice": {Region.UK: "uk-frank", Region.US: "us-samhsa-helpline"},
}
ADVICE_PLACEHOLDER = re.compile(r"\{advice:([a-z0-9-]+)\}")
TOKEN = re.compile("\ue000(cite|helpline|advice):([a-z0-9-]+)\ue001")


@dataclass(frozen=True)
class NumberedSource:
    number: int
    source: Source


@dataclass(frozen=True)
class RenderedPage:
    page: Page
    body_html: SafeString
    sources: tuple[NumberedSource, ...]


@cache
def markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(["table", "replacements"])


def number_sources(page: Page) -> dict[str, NumberedSource]:
    by_key = {source.key: source for source in page.sources}
    unknown = [key for key in page.cited_keys if key not in by_key]
    if unknown:
        raise ContentError(f"{page.slug}: citation markers with no source: {', '.join(unknown)}.")
    return {key: NumberedSource(number, by_key[key]) for number, key in enumerate(page.cited_keys, start=1)}


def configured_region() -> Region:
    return current_region()


def render_page(page: Page) -> RenderedPage:
    return render_page_for_region(page, configured_region(), get_script_prefix())


# Page files and the URLs they link to are fixed while the process runs, so each page is rendered once a region
# and script prefix (/us/es/ names both region and language); the page itself carries its language
@cache
def render_page_for_region(page: Page, region: Region, script_prefix: str = "/") -> RenderedPage:
    with translation.override(django_language(page.language)):
        return render_page_in_its_language(page, region, script_prefix)


def render_page_in_its_language(page: Page, region: Region, script_prefix: str) -> RenderedPage:
    numbered = number_sources(page)
    tokenised = CITATION_MARKER.sub("\ue000cite:\\1\ue001", page.body)
    tokenised = HELPLINE_PLACEHOLDER.sub("\ue000helpline:\\1\ue001", tokenised)
    tokenised = ADVICE_PLACEHOLDER.sub("\ue000advice:\\1\ue001", tokenised)
    html = render_markdown(tokenised, script_prefix)

    def replace(match: re.Match[str]) -> str:
        kind, key = match.groups()
        if kind == "cite":
            return citation_html(numbered[key].number)
        if kind == "advice":
            return advice_html(key, region)
        return helpline_html(get_helpline(helpline_key(key, region)))

    # Dynamic parts of each replacement are escaped by format_html; the rest is markdown-it's escaped output
    body = mark_safe(TOKEN.sub(replace, html))  # noqa: S308
    return RenderedPage(page, body, tuple(sorted(numbered.values(), key=lambda item: item.number)))


def render_markdown(text: str, script_prefix: str = "/") -> str:
    tokens = markdown().parse(text)
    for token in tokens:
        if token.children:
            token.children = within_prefix(without_links_to_missing_pages(token.children), script_prefix)
    return str(markdown().renderer.render(tokens, markdown().options, {}))


def within_prefix(children: list[Token], script_prefix: str) -> list[Token]:
    """Links to Waypost's own pages stay in the page's region (`/check/` → `/us/check/` on a US page)."""
    for token in children:
        href = str(token.attrGet("href") or "")
        if token.type == "link_open" and href.startswith("/") and not href.startswith("//"):
            token.attrSet("href", script_prefix.rstrip("/") + href)
    return children


def without_links_to_missing_pages(children: list[Token]) -> list[Token]:
    """Pages may link to parts of Waypost that are not installed yet; those links become plain text."""
    kept: list[Token] = []
    is_dropping_link = False
    for token in children:
        if token.type == "link_open":
            is_dropping_link = not is_available(str(token.attrGet("href") or ""))
        if token.type in ("link_open", "link_close") and is_dropping_link:
            continue
        kept.append(token)
    return kept


def is_available(href: str) -> bool:
    if not href.startswith("/"):
        return True
    try:
        resolve(href.split("#")[0].split("?")[0])
    except Resolver404:
        return False
    return True


def citation_html(number: int) -> str:
    return str(format_html('<sup class="citation"><a href="#source-{0}">[{0}]</a></sup>', number))


def helpline_html(helpline: Helpline) -> str:
    contact = helpline.primary_contact
    if helpline.is_emergency:
        text = contact.value
    elif contact.kind == ContactKind.CALL:
        text = _("%(helpline)s on %(number)s") % {"helpline": helpline.name, "number": contact.value}
    else:
        text = f"{helpline.name} ({contact.label})"
    return str(format_html('<a href="{}">{}</a>', contact.href, text))


def advice_html(key: str, region: Region) -> str:
    return str(format_html('<span class="advice">{}</span>', advice_for(key, region).action))


def plain_text(page: Page, region: Region | None = None) -> str:
    """The body as a person reads it, without markers or Markdown, for search and reading-age checks."""
    with translation.override(django_language(page.language)):
        return plain_text_in_its_language(page, region)


def plain_text_in_its_language(page: Page, region: Region | None) -> str:
    text = re.sub(r"[ \t]*" + CITATION_MARKER.pattern, "", page.body)
    here = region or configured_region()
    text = HELPLINE_PLACEHOLDER.sub(lambda match: helpline_plain_text(helpline_key(match.group(1), here)), text)
    text = ADVICE_PLACEHOLDER.sub(lambda match: advice_for(match.group(1), here).action, text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^#+[ \t]*", "", text, flags=re.MULTILINE)
    text = re.sub(r"^[ \t]*(?:[-*]|\d+\.)[ \t]+", "", text, flags=re.MULTILINE)
    text = re.sub(r"[*_`|>]", "", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def helpline_key(key: str, region: Region) -> str:
    return REGIONAL_HELPLINES[key][region] if key in REGIONAL_HELPLINES else key


def helpline_plain_text(key: str) -> str:
    helpline = get_helpline(key)
    return helpline.primary_contact.value if helpline.is_emergency else helpline.name
