from __future__ import annotations

import datetime

import pytest

from waypost.triage.dashboard import BAR_SPACE, bars_for, percentile
from waypost.triage.queue import describe_duration


@pytest.mark.parametrize(
    ("values", "fraction", "expected"),
    [
        ([10.0], 0.5, 10.0),
        ([1.0, 2.0, 3.0, 4.0], 0.5, 2.0),
        ([1.0, 2.0, 3.0, 4.0], 0.9, 4.0),
        (list(range(1, 11)), 0.9, 9),
    ],
)
def test_percentile_is_nearest_rank(values: list[float], fraction: float, expected: float) -> None:
    assert percentile(values, fraction) == expected


def test_longest_bar_fills_the_space_and_an_empty_status_has_none() -> None:
    bars = bars_for({"new": 4, "assessed": 2, "referred-on": 0})

    assert [bar.width for bar in bars] == [BAR_SPACE, BAR_SPACE // 2, 0]
    assert [bar.label for bar in bars] == ["New", "Assessed", "Referred on"]


@pytest.mark.parametrize(
    ("minutes", "text"), [(0, "0 min"), (59, "59 min"), (61, "1 h 1 min"), (47 * 60, "47 h 0 min"), (72 * 60, "3 days")]
)
def test_waiting_time_reads_naturally(minutes: int, text: str) -> None:
    assert describe_duration(datetime.timedelta(minutes=minutes)) == text
