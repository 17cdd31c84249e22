"""Times as staff read them: in the site's time zone, with the zone named, so GMT and BST are never confused."""

from __future__ import annotations

import datetime

from django.utils import timezone


def time_with_zone(moment: datetime.datetime | None) -> str:
    """'Mon 30 Nov 2026, 18:05 GMT' in settings.TIME_ZONE; an empty string for no time."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M} {local.tzname()}"
