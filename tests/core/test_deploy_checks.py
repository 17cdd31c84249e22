"""`waypost manage check --deploy` reports a base URL that links in messages could not be opened from."""

from __future__ import annotations

import pytest
from pytest_django.fixtures import Settings

from waypost.core.checks import links_in_messages_reach_the_site


@pytest.mark.parametrize(
    ("base_url", "expected_ids"),
    [
        ("http://127.0.0.1:8000", ["waypost.E001"]),
        ("http://localhost:8000", ["waypost.E001"]),
        ("https://localhost", ["waypost.E001"]),
        ("http://[::1]:8000", ["waypost.E001"]),
        ("http://help.example.org", ["waypost.W003"]),
        ("https://help.example.org", []),
        ("https://example.org/help", []),
    ],
)
def test_reports_a_base_url_that_is_unset_or_not_https(
    settings: Settings, base_url: str, expected_ids: list[str]
) -> None:
    settings.BASE_URL = base_url

    messages = links_in_messages_reach_the_site(None)

    assert [message.id for message in messages] == expected_ids
    assert all("WAYPOST_BASE_URL" in (message.hint or "") for message in messages)
