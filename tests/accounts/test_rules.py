from __future__ import annotations

from datetime import timedelta

import pytest

from waypost.accounts.rules import minutes_to_wait, wait_after_failures

LONGEST = timedelta(minutes=15)


@pytest.mark.parametrize(
    ("failures", "minutes"),
    [(0, 0), (1, 0), (4, 0), (5, 1), (6, 2), (7, 4), (8, 8), (9, 15), (10, 15), (10_000, 15)],
)
def test_waits_double_after_five_failures_up_to_the_longest(failures: int, minutes: int) -> None:
    assert wait_after_failures(failures, free_failures=5, longest=LONGEST) == timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("wait", "minutes"),
    [
        (timedelta(seconds=1), 1),
        (timedelta(seconds=60), 1),
        (timedelta(seconds=61), 2),
        (timedelta(minutes=3, seconds=30), 4),
        (timedelta(minutes=15), 15),
    ],
)
def test_says_whole_minutes_rounded_up(wait: timedelta, minutes: int) -> None:
    assert minutes_to_wait(wait) == minutes
