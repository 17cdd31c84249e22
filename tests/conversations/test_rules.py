"""Table tests for the pure conversation rules: carrier keywords, opening hours and overdue waits."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from waypost.conversations.rules import (
    Keyword,
    OpeningHoursError,
    OpeningSpan,
    describe_hours,
    is_open,
    is_overdue,
    parse_keyword,
    parse_opening_hours,
)


@pytest.mark.parametrize(
    ("text", "opening_word", "expected"),
    [
        ("STOP", "HELLO", Keyword.STOP),
        ("stop", "HELLO", Keyword.STOP),
        ("  Stop. ", "HELLO", Keyword.STOP),
        ("STOPALL", "HELLO", Keyword.STOP),
        ("stop all", "HELLO", Keyword.STOP),
        ("UNSUBSCRIBE", "HELLO", Keyword.STOP),
        ("Cancel", "HELLO", Keyword.STOP),
        ("end", "HELLO", Keyword.STOP),
        ("QUIT!", "HELLO", Keyword.STOP),
        ("optout", "HELLO", Keyword.STOP),
        ("REVOKE", "HELLO", Keyword.STOP),
        ("“stop”", "HELLO", Keyword.STOP),
        ("START", "HELLO", Keyword.RESUME),
        ("unstop", "HELLO", Keyword.RESUME),
        ("HELP", "HELLO", Keyword.HELP),
        ("info", "HELLO", Keyword.HELP),
        ("Hello", "HELLO", Keyword.OPEN),
        ("hello!", "hello", Keyword.OPEN),
        ("HELP", "HELP", Keyword.OPEN),
        ("INFO", "HELP", Keyword.HELP),
        ("STOP", "STOP", Keyword.STOP),
        ("HELLO", "", Keyword.NONE),
        ("please stop texting my friend", "HELLO", Keyword.NONE),
        ("I need help", "HELLO", Keyword.NONE),
        ("start again", "HELLO", Keyword.NONE),
        ("", "HELLO", Keyword.NONE),
        ("S T O P", "HELLO", Keyword.NONE),
    ],
)
def test_reads_the_whole_text_as_carriers_do(text: str, opening_word: str, expected: Keyword) -> None:
    assert parse_keyword(text, opening_word=opening_word) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("never", ()),
        ("always", tuple(OpeningSpan(day, 0, 1440) for day in range(7))),
        ("mon 09:00-17:00", (OpeningSpan(0, 540, 1020),)),
        ("MON-WED 9:30-12:00", (OpeningSpan(0, 570, 720), OpeningSpan(1, 570, 720), OpeningSpan(2, 570, 720))),
        ("sat 10:00-14:00; sun 00:00-24:00", (OpeningSpan(5, 600, 840), OpeningSpan(6, 0, 1440))),
    ],
)
def test_parses_opening_hours(text: str, expected: tuple[OpeningSpan, ...]) -> None:
    assert parse_opening_hours(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "weekdays 9-5",
        "mon 17:00-09:00",
        "mon 09:00-09:00",
        "fri-mon 09:00-17:00",
        "xyz 09:00-10:00",
        "mon 09:60-10:00",
        "mon 09:00-24:30",
        "mon 25:00-26:00",
        "mon 09:00-17:00;",
    ],
)
def test_refuses_opening_hours_it_cannot_read(text: str) -> None:
    with pytest.raises(OpeningHoursError):
        parse_opening_hours(text)


LONDON = ZoneInfo("Europe/London")


def local(*parts: int) -> datetime.datetime:
    """A moment already in the service's time zone, as hours.is_open_now() passes it."""
    year, month, day, hour, minute = parts
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


WEEKDAYS = parse_opening_hours("mon-fri 09:00-17:00; sat 10:00-14:00")


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (local(2026, 11, 30, 8, 59), False),  # Monday
        (local(2026, 11, 30, 9, 0), True),
        (local(2026, 11, 30, 16, 59), True),
        (local(2026, 11, 30, 17, 0), False),
        (local(2026, 12, 4, 12, 0), True),  # Friday
        (local(2026, 12, 5, 9, 59), False),  # Saturday
        (local(2026, 12, 5, 10, 0), True),
        (local(2026, 12, 5, 14, 0), False),
        (local(2026, 12, 6, 12, 0), False),  # Sunday
    ],
)
def test_is_open_only_inside_a_span(moment: datetime.datetime, expected: bool) -> None:
    assert is_open(WEEKDAYS, moment) is expected


def test_always_is_open_at_midnight_and_one_minute_before() -> None:
    always = parse_opening_hours("always")
    assert is_open(always, local(2026, 12, 6, 0, 0)) is True
    assert is_open(always, local(2026, 12, 6, 23, 59)) is True
    assert is_open((), local(2026, 12, 6, 12, 0)) is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("never", "Closed at the moment."),
        ("always", "Open all day, every day."),
        ("mon-fri 09:00-17:00; sat 10:00-14:00", "Monday to Friday 09:00 to 17:00, Saturday 10:00 to 14:00"),
        ("mon 09:00-17:00; tue 09:00-17:00", "Monday and Tuesday 09:00 to 17:00"),
        (
            "mon 09:00-12:00; mon 13:00-17:00; wed 09:00-12:00",
            "Monday 09:00 to 12:00 and 13:00 to 17:00, Wednesday 09:00 to 12:00",
        ),
        ("mon 09:00-17:00; wed 09:00-17:00", "Monday 09:00 to 17:00, Wednesday 09:00 to 17:00"),
    ],
)
def test_describes_hours_in_words(text: str, expected: str) -> None:
    assert describe_hours(parse_opening_hours(text)) == expected


START = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("waiting_since", "seconds_later", "expected"),
    [
        (None, 3600, False),
        (START, 0, False),
        (START, 59, False),
        (START, 60, True),
        (START, 600, True),
    ],
)
def test_an_unanswered_message_turns_overdue_at_the_target(
    waiting_since: datetime.datetime | None, seconds_later: int, expected: bool
) -> None:
    now = START + datetime.timedelta(seconds=seconds_later)
    assert is_overdue(waiting_since, now, 60) is expected
