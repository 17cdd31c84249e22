"""The session cookie is re-sent only when it changed or is a minute old, and the idle limit still holds."""

from __future__ import annotations

import base64
import datetime

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from tests.accounts.steps import STAFF_PAGE
from tests.conftest import signed_in_client
from tests.selfcheck.walker import FIRST_QUESTION, walk
from waypost.accounts.models import User
from waypost.core.encrypted_cookie_session import REFRESH_AFTER_SECONDS, is_due_for_refresh, token_age_seconds
from waypost.instruments.terminology import NO

START = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC)
EXPIRED = "/check/expired"


def at(seconds: float) -> time_machine.travel:
    return time_machine.travel(START + datetime.timedelta(seconds=seconds), tick=False)


def resends_cookie(client: Client, path: str) -> bool:
    return settings.SESSION_COOKIE_NAME in client.get(path).cookies


def fernet_like(timestamp: int) -> str:
    return base64.urlsafe_b64encode(b"\x80" + timestamp.to_bytes(8, "big") + b"\x00" * 40).decode()


@pytest.mark.parametrize(
    ("token", "age"),
    [
        (fernet_like(1_000), 500.0),
        (fernet_like(1_500), 0.0),
        ("", None),
        ("short", None),
        ("not base64 at all!!", None),
    ],
)
def test_token_age_is_read_from_the_tokens_timestamp(token: str, age: float | None) -> None:
    assert token_age_seconds(token, now=1_500.0) == age


@pytest.mark.parametrize(
    ("seconds_old", "due"), [(0, False), (REFRESH_AFTER_SECONDS - 1, False), (REFRESH_AFTER_SECONDS, True), (900, True)]
)
def test_a_cookie_is_due_for_refresh_once_it_is_a_minute_old(seconds_old: int, due: bool) -> None:
    with at(0):
        token = fernet_like(int(START.timestamp()) - seconds_old)
        assert is_due_for_refresh(token) is due


def test_garbage_cookie_is_due_for_refresh() -> None:
    assert is_due_for_refresh("garbage") is True


def test_question_page_does_not_resend_an_unchanged_cookie_within_a_minute(member_of_the_public: Client) -> None:
    with at(0):
        member_of_the_public.post(FIRST_QUESTION, {"answer": NO})
    with at(REFRESH_AFTER_SECONDS - 1):
        response = member_of_the_public.get("/check/question/journey.who")

    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert "Cookie" in response["Vary"]


def test_question_page_resends_the_cookie_once_it_is_a_minute_old(member_of_the_public: Client) -> None:
    with at(0):
        member_of_the_public.post(FIRST_QUESTION, {"answer": NO})
    with at(REFRESH_AFTER_SECONDS):
        assert resends_cookie(member_of_the_public, "/check/question/journey.who")
    with at(REFRESH_AFTER_SECONDS + 1):
        assert not resends_cookie(member_of_the_public, "/check/question/journey.who")


def test_an_answer_always_resends_the_cookie(member_of_the_public: Client) -> None:
    with at(0):
        first = member_of_the_public.post(FIRST_QUESTION, {"answer": NO})
        second = member_of_the_public.post("/check/question/journey.who", {"answer": "self"})

    assert settings.SESSION_COOKIE_NAME in first.cookies
    assert settings.SESSION_COOKIE_NAME in second.cookies


def test_answers_last_at_least_twenty_nine_idle_minutes_after_a_request_that_sent_no_cookie(
    member_of_the_public: Client,
) -> None:
    with at(0):
        walk(member_of_the_public)
    with at(59):
        assert not resends_cookie(member_of_the_public, "/check/answers")
    with at(59 + 29 * 60):
        response = member_of_the_public.get("/check/results")

    assert response.status_code == 200


def test_answers_expire_within_a_minute_of_thirty_idle_minutes(member_of_the_public: Client) -> None:
    with at(0):
        walk(member_of_the_public)
    with at(59):
        assert member_of_the_public.get("/check/answers").status_code == 200
    with at(30 * 60 + 1):
        response = member_of_the_public.get("/check/results")

    assert response["Location"] == EXPIRED


def test_steady_use_keeps_the_answers_well_past_thirty_minutes(member_of_the_public: Client) -> None:
    with at(0):
        walk(member_of_the_public)
    for minute in range(5, 65, 5):
        with at(minute * 60):
            assert member_of_the_public.get("/check/answers").status_code == 200


def test_information_page_never_resends_the_session_cookie(member_of_the_public: Client) -> None:
    with at(0):
        walk(member_of_the_public)
    with at(10 * 60):
        response = member_of_the_public.get("/learn/search?q=bladder")

    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies


@pytest.mark.django_db
@pytest.mark.urls("tests.accounts.urls")
def test_staff_pages_resend_the_cookie_only_once_it_is_a_minute_old(triage_worker_a: User) -> None:
    now = datetime.datetime.now(tz=datetime.UTC)
    with time_machine.travel(now, tick=False):
        client = signed_in_client(triage_worker_a)
        fresh = client.get(STAFF_PAGE)
    with time_machine.travel(now + datetime.timedelta(seconds=REFRESH_AFTER_SECONDS), tick=False):
        old = client.get(STAFF_PAGE)

    assert (fresh.status_code, old.status_code) == (200, 200)
    assert settings.SESSION_COOKIE_NAME not in fresh.cookies
    assert settings.SESSION_COOKIE_NAME in old.cookies
