"""Each staff member's own console language: chosen once, then used on every `/staff/…` address that names none.

The address still wins: `/es/staff/…` is Spanish for everyone, so a shared link shows the same language to whoever
opens it. Public pages never follow a staff member's choice (docs/adr/0047).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils import translation

from waypost.core.regions import language_of_request

STAFF_PATH = "/staff/"


def console_language_for(request: HttpRequest) -> str | None:
    """The signed-in staff member's chosen language for this page, or None to keep the address's language."""
    if language_of_request.get() is not None or not request.path_info.startswith(STAFF_PATH):
        return None
    if not request.user.is_authenticated:
        return None
    chosen = str(getattr(request.user, "console_language", ""))
    return chosen if chosen in dict(settings.LANGUAGES) and chosen != settings.LANGUAGE_CODE else None


class ConsoleLanguageMiddleware:
    """After authentication: a staff page whose address names no language is shown in the user's chosen one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        language = console_language_for(request)
        if language is None:
            return self.get_response(request)
        with translation.override(language):
            return self.get_response(request)


def in_english(words: object) -> str:
    """Words stored in a record (timeline, shared summary) stay English whatever the console's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(words)
