"""Walk the self-check through the Django test client, as a person clicking Continue would."""

from __future__ import annotations

from collections.abc import Mapping

from django.test import Client

from waypost.instruments.terminology import NO, NOT_AT_ALL

FIRST_QUESTION = "/check/question/safety.danger-now"
QUESTION_PREFIX = "/check/question/"
NOT_DIFFICULT_AT_ALL = "LA6572-7"


def default_answer(slug: str) -> str:
    if slug == "journey.who":
        return "self"
    if slug == "journey.age-group":
        return "25-or-over"
    if slug == "phq-9.10":
        return NOT_DIFFICULT_AT_ALL
    return NOT_AT_ALL if slug.startswith(("phq-9.", "gad-7.")) else NO


def walk(client: Client, choices: Mapping[str, str] | None = None, *, limit: int = 60) -> list[str]:
    """Answer every question (choices first, then defaults); return the slugs in the order asked."""
    choices = choices or {}
    asked: list[str] = []
    url = FIRST_QUESTION
    while url.startswith(QUESTION_PREFIX) and len(asked) < limit:
        slug = url.removeprefix(QUESTION_PREFIX)
        asked.append(slug)
        response = client.post(url, {"answer": choices.get(slug, default_answer(slug))})
        assert response.status_code == 302, f"{slug} answered {response.status_code}"
        url = response["Location"]
    assert url in ("/check/answers", "/urgent"), url
    return asked
