"""Table tests for the working-hours deadline of a provider's answer."""

from __future__ import annotations

import datetime

import pytest

from waypost.treatment.timing import working_deadline

UTC = datetime.UTC


def at(day: int, hour: int) -> datetime.datetime:
    return datetime.datetime(2026, 11, day, hour, tzinfo=UTC)  # 30 Nov 2026 is a Monday


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        (at(30, 9), 48, datetime.datetime(2026, 12, 2, 9, tzinfo=UTC)),  # Monday -> Wednesday
        (at(26, 9), 48, at(30, 9)),  # Thursday -> Monday, the weekend skipped
        (at(27, 15), 24, at(30, 15)),  # Friday -> Monday
        (at(28, 11), 48, datetime.datetime(2026, 12, 2, 0, tzinfo=UTC)),  # Saturday counts from Monday 00:00
        (at(29, 23), 1, at(30, 1)),  # Sunday night -> Monday 01:00
        (at(30, 9), 0, at(30, 9)),
    ],
)
def test_counts_only_weekday_hours(start: datetime.datetime, hours: int, due: datetime.datetime) -> None:
    assert working_deadline(start, hours) == due
