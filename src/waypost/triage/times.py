"""Times as staff read them: in the site's time zone, with the zone named, so GMT and BST are never confused."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.formats import date_format


def time_with_zone(moment: datetime.datetime | None) -> str:
    """'Mon 30 Nov 2026, 18:05 GMT' in settings.TIME_ZONE; an empty string for no time."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    # Django's date format, not strftime, so day and month names follow the page's language ("lun 30 nov 2026")
    return f"{date_format(local, 'D j M Y, H:i')} {local.tzname()}"
