"""Sign-in pauses after repeated wrong passwords or codes, and starts again by itself."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from tests.accounts.steps import app_code, enter_code, enter_password, html, wrong_app_code
from waypost.accounts.lockout import record_sign_in_failure
from waypost.accounts.models import SignInFailure, User

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.urls")]

ANOTHER_ADDRESS = "192.0.2.44"


def fail_passwords(client: Client, times: int) -> None:
    for _ in range(times):
        enter_password(client, "triage-worker-a", "a wrong password, again")


def record_failures(times: int, *, address: str = "127.0.0.1") -> None:
    # The same record the sign-in page writes, without paying for Argon2 each time
    for _ in range(times):
        record_sign_in_failure(username="triage-worker-a", client_address=address)


def test_pauses_after_five_wrong_passwords_even_for_the_right_one(
    member_of_the_public: Client, triage_worker_a: User
) -> None:
    fail_passwords(member_of_the_public, 5)

    response = enter_password(member_of_the_public, "triage-worker-a")

    assert response.status_code == 429
    assert "Sign-in is paused for 15 minutes" in html(response)
    assert SignInFailure.objects.count() == 5


def test_four_wrong_passwords_do_not_pause(member_of_the_public: Client, triage_worker_a: User) -> None:
    record_failures(4)

    response = enter_password(member_of_the_public, "triage-worker-a")

    assert response.status_code == 302


def test_pause_ends_after_fifteen_minutes(member_of_the_public: Client, triage_worker_a: User) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        record_failures(5)
        traveller.shift(timedelta(minutes=14, seconds=59))
        still_paused = enter_password(member_of_the_public, "triage-worker-a")
        traveller.shift(timedelta(seconds=2))

        response = enter_password(member_of_the_public, "triage-worker-a")

    assert still_paused.status_code == 429
    assert response.status_code == 302


def test_pause_for_one_address_leaves_colleagues_elsewhere_signing_in(
    member_of_the_public: Client, triage_worker_a: User
) -> None:
    record_failures(5)

    response = Client(REMOTE_ADDR=ANOTHER_ADDRESS).post(
        "/staff/login", {"username": "triage-worker-a", "password": "a long passphrase for test staff"}
    )

    assert response.status_code == 302


def test_pauses_a_username_for_everyone_after_twenty_failures_from_many_addresses(triage_worker_a: User) -> None:
    for number in range(19):
        record_failures(1, address=f"192.0.2.{number}")
    fail_passwords(Client(REMOTE_ADDR="192.0.2.19"), 1)

    response = Client(REMOTE_ADDR=ANOTHER_ADDRESS).post(
        "/staff/login", {"username": "triage-worker-a", "password": "a long passphrase for test staff"}
    )

    assert response.status_code == 429


def test_usernames_differing_only_in_case_share_a_count(member_of_the_public: Client, triage_worker_a: User) -> None:
    for username in ("Triage-Worker-A", "TRIAGE-WORKER-A", "triage-worker-a ", "triage-Worker-a", "triage-worker-A"):
        enter_password(member_of_the_public, username, "a wrong password, again")

    assert enter_password(member_of_the_public, "triage-worker-a").status_code == 429


def test_wrong_codes_count_towards_the_pause(member_of_the_public: Client, triage_worker_a: User) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        enter_password(member_of_the_public, "triage-worker-a")
        for _ in range(5):
            enter_code(member_of_the_public, wrong_app_code(triage_worker_a))
            traveller.shift(timedelta(seconds=20))  # past django-otp's own back-off, so each code is checked

        response = enter_code(member_of_the_public, app_code(triage_worker_a))
        back_to_the_start = member_of_the_public.get("/staff/login/code")

    assert response.status_code == 429
    assert back_to_the_start["Location"] == "/staff/login?notice=timed-out"


def test_signing_in_clears_the_count(member_of_the_public: Client, triage_worker_a: User) -> None:
    record_failures(4)
    enter_password(member_of_the_public, "triage-worker-a")
    enter_code(member_of_the_public, app_code(triage_worker_a))

    assert SignInFailure.objects.count() == 0


def test_stores_neither_the_username_nor_the_address(member_of_the_public: Client, triage_worker_a: User) -> None:
    fail_passwords(member_of_the_public, 1)

    failure = SignInFailure.objects.get()
    assert "triage" not in failure.account_hash
    assert "127.0.0.1" not in failure.client_hash
    assert len(failure.account_hash) == len(failure.client_hash) == 64


def test_forgets_failures_older_than_the_window(member_of_the_public: Client, triage_worker_a: User) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        record_failures(3)
        traveller.shift(timedelta(minutes=16))

        fail_passwords(member_of_the_public, 1)

    assert SignInFailure.objects.count() == 1


def test_follows_the_configured_limits(member_of_the_public: Client, triage_worker_a: User, settings: Settings) -> None:
    settings.SIGN_IN_LOCKOUT_FAILURES = 2
    settings.SIGN_IN_LOCKOUT_MINUTES = 60
    record_failures(2)

    response = enter_password(member_of_the_public, "triage-worker-a")

    assert response.status_code == 429
    assert "Sign-in is paused for 60 minutes" in html(response)
