"""Reading the queue's URL: every filter checked, anything unusable treated as not given (never a 500)."""

from __future__ import annotations

import datetime

import pytest

from waypost.triage.queue import QueueFilters, parse_filters


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, QueueFilters()),
        ({"q": " abcd-23 "}, QueueFilters(q="ABCD-23")),
        ({"q": "AB'; DROP"}, QueueFilters(q="ABDROP")),
        ({"status": "closed"}, QueueFilters(status="closed")),
        ({"status": "referred-on"}, QueueFilters(status="referred-on")),
        ({"status": "erased"}, QueueFilters()),
        ({"status": "nonsense"}, QueueFilters()),
        ({"outcome": "declined"}, QueueFilters(outcome="declined")),
        ({"outcome": "lost"}, QueueFilters()),
        ({"owner": "me"}, QueueFilters(owner="me")),
        ({"owner": "mine"}, QueueFilters(owner="me")),
        ({"owner": "unassigned"}, QueueFilters(owner="none")),
        ({"owner": "42"}, QueueFilters(owner="42")),
        ({"owner": "-1"}, QueueFilters()),
        ({"owner": "9" * 30}, QueueFilters()),
        ({"red_flag": "1", "overdue": "1"}, QueueFilters(red_flag=True, overdue=True)),
        ({"red_flag": "yes"}, QueueFilters()),
        (
            {"from": "2026-11-01", "to": "2026-11-30"},
            QueueFilters(received_from=datetime.date(2026, 11, 1), received_to=datetime.date(2026, 11, 30)),
        ),
        ({"from": "2026-02-30", "to": "30/11/2026"}, QueueFilters()),
    ],
)
def test_parse_filters_keeps_what_it_can_use_and_drops_the_rest(params: dict[str, str], expected: QueueFilters) -> None:
    assert parse_filters(params) == expected


def test_filters_go_back_into_the_url_without_their_defaults() -> None:
    filters = parse_filters({"q": "abcd", "status": "open", "owner": "none", "from": "2026-11-01", "overdue": "1"})

    assert filters.as_query() == {"q": "ABCD", "owner": "none", "overdue": "1", "from": "2026-11-01"}
    assert QueueFilters().as_query() == {}
    assert filters.is_filtered
    assert not QueueFilters().is_filtered
