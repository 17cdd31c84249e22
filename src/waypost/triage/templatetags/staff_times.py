"""`{{ moment|with_zone }}`: a time in the site's zone with the zone named (waypost.triage.times)."""

from __future__ import annotations

import datetime

from django import template

from waypost.triage.times import time_with_zone

register = template.Library()


@register.filter
def with_zone(moment: datetime.datetime | None) -> str:
    return time_with_zone(moment)
