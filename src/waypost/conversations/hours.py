"""Web chat's opening hours from settings, read through the pure rules in the service's own time zone."""

from __future__ import annotations

import datetime
import functools

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from waypost.conversations.rules import HoursWords, OpeningSpan, describe_hours, is_open, parse_opening_hours


def opening_spans() -> tuple[OpeningSpan, ...]:
    return parse_opening_hours(settings.CHAT_HOURS)


def is_open_now(now: datetime.datetime | None = None) -> bool:
    return is_open(opening_spans(), timezone.localtime(now or timezone.now()))


def hours_words() -> HoursWords:
    """The rules' words in the request's language (the worker's texts: the default language)."""
    return HoursWords(
        closed=_("Closed at the moment."),
        always=_("Open all day, every day."),
        span=_("%(opens)s to %(closes)s"),
        two_spans=pgettext("two opening times", "%(first)s and %(second)s"),
        two_days=pgettext("two days", "%(first)s and %(last)s"),
        day_range=pgettext("days", "%(first)s to %(last)s"),
        day_names=(_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday")),
    )


def hours_in_words() -> str:
    return described_hours(settings.CHAT_HOURS, translation.get_language())


# Every chat page and text says the hours: worded once per setting and language, not on each request
@functools.lru_cache(maxsize=16)
def described_hours(chat_hours: str, language: str | None) -> str:
    words = describe_hours(parse_opening_hours(chat_hours), hours_words())
    return words if words.endswith(".") else _("Open %(hours)s.") % {"hours": words}
