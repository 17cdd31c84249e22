"""Pure rules for conversations: carrier keywords in a text, opening hours, and when a wait becomes overdue.

No Django here: settings are passed in, so every rule is a table test (tests/conversations/test_rules.py).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from enum import StrEnum


class Keyword(StrEnum):
    STOP = "stop"
    RESUME = "resume"
    HELP = "help"
    OPEN = "open"
    NONE = "none"


# The stop and start words US and UK carriers (and Twilio's opt-out handling) act on (H-070)
STOP_WORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE", "STOP ALL"})
RESUME_WORDS = frozenset({"START", "UNSTOP"})
HELP_WORDS = frozenset({"HELP", "INFO"})
# Carriers match the whole message, ignoring case, spaces and closing punctuation ("Stop." is a stop)
TRIMMED = re.compile(r"^[\s\"'\u201c\u201d\u2018\u2019]+|[\s.!?\"'\u201c\u201d\u2018\u2019]+$")


def normalised(text: str) -> str:
    return " ".join(TRIMMED.sub("", text).split()).upper()


def parse_keyword(text: str, *, opening_word: str) -> Keyword:
    """What a whole text asks for. Stop wins over everything; the opening word wins over HELP when they are one."""
    word = normalised(text)
    if word in STOP_WORDS:
        return Keyword.STOP
    if word in RESUME_WORDS:
        return Keyword.RESUME
    if opening_word and word == normalised(opening_word):
        return Keyword.OPEN
    if word in HELP_WORDS:
        return Keyword.HELP
    return Keyword.NONE


class OpeningHoursError(ValueError):
    """WAYPOST_CHAT_HOURS cannot be read; the message says how to write it."""


DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MINUTES_IN_A_DAY = 24 * 60
SPAN = re.compile(r"^(?P<days>[a-z]{3}(?:-[a-z]{3})?)\s+(?P<opens>\d{1,2}:\d{2})-(?P<closes>\d{1,2}:\d{2})$")


@dataclass(frozen=True)
class OpeningSpan:
    """Open on one weekday (Monday is 0) from `opens` up to, not including, `closes` (minutes after midnight)."""

    weekday: int
    opens: int
    closes: int


def parse_opening_hours(text: str) -> tuple[OpeningSpan, ...]:
    """'mon-fri 09:00-17:00; sat 10:00-14:00', 'always' or 'never'; anything else is a ValueError."""
    cleaned = text.strip().lower()
    if cleaned == "always":
        return tuple(OpeningSpan(day, 0, MINUTES_IN_A_DAY) for day in range(7))
    if cleaned == "never":
        return ()
    return tuple(span for part in cleaned.split(";") for span in parse_span(part.strip()))


def parse_span(part: str) -> tuple[OpeningSpan, ...]:
    match = SPAN.match(part)
    if match is None:
        raise OpeningHoursError(f"Write opening hours like 'mon-fri 09:00-17:00', not {part!r}.")
    first, _, last = match["days"].partition("-")
    days = day_range(first, last or first)
    opens, closes = minutes_of(match["opens"]), minutes_of(match["closes"])
    if opens >= closes:
        raise OpeningHoursError(f"In {part!r} the closing time must come after the opening time.")
    return tuple(OpeningSpan(day, opens, closes) for day in days)


def day_range(first: str, last: str) -> range:
    if first not in DAY_NAMES or last not in DAY_NAMES:
        raise OpeningHoursError(f"Name days as {', '.join(DAY_NAMES)}, not {first!r} or {last!r}.")
    start, end = DAY_NAMES.index(first), DAY_NAMES.index(last)
    if end < start:
        raise OpeningHoursError(f"Write a day range from earlier to later in the week, not {first}-{last}.")
    return range(start, end + 1)


def minutes_of(clock: str) -> int:
    hours, minutes = (int(part) for part in clock.split(":"))
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise OpeningHoursError(f"{clock!r} is not a time of day.")
    return hours * 60 + minutes


def is_open(spans: tuple[OpeningSpan, ...], local_moment: datetime.datetime) -> bool:
    """Whether a moment, already in the service's own time zone, falls in an opening span."""
    minute = local_moment.hour * 60 + local_moment.minute
    weekday = local_moment.weekday()
    return any(span.weekday == weekday and span.opens <= minute < span.closes for span in spans)


@dataclass(frozen=True)
class HoursWords:
    """The words describe_hours uses; a caller passes them in another language (hours.py), keeping this pure."""

    closed: str = "Closed at the moment."
    always: str = "Open all day, every day."
    span: str = "%(opens)s to %(closes)s"
    two_spans: str = "%(first)s and %(second)s"
    two_days: str = "%(first)s and %(last)s"
    day_range: str = "%(first)s to %(last)s"
    day_names: tuple[str, ...] = FULL_DAY_NAMES


def describe_hours(spans: tuple[OpeningSpan, ...], words: HoursWords = HoursWords()) -> str:
    """The hours in words for a page or a text: 'Monday to Friday 09:00 to 17:00, Saturday 10:00 to 14:00'."""
    if not spans:
        return words.closed
    if len(spans) == 7 and all((span.opens, span.closes) == (0, MINUTES_IN_A_DAY) for span in spans):
        return words.always
    times_by_day = {
        day: joined_spans(
            [
                words.span % {"opens": clock(span.opens), "closes": clock(span.closes)}
                for span in sorted(spans, key=lambda s: s.opens)
                if span.weekday == day
            ],
            words,
        )
        for day in sorted({span.weekday for span in spans})
    }
    return ", ".join(f"{day_names(days, words)} {times}" for days, times in runs_of_days(times_by_day))


def joined_spans(spans: list[str], words: HoursWords) -> str:
    joined = spans[0]
    for span in spans[1:]:
        joined = words.two_spans % {"first": joined, "second": span}
    return joined


def runs_of_days(times_by_day: dict[int, str]) -> list[tuple[tuple[int, ...], str]]:
    """Consecutive days with the same hours, together: Monday to Friday rather than five entries."""
    runs: list[tuple[tuple[int, ...], str]] = []
    for day, times in times_by_day.items():
        if runs and runs[-1][1] == times and runs[-1][0][-1] == day - 1:
            runs[-1] = ((*runs[-1][0], day), times)
        else:
            runs.append(((day,), times))
    return runs


def day_names(days: tuple[int, ...], words: HoursWords) -> str:
    first, last = words.day_names[days[0]], words.day_names[days[-1]]
    if len(days) == 1:
        return first
    return (words.two_days if len(days) == 2 else words.day_range) % {"first": first, "last": last}


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def is_overdue(awaiting_reply_since: datetime.datetime | None, now: datetime.datetime, target_seconds: int) -> bool:
    """An unanswered message past the target; a conversation nobody is waiting on is never overdue."""
    if awaiting_reply_since is None:
        return False
    return (now - awaiting_reply_since).total_seconds() >= target_seconds
