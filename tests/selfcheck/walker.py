"""Walk the self-check through the Django test client, as a person clicking Continue would."""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.test import Client

from waypost.instruments.terminology import NO, NOT_AT_ALL

FIRST_QUESTION = "/check/question/safety.danger-now"
QUESTION_PREFIX = "/check/question/"
NOT_DIFFICULT_AT_ALL = "LA6572-7"
STOP_PAGE = "/check/stop"
CONTINUE_LINK = re.compile(
    r'<p class="stop__continue"><a href="([^"]+)">(?:Continue the check|Seguir con el chequeo)</a>'
)


def default_answer(slug: str) -> str:
    if slug == "journey.who":
        return "self"
    if slug == "journey.age-group":
        return "25-or-over"
    if slug == "phq-9.10":
        return NOT_DIFFICULT_AT_ALL
    return NOT_AT_ALL if slug.startswith(("phq-9.", "gad-7.")) else NO


def continue_from_stop_page(client: Client, prefix: str = "") -> tuple[str, str]:
    """The stop page's HTML and where its "Continue the check" link goes; `prefix` is e.g. "/es" for Spanish."""
    response = client.get(prefix + STOP_PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    match = CONTINUE_LINK.search(html)
    assert match is not None, "stop page has no Continue the check link"
    return html, match.group(1)


def walk(
    client: Client,
    choices: Mapping[str, str] | None = None,
    *,
    limit: int = 60,
    stops: dict[str, str] | None = None,
    prefix: str = "",
) -> list[str]:
    """Answer every question (choices first, then defaults); return the slugs in the order asked.

    Stop-and-call pages are passed through their "Continue the check" link; `stops` records, for each
    answer that was followed by one, the stop page's HTML.
    """
    choices = choices or {}
    asked: list[str] = []
    url = prefix + FIRST_QUESTION
    while url.startswith(prefix + QUESTION_PREFIX) and len(asked) < limit:
        slug = url.removeprefix(prefix + QUESTION_PREFIX)
        asked.append(slug)
        response = client.post(url, {"answer": choices.get(slug, default_answer(slug))})
        assert response.status_code == 302, f"{slug} answered {response.status_code}"
        url = response["Location"]
        if url == prefix + STOP_PAGE:
            html, url = continue_from_stop_page(client, prefix)
            if stops is not None:
                stops[slug] = html
    assert url == prefix + "/check/answers", url
    return asked
