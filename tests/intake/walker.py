"""Fill in the contact journey through the Django test client, page by page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.test import Client

PAGE_PREFIX = "/contact/"
DEFAULT_ANSWERS: dict[str, dict[str, Any]] = {
    "who": {"for_whom": "self"},
    "relationship": {"relationship": "friend"},
    "person-knows": {"person_knows": "no"},
    "how": {"contact_methods": ["call", "email"]},
    "phone": {"phone": "07911 123456"},
    "email": {"email": "sam@example.com"},
    "times": {"best_times": ["weekday-evening"], "safe_contact_notes": "Not before 6pm please"},
    "voicemail": {"voicemail_ok": "no"},
    "texting": {"safe_to_text": "yes"},
    "name": {"name": "Sam"},
    "area": {"region": "Leeds"},
    "help": {"help_with": "I want to stop using ketamine and my bladder hurts"},
    "selfcheck": {"attach_selfcheck": "on"},
    "consent": {"consent": "on"},
}


def fill_in(
    client: Client,
    answers: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    start: str = "who",
    prefix: str = PAGE_PREFIX,
) -> list[str]:
    """Answer every page until check answers; return the pages in the order they were asked.

    `prefix` is where the journey is, e.g. "/us/es/contact/" for Spanish in the US region.
    """
    chosen = {**DEFAULT_ANSWERS, **(answers or {})}
    asked: list[str] = []
    url = prefix + start
    while url.startswith(prefix) and url != f"{prefix}check-answers" and len(asked) < 30:
        slug = url.removeprefix(prefix).split("?")[0]
        asked.append(slug)
        response = client.post(url, chosen[slug])
        assert response.status_code == 302, f"{slug}: {response.status_code} {response.content[:3000]!r}"
        url = response["Location"]
    assert url == f"{prefix}check-answers", url
    return asked
