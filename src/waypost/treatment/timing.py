"""When a provider's answer is due: a number of working hours, not counting Saturdays and Sundays. Pure Python."""

from __future__ import annotations

import datetime

SATURDAY = 5


def working_deadline(start: datetime.datetime, hours: int) -> datetime.datetime:
    """`hours` hours of weekdays after `start`; a start at the weekend counts from the Monday after."""
    moment = start
    if moment.weekday() >= SATURDAY:
        moment = next_monday(moment)
    remaining = datetime.timedelta(hours=hours)
    while remaining > datetime.timedelta(0):
        end_of_day = datetime.datetime.combine(
            moment.date() + datetime.timedelta(days=1), datetime.time(), moment.tzinfo
        )
        step = min(remaining, end_of_day - moment)
        moment, remaining = moment + step, remaining - step
        if remaining > datetime.timedelta(0) and moment.weekday() >= SATURDAY:
            moment = next_monday(moment)
    return moment


def next_monday(moment: datetime.datetime) -> datetime.datetime:
    days = 7 - moment.weekday()
    return datetime.datetime.combine(moment.date() + datetime.timedelta(days=days), datetime.time(), moment.tzinfo)
