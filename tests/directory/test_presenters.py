from __future__ import annotations

from datetime import date

import pytest

from waypost.directory.presenters import Freshness, availability_text, distance_text, freshness, time_ago

TODAY = date(2025, 6, 30)


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (0, "today"),
        (1, "1 day ago"),
        (13, "13 days ago"),
        (14, "2 weeks ago"),
        (59, "8 weeks ago"),
        (60, "2 months ago"),
        (729, "24 months ago"),
        (730, "2 years ago"),
    ],
)
def test_says_how_long_ago_in_words(days: int, text: str) -> None:
    assert time_ago(days) == text


@pytest.mark.parametrize(
    ("checked", "expected"),
    [
        (date(2025, 6, 1), Freshness("Last checked 4 weeks ago, on 1 June 2025 (Phone call).", is_stale=False)),
        (date(2024, 6, 30), Freshness("Last checked 12 months ago, on 30 June 2024 (Phone call).", is_stale=False)),
        (
            date(2024, 6, 29),
            Freshness(
                "Last checked 12 months ago, on 29 June 2024 (Phone call). "
                "That is over a year ago: call to check before you go.",
                is_stale=True,
            ),
        ),
        (None, Freshness("We do not know when these details were last checked. Call before you go.", is_stale=True)),
    ],
)
def test_flags_details_not_checked_for_over_a_year(checked: date | None, expected: Freshness) -> None:
    assert freshness(checked, "Phone call", today=TODAY) == expected


@pytest.mark.parametrize(
    ("accepting", "weeks", "text"),
    [
        ("yes", None, "Accepting new clients"),
        ("yes", 0, "Accepting new clients. Usually no wait."),
        ("no", 1, "Not accepting new clients. Usual wait about 1 week."),
        ("unknown", 6, "Not known whether accepting new clients. Usual wait about 6 weeks."),
    ],
)
def test_describes_availability(accepting: str, weeks: int | None, text: str) -> None:
    assert availability_text(accepting, weeks) == text


@pytest.mark.parametrize(
    ("kilometres", "text"),
    [(0.05, "Less than 0.1 miles away"), (1.609344, "1.0 miles away (1.6 km)"), (40.0, "24.9 miles away (40.0 km)")],
)
def test_gives_distance_in_miles_and_kilometres(kilometres: float, text: str) -> None:
    assert distance_text(kilometres) == text
