"""Which region and language a page is for: the address says both (`/us/…`, `/uk/…`, `/es/…`, `/us/es/…`).

A deployment serves one region or several (`WAYPOST_REGIONS`). With several, a page's region is the first part
of its address, so a shared link shows the same numbers to whoever opens it and a cached page is never shown
for the wrong country; a bare address keeps the operator's default region (`WAYPOST_REGION`). The middleware
takes the region off the path before URL resolution and makes it the script prefix, so every `{% url %}` and
`reverse()` on that page stays in the region without any view knowing (docs/adr/0042-regions-in-the-address.md).
A language other than English (`WAYPOST_LANGUAGES`) follows the region in the address the same way and is
activated for the request; a bare address is English (docs/adr/0043).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, HttpResponsePermanentRedirect
from django.urls import get_script_prefix, set_script_prefix
from django.utils import translation
from django.utils.cache import patch_vary_headers

from waypost.core.helplines import Region, region_name

# The region of the request being served; outside a request (the worker, a command) the default region
region_of_request: ContextVar[Region | None] = ContextVar("region_of_request", default=None)

# The language of the request being served, when its address names one other than English
language_of_request: ContextVar[str | None] = ContextVar("language_of_request", default=None)

# Countries in a browser's language tags (en-US, es-US, en-GB) that point to a region Waypost serves
REGION_OF_COUNTRY = {"us": Region.US, "gb": Region.UK, "uk": Region.UK}
HTML_LANGUAGE = {Region.UK: "en-GB", Region.US: "en-US"}
# US Spanish is a language of the US (es-US); Spanish in the UK region is plain Spanish, as no es-GB variety exists
SPANISH_HTML_LANGUAGE = {Region.UK: "es", Region.US: "es-US"}
ENGLISH = "en"
# Each language named in itself, so a reader finds their own whatever the page's language
LANGUAGE_NAMES = {"en": "English", "es": "Español"}


@dataclass(frozen=True)
class RegionChoice:
    region: Region
    name: str
    href: str
    language: str
    is_current: bool


@dataclass(frozen=True)
class LanguageChoice:
    language: str
    name: str
    href: str
    hreflang: str
    is_current: bool


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    href: str


def default_region() -> Region:
    return Region(settings.WAYPOST_REGION)


def served_regions() -> tuple[Region, ...]:
    return tuple(Region(value) for value in settings.WAYPOST_REGIONS)


def serves_several_regions() -> bool:
    return len(settings.WAYPOST_REGIONS) > 1


def current_region() -> Region:
    return region_of_request.get() or default_region()


def current_language() -> str:
    """The request's language as Django names it: "es" for a Spanish address, else the default ("en-gb")."""
    return django_language(address_language())


def django_language(language: str) -> str:
    """The code Django translates into for a language of the address: English is the default ("en-gb")."""
    return settings.LANGUAGE_CODE if language == ENGLISH else language


def language_in_address(django_code: str) -> str:
    """The other way: "en-gb" → "en" (no part of the address), "es" → "es"."""
    return ENGLISH if django_code == settings.LANGUAGE_CODE else django_code


def served_languages() -> tuple[str, ...]:
    return (ENGLISH, *(language for language in settings.WAYPOST_LANGUAGES if language != ENGLISH))


def address_language() -> str:
    """The language the address names, "en" when it names none."""
    return language_of_request.get() or ENGLISH


def html_language(region: Region, language: str) -> str:
    """The page's `<html lang>` and its hreflang: en-GB, en-US, es-US, or es for Spanish in the UK region."""
    return HTML_LANGUAGE[region] if language == ENGLISH else SPANISH_HTML_LANGUAGE[region]


def address_for(request: HttpRequest, region: Region | None, language: str) -> str:
    """This page's address in a region (None: the bare address) and a language."""
    root = str(request.META.get("SCRIPT_NAME", "")).rstrip("/")
    return root + "".join(f"/{part}" for part in address_parts(region, language)) + request.path_info


def address_parts(region: Region | None, language: str) -> tuple[str, ...]:
    """What an address names before the page: ("us", "es") for /us/es/…, ("es",), ("us",), or () when bare."""
    return tuple(part for part in (region and region.value, language if language != ENGLISH else None) if part)


def region_in_address(request: HttpRequest) -> Region | None:
    return current_region() if getattr(request, "has_region_in_address", False) else None


def language_choices(request: HttpRequest) -> tuple[LanguageChoice, ...]:
    """The same page in each language served, for the switch at the top of every page; the region stays."""
    languages = served_languages()
    if len(languages) < 2:
        return ()
    region, here = region_in_address(request), address_language()
    return tuple(
        LanguageChoice(
            language,
            LANGUAGE_NAMES[language],
            address_for(request, region, language),
            html_language(current_region(), language),
            language == here,
        )
        for language in languages
    )


def alternates(request: HttpRequest) -> tuple[Alternate, ...]:
    """Every served version of this page (each region and language) and the bare address as x-default."""
    regions: tuple[Region | None, ...] = served_regions() if serves_several_regions() else (None,)
    versions = tuple(
        Alternate(html_language(region or default_region(), language), address_for(request, region, language))
        for region in regions
        for language in served_languages()
    )
    if len(versions) < 2:
        return ()
    return (*versions, Alternate("x-default", address_for(request, None, ENGLISH)))


def suggested_language_address(request: HttpRequest) -> str | None:
    """On a bare English address, the Spanish page when the browser's first language is Spanish; es-US (a served
    region in the tag) goes to that region's Spanish page. Only a suggestion: a shared link keeps its language."""
    is_bare = not getattr(request, "has_region_in_address", True) and language_of_request.get() is None
    if not is_bare or "es" not in served_languages():
        return None
    tags = language_tags(request.headers.get("Accept-Language", ""))
    if not tags or tags[0].partition("-")[0] != "es":
        return None
    region = REGION_OF_COUNTRY.get(tags[0].partition("-")[2])
    if region is None or region.value not in settings.WAYPOST_REGIONS or not serves_several_regions():
        return address_for(request, None, "es")
    return address_for(request, region, "es")


def split_language(path_info: str) -> tuple[str | None, str]:
    """`/es/learn/` → ("es", `/learn/`) when Spanish is served; any other path is left as it is."""
    first, _, rest = path_info.removeprefix("/").partition("/")
    if first == "en" or first not in settings.WAYPOST_LANGUAGES:
        return None, path_info
    return first, "/" + rest


def split_region(path_info: str) -> tuple[Region | None, str]:
    """`/us/learn/` → (US, `/learn/`); a path without a served region's prefix is left as it is."""
    if not serves_several_regions():
        return None, path_info
    first, _, rest = path_info.removeprefix("/").partition("/")
    if first not in settings.WAYPOST_REGIONS:
        return None, path_info
    return Region(first), "/" + rest


def region_choices(request: HttpRequest) -> tuple[RegionChoice, ...]:
    """The same page in each region the deployment serves, for the switch at the top of every page."""
    if not serves_several_regions():
        return ()
    here, language = current_region(), address_language()
    return tuple(
        RegionChoice(
            region,
            region_name(region),
            address_for(request, region, language),
            HTML_LANGUAGE[region],
            region == here,
        )
        for region in served_regions()
    )


def suggested_region(request: HttpRequest) -> Region | None:
    """On an address without a region, the region the browser's language points to, when it is not this one."""
    if not serves_several_regions() or getattr(request, "has_region_in_address", True):
        return None
    for tag in language_tags(request.headers.get("Accept-Language", "")):
        _, _, country = tag.partition("-")
        region = REGION_OF_COUNTRY.get(country)
        if region is not None and region.value in settings.WAYPOST_REGIONS:
            return None if region == current_region() else region
    return None


def browser_suggestions(request: HttpRequest) -> str:
    """The region and language the browser's languages suggest, as one key part for pages kept in memory."""
    region = suggested_region(request)
    return f"{region.value if region else ''} {suggested_language_address(request) or ''}"


def language_tags(accept_language: str) -> list[str]:
    """The browser's languages in its order of preference, lower case, without their weights."""
    tags = [part.split(";")[0].strip().lower() for part in accept_language.split(",")]
    return [tag for tag in tags if tag and tag != "*"][:8]


class RegionMiddleware:
    """Before URL resolution: a served region's and language's prefixes leave the path and become the script prefix."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        region, after_region = split_region(request.path_info)
        language, rest = split_language(after_region)
        request.has_region_in_address = region is not None  # type: ignore[attr-defined]
        if region is None and language is None:
            return self.response_without_region(request)
        if rest == "/" and not request.path_info.endswith("/"):
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
        return self.response_in_address(request, region, language, rest)

    def response_without_region(self, request: HttpRequest) -> HttpResponseBase:
        with translation.override(settings.LANGUAGE_CODE):
            response = self.get_response(request)
        if serves_several_regions() or len(served_languages()) > 1:
            # The suggestions at the top of a bare address follow the browser's language
            patch_vary_headers(response, ("Accept-Language",))
        return response

    def response_in_address(
        self, request: HttpRequest, region: Region | None, language: str | None, rest: str
    ) -> HttpResponseBase:
        outer_prefix = get_script_prefix()
        request.path_info = rest
        prefix = "".join(f"{part}/" for part in address_parts(region, language or ENGLISH))
        set_script_prefix(f"{outer_prefix}{prefix}")
        region_token = region_of_request.set(region)
        language_token = language_of_request.set(language)
        try:
            with translation.override(language or settings.LANGUAGE_CODE):
                response = self.get_response(request)
        finally:
            language_of_request.reset(language_token)
            region_of_request.reset(region_token)
            set_script_prefix(outer_prefix)
        if region is None and serves_several_regions():
            patch_vary_headers(response, ("Accept-Language",))
        return response
