"""Web chat's opening hours from settings, read through the pure rules in the service's own time zone."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from waypost.conversations.rules import OpeningSpan, describe_hours, is_open, parse_opening_hours


def opening_spans() -> tuple[OpeningSpan, ...]:
    return parse_opening_hours(settings.CHAT_HOURS)


def is_open_now(now: datetime.datetime | None = None) -> bool:
    return is_open(opening_spans(), timezone.localtime(now or timezone.now()))


def hours_in_words() -> str:
    words = describe_hours(opening_spans())
    return words if words.endswith(".") else f"Open {words}."
