"""The session cookie: encrypted (not only signed), gone when the browser closes, and still idle-limited."""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime
import zlib

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from pytest_django.fixtures import Settings

from tests.accounts.steps import STAFF_PAGE
from tests.conftest import signed_in_client
from tests.selfcheck.walker import FIRST_QUESTION, walk
from waypost.accounts.models import User
from waypost.core.encrypted_cookie_session import SessionStore
from waypost.instruments.terminology import NO, YES

SUICIDE_QUESTION = "safety.thoughts-of-ending-life"
EXPIRED_MESSAGE = "Your answers have expired \N{EN DASH} start again"


def session_cookie(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def base64_decodings(cookie: str) -> bytes:
    """Everything someone holding the cookie can read without a key: each part base64-decoded, unzipped too."""
    readable = b""
    for part in cookie.split(":"):
        try:
            decoded = base64.urlsafe_b64decode(part.lstrip(".") + "=" * (-len(part.lstrip(".")) % 4))
        except (binascii.Error, ValueError):
            continue
        readable += decoded
        with contextlib.suppress(zlib.error):
            readable += zlib.decompress(decoded)
    return readable


def with_one_character_changed(token: str, position: int) -> str:
    replacement = "A" if token[position] != "A" else "B"
    return token[:position] + replacement + token[position + 1 :]


def test_cookie_shows_no_answer_code_or_json_when_base64_decoded(member_of_the_public: Client) -> None:
    walk(member_of_the_public)

    readable = base64_decodings(session_cookie(member_of_the_public))

    assert readable != b""
    for clue in (NO.encode(), b"selfcheck", b"answers", b"danger-now", b'{"', b"safety"):
        assert clue not in readable


def test_cookie_hides_a_yes_to_the_suicide_question(member_of_the_public: Client) -> None:
    member_of_the_public.post(FIRST_QUESTION, {"answer": NO})
    member_of_the_public.post("/check/question/journey.who", {"answer": "self"})
    member_of_the_public.post(f"/check/question/{SUICIDE_QUESTION}", {"answer": YES})

    readable = base64_decodings(session_cookie(member_of_the_public))

    assert YES.encode() not in readable
    assert b"thoughts-of-ending-life" not in readable


def test_cookie_length_does_not_depend_on_the_length_of_the_answers() -> None:
    short, long = SessionStore(), SessionStore()
    short["selfcheck"] = {"answers": {"safety": {"danger-now": "no"}}}
    long["selfcheck"] = {"answers": {"safety": {"danger-now": "yes, with a longer code"}}}
    short.save()
    long.save()

    assert len(short.session_key or "") == len(long.session_key or "")


def test_session_cookie_ends_when_the_browser_closes(member_of_the_public: Client) -> None:
    response = member_of_the_public.post(FIRST_QUESTION, {"answer": NO})

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value != ""
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""
    header = cookie.output().lower()
    assert "expires" not in header
    assert "max-age" not in header


@pytest.mark.django_db
@pytest.mark.urls("tests.accounts.urls")
def test_staff_session_cookie_also_ends_when_the_browser_closes_and_is_encrypted(triage_worker_a: User) -> None:
    client = signed_in_client(triage_worker_a)

    # A minute on, so the cookie is due to be re-sent (a fresher one is left alone)
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(minutes=2)):
        response = client.get(STAFF_PAGE)

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert response.status_code == 200
    assert "expires" not in cookie.output().lower()
    assert "max-age" not in cookie.output().lower()
    assert b"_auth_user_id" not in base64_decodings(cookie.value)


@pytest.mark.parametrize("position", [0, 10, 60, -5])
def test_tampered_cookie_shows_answers_expired_never_an_error(member_of_the_public: Client, position: int) -> None:
    walk(member_of_the_public)
    cookie = session_cookie(member_of_the_public)
    member_of_the_public.cookies[settings.SESSION_COOKIE_NAME] = with_one_character_changed(cookie, position)

    response = member_of_the_public.get("/check/results", follow=True)

    assert response.redirect_chain == [("/check/expired", 302)]
    assert response.status_code == 200
    assert EXPIRED_MESSAGE in response.content.decode()


def test_cookie_that_is_not_a_token_at_all_shows_answers_expired(member_of_the_public: Client) -> None:
    member_of_the_public.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session-cookie-at-all"

    response = member_of_the_public.get("/check/results", follow=True)

    assert response.redirect_chain == [("/check/expired", 302)]
    assert EXPIRED_MESSAGE in response.content.decode()


def test_cookie_made_under_another_secret_key_shows_answers_expired(
    member_of_the_public: Client, settings: Settings
) -> None:
    walk(member_of_the_public)
    settings.SECRET_KEY = "a-different-secret-key-that-is-long-enough-for-the-checks-0123456789"

    response = member_of_the_public.get("/check/results")

    assert response["Location"] == "/check/expired"


def test_cookie_made_before_a_secret_key_rotation_still_opens(member_of_the_public: Client, settings: Settings) -> None:
    walk(member_of_the_public)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-different-secret-key-that-is-long-enough-for-the-checks-0123456789"

    assert member_of_the_public.get("/check/results").status_code == 200


def test_answers_expire_after_thirty_idle_minutes_despite_the_browser_keeping_the_cookie(
    member_of_the_public: Client,
) -> None:
    start = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        walk(member_of_the_public)
    with time_machine.travel(start + datetime.timedelta(minutes=29), tick=False):
        still_there = member_of_the_public.get("/check/results").status_code
    with time_machine.travel(start + datetime.timedelta(minutes=29 + 29), tick=False):
        renewed = member_of_the_public.get("/check/results").status_code
    with time_machine.travel(start + datetime.timedelta(minutes=29 + 29 + 31), tick=False):
        response = member_of_the_public.get("/check/results", follow=True)

    assert (still_there, renewed) == (200, 200)
    assert response.redirect_chain == [("/check/expired", 302)]
    assert EXPIRED_MESSAGE in response.content.decode()


def test_settings_keep_every_session_in_the_encrypted_cookie() -> None:
    assert settings.SESSION_ENGINE == "waypost.core.encrypted_cookie_session"
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE == 30 * 60
