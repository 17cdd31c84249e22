"""Sign-in to an account slows down after repeated wrong passwords or codes, and a known browser keeps its way in."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django.fixtures import Settings

from tests.accounts.steps import app_code, attempts_counted, enter_code, enter_password, html, sign_in, wrong_app_code
from waypost.accounts.lockout import account_hash, claim_sign_in_attempt
from waypost.accounts.models import SignInThrottle, User

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.urls")]

WRONG = "a wrong password, again"


def fail_passwords(client: Client, times: int, username: str = "triage-worker-a") -> list[int]:
    return [enter_password(client, username, WRONG).status_code for _ in range(times)]


def record_failures(times: int, username: str = "triage-worker-a") -> None:
    # What the sign-in page counts before each check, without paying for Argon2 each time
    for _ in range(times):
        assert claim_sign_in_attempt(username=username) is None


def test_the_right_password_must_wait_a_minute_after_five_wrong_ones(
    member_of_the_public: Client, triage_worker_a: User
) -> None:
    statuses = fail_passwords(member_of_the_public, 5)

    response = enter_password(member_of_the_public, "triage-worker-a")

    assert statuses == [200] * 5
    assert response.status_code == 429
    assert "Too many attempts to sign in to this account. Try again in 1 minute." in html(response)
    assert response["Retry-After"] == "60"


def test_four_wrong_passwords_do_not_slow_sign_in(member_of_the_public: Client, triage_worker_a: User) -> None:
    record_failures(4)

    response = enter_password(member_of_the_public, "triage-worker-a")

    assert response.status_code == 302


def test_each_further_failure_doubles_the_wait(member_of_the_public: Client, triage_worker_a: User) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        record_failures(5)
        traveller.shift(timedelta(minutes=1, seconds=1))
        sixth = fail_passwords(member_of_the_public, 1)
        after_six = enter_password(member_of_the_public, "triage-worker-a")
        traveller.shift(timedelta(minutes=2, seconds=1))
        seventh = fail_passwords(member_of_the_public, 1)

        response = enter_password(member_of_the_public, "triage-worker-a")

    assert sixth == seventh == [200]
    assert "Try again in 2 minutes." in html(after_six)
    assert response.status_code == 429
    assert "Too many attempts to sign in to this account. Try again in 4 minutes." in html(response)


def test_the_right_password_gets_through_once_the_wait_is_over(
    member_of_the_public: Client, triage_worker_a: User
) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        record_failures(5)
        traveller.shift(timedelta(seconds=59))
        still_waiting = enter_password(member_of_the_public, "triage-worker-a")
        traveller.shift(timedelta(seconds=2))

        response = enter_password(member_of_the_public, "triage-worker-a")

    assert still_waiting.status_code == 429
    assert response.status_code == 302


def test_refused_attempts_do_not_make_the_wait_longer(member_of_the_public: Client, triage_worker_a: User) -> None:
    record_failures(5)

    refused = fail_passwords(member_of_the_public, 10)

    assert refused == [429] * 10
    assert SignInThrottle.objects.get().failures == 5


def test_the_wait_never_exceeds_the_configured_longest(
    member_of_the_public: Client, triage_worker_a: User, settings: Settings
) -> None:
    settings.SIGN_IN_LOCKOUT_FAILURES = 2
    settings.SIGN_IN_LOCKOUT_MINUTES = 60
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(12):
            record_failures(1)
            traveller.shift(timedelta(hours=1, seconds=1))
        record_failures(1)

        response = enter_password(member_of_the_public, "triage-worker-a")

    assert "Try again in 60 minutes." in html(response)


def test_an_unknown_username_gets_the_same_answer_and_the_same_work(
    member_of_the_public: Client, triage_worker_a: User
) -> None:
    record_failures(5, "triage-worker-a")
    record_failures(5, "nobody-here")

    with CaptureQueriesContext(connection) as known_queries:
        known = enter_password(member_of_the_public, "triage-worker-a")
    with CaptureQueriesContext(connection) as unknown_queries:
        unknown = enter_password(member_of_the_public, "nobody-here")

    assert known.status_code == unknown.status_code == 429
    assert html(known) == html(unknown)
    assert "Too many attempts to sign in to this account" in html(unknown)
    # The same statements, none of them about users: nothing shows whether the account exists
    assert [query["sql"].split()[0] for query in known_queries.captured_queries] == [
        query["sql"].split()[0] for query in unknown_queries.captured_queries
    ]
    assert not any("accounts_user" in query["sql"] for query in known_queries.captured_queries)


def test_failures_from_many_addresses_do_not_keep_out_a_browser_that_signed_in_before(
    member_of_the_public: Client, triage_worker_a: User
) -> None:
    sign_in(member_of_the_public, triage_worker_a)
    member_of_the_public.post("/staff/logout")
    for number in range(20):
        fail_passwords(Client(REMOTE_ADDR=f"198.51.100.{number}"), 1)

    stranger = enter_password(Client(REMOTE_ADDR="192.0.2.44"), "triage-worker-a")
    usual_browser = enter_password(member_of_the_public, "triage-worker-a")

    assert stranger.status_code == 429
    assert usual_browser.status_code == 302
    assert usual_browser["Location"] == "/staff/login/code"


def test_a_known_browser_is_slowed_by_its_own_failures(member_of_the_public: Client, triage_worker_a: User) -> None:
    sign_in(member_of_the_public, triage_worker_a)
    member_of_the_public.post("/staff/logout")

    statuses = fail_passwords(member_of_the_public, 6)

    assert statuses == [200] * 5 + [429]


def test_a_known_browser_of_another_account_counts_as_a_stranger(
    member_of_the_public: Client, triage_worker_a: User, triage_worker_b: User
) -> None:
    sign_in(member_of_the_public, triage_worker_b)
    member_of_the_public.post("/staff/logout")
    record_failures(5)

    response = enter_password(member_of_the_public, "triage-worker-a")

    assert response.status_code == 429


def test_wrong_codes_count_towards_the_wait(member_of_the_public: Client, triage_worker_a: User) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        enter_password(member_of_the_public, "triage-worker-a")
        for _ in range(4):
            enter_code(member_of_the_public, wrong_app_code(triage_worker_a))
            traveller.shift(timedelta(seconds=20))  # past django-otp's own back-off, so each code is checked

        response = enter_code(member_of_the_public, app_code(triage_worker_a))
        back_to_the_start = member_of_the_public.get("/staff/login/code")

    assert response.status_code == 429
    assert "Try again in 1 minute." in html(response)
    assert back_to_the_start["Location"] == "/staff/login?notice=timed-out"


def test_signing_in_clears_the_count(member_of_the_public: Client, triage_worker_a: User) -> None:
    record_failures(3)

    sign_in(member_of_the_public, triage_worker_a)

    assert attempts_counted() == 0


def test_stores_neither_the_username_nor_the_address(member_of_the_public: Client, triage_worker_a: User) -> None:
    fail_passwords(member_of_the_public, 1)

    throttle = SignInThrottle.objects.get()
    assert "triage" not in throttle.bucket_hash
    assert len(throttle.bucket_hash) == 64
    assert "127.0.0.1" not in repr(list(SignInThrottle.objects.values_list()))


def test_forgets_failures_after_a_quiet_day(member_of_the_public: Client, triage_worker_a: User) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        record_failures(4)
        traveller.shift(timedelta(days=1, seconds=1))

        fail_passwords(member_of_the_public, 1)

    assert SignInThrottle.objects.get().failures == 1


def test_a_wait_longer_than_a_day_is_not_forgotten_while_it_runs(
    member_of_the_public: Client, triage_worker_a: User, settings: Settings
) -> None:
    settings.SIGN_IN_LOCKOUT_MINUTES = 3 * 24 * 60
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        now = timezone.now()
        SignInThrottle.objects.create(
            bucket_hash=account_hash("triage-worker-a"),
            failures=20,
            wait_until=now + timedelta(days=3),
            last_attempt_at=now,
        )
        traveller.shift(timedelta(days=2))

        response = enter_password(member_of_the_public, "triage-worker-a")

    assert response.status_code == 429
    assert "Try again in 1440 minutes." in html(response)


def test_the_known_browser_cookie_is_for_staff_pages_only_and_names_no_one(
    member_of_the_public: Client, triage_worker_a: User
) -> None:
    sign_in(member_of_the_public, triage_worker_a)

    cookie = member_of_the_public.cookies["waypost_known_browser"]
    assert (cookie["path"], cookie["samesite"], cookie["httponly"]) == ("/staff/", "Lax", True)
    assert cookie["max-age"] == 90 * 24 * 60 * 60
    assert "triage" not in cookie.value
