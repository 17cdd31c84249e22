"""Signing in: the password step, then a code from the authenticator app."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tests.accounts.steps import (
    STAFF_PAGE,
    app_code,
    attempts_counted,
    enter_code,
    enter_password,
    html,
    sign_in,
    wrong_app_code,
)
from tests.conftest import STAFF_PASSWORD, signed_in_client
from waypost.accounts.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.urls")]


def test_sign_in_page_asks_for_username_and_password(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/staff/login")

    page = html(response)
    assert response.status_code == 200
    assert '<label class="label" for="id_username">Username</label>' in page
    assert 'type="password"' in page
    assert 'autocomplete="current-password"' in page
    assert "We sign you out after 30 minutes without activity" in page
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


def test_empty_form_names_each_missing_answer(member_of_the_public: Client) -> None:
    response = member_of_the_public.post("/staff/login", {"username": "", "password": ""})

    page = html(response)
    assert response.status_code == 200
    assert "<title>Error: Sign in" in page
    assert '<a href="#id_username">Enter your username</a>' in page
    assert '<a href="#id_password">Enter your password</a>' in page
    assert attempts_counted() == 0


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(
    member_of_the_public: Client, triage_worker_a: User
) -> None:
    response = enter_password(member_of_the_public, "triage-worker-a", "not the password at all")

    page = html(response)
    assert response.status_code == 200
    assert "Enter a correct username and password" in page
    assert "not the password at all" not in page
    assert 'value="triage-worker-a"' in page
    assert attempts_counted() == 1


def test_unknown_username_gets_the_same_answer_as_a_wrong_password(member_of_the_public: Client) -> None:
    response = enter_password(member_of_the_public, "nobody-here", STAFF_PASSWORD)

    assert response.status_code == 200
    assert "Enter a correct username and password" in html(response)
    assert attempts_counted() == 1


def test_inactive_user_cannot_sign_in(member_of_the_public: Client, triage_worker_a: User) -> None:
    User.objects.filter(pk=triage_worker_a.pk).update(is_active=False)

    response = enter_password(member_of_the_public, "triage-worker-a")

    assert response.status_code == 200
    assert "Enter a correct username and password" in html(response)


def test_correct_password_leads_to_the_code_step_and_not_yet_inside(
    member_of_the_public: Client, triage_worker_a: User
) -> None:
    response = enter_password(member_of_the_public, "triage-worker-a", next_url=STAFF_PAGE)

    assert response.status_code == 302
    assert response["Location"] == "/staff/login/code"
    assert member_of_the_public.get(STAFF_PAGE).status_code == 302
    code_page = member_of_the_public.get("/staff/login/code")
    assert '<h1 class="label-wrapper"><label class="label label--heading" for="id_code">' in html(code_page)
    assert 'autocomplete="one-time-code"' in html(code_page)


def test_correct_password_then_wrong_code_is_refused(member_of_the_public: Client, triage_worker_a: User) -> None:
    enter_password(member_of_the_public, "triage-worker-a", next_url=STAFF_PAGE)

    response = enter_code(member_of_the_public, wrong_app_code(triage_worker_a))

    assert response.status_code == 200
    assert "The code is not right" in html(response)
    assert member_of_the_public.get(STAFF_PAGE).status_code == 302
    # Each step is counted before it is checked; only both factors together clear the count
    assert attempts_counted() == 2


def test_code_that_is_not_a_code_is_explained(member_of_the_public: Client, triage_worker_a: User) -> None:
    enter_password(member_of_the_public, "triage-worker-a")

    response = enter_code(member_of_the_public, "12345")

    assert "Enter the 6-digit code from your app, or a recovery code" in html(response)
    assert attempts_counted() == 1  # the password step only


def test_code_from_the_app_signs_in_and_goes_to_the_page_asked_for(
    member_of_the_public: Client, triage_worker_a: User
) -> None:
    enter_password(member_of_the_public, "triage-worker-a", next_url=STAFF_PAGE)

    response = enter_code(member_of_the_public, app_code(triage_worker_a))

    assert response.status_code == 302
    assert response["Location"] == STAFF_PAGE
    assert member_of_the_public.get(STAFF_PAGE).status_code == 200


def test_code_with_spaces_is_accepted(member_of_the_public: Client, triage_worker_a: User) -> None:
    enter_password(member_of_the_public, "triage-worker-a")
    code = app_code(triage_worker_a)

    response = enter_code(member_of_the_public, f" {code[:3]} {code[3:]} ")

    assert response.status_code == 302


def test_goes_to_the_staff_console_by_default(member_of_the_public: Client, triage_worker_a: User) -> None:
    response = sign_in(member_of_the_public, triage_worker_a, next_url="")

    assert response["Location"] == "/staff/"


@pytest.mark.parametrize("next_url", ["https://elsewhere.example/", "//elsewhere.example/", "javascript:alert(1)"])
def test_never_sends_a_signed_in_user_to_another_site(
    member_of_the_public: Client, triage_worker_a: User, next_url: str
) -> None:
    response = sign_in(member_of_the_public, triage_worker_a, next_url=next_url)

    assert response["Location"] == "/staff/"


def test_a_code_cannot_be_used_twice(member_of_the_public: Client, triage_worker_a: User) -> None:
    with time_machine.travel(timezone.now(), tick=False):
        code = app_code(triage_worker_a)
        enter_password(member_of_the_public, "triage-worker-a")
        assert enter_code(member_of_the_public, code).status_code == 302
        other_browser = Client()
        enter_password(other_browser, "triage-worker-a")

        response = enter_code(other_browser, code)

    assert "The code is not right" in html(response)


def test_asks_to_wait_after_a_wrong_code_instead_of_checking_the_next_at_once(
    member_of_the_public: Client, triage_worker_a: User
) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        enter_password(member_of_the_public, "triage-worker-a")
        enter_code(member_of_the_public, wrong_app_code(triage_worker_a))

        too_soon = enter_code(member_of_the_public, app_code(triage_worker_a))
        failures_counted = attempts_counted()
        traveller.shift(timedelta(seconds=2))
        after_waiting = enter_code(member_of_the_public, app_code(triage_worker_a))

    assert "Wait a minute, then try again" in html(too_soon)
    assert failures_counted == 2  # the password and the wrong code; the code refused unread is not counted
    assert after_waiting.status_code == 302


def test_code_step_without_the_password_step_starts_again(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/staff/login/code")

    assert response.status_code == 302
    assert response["Location"] == "/staff/login?notice=timed-out"
    follow = member_of_the_public.get(response["Location"])
    assert "Your sign-in timed out" in html(follow)


def test_code_step_more_than_ten_minutes_after_the_password_starts_again(
    member_of_the_public: Client, triage_worker_a: User
) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        enter_password(member_of_the_public, "triage-worker-a")
        traveller.shift(timedelta(minutes=11))

        response = enter_code(member_of_the_public, app_code(triage_worker_a))

    assert response["Location"] == "/staff/login?notice=timed-out"


def test_password_changed_between_the_steps_starts_again(member_of_the_public: Client, triage_worker_a: User) -> None:
    enter_password(member_of_the_public, "triage-worker-a")
    triage_worker_a.set_password("another long passphrase here")
    triage_worker_a.save()

    response = enter_code(member_of_the_public, app_code(triage_worker_a))

    assert response["Location"] == "/staff/login?notice=timed-out"


def test_signed_in_user_visiting_sign_in_goes_straight_on(triage_worker_a: User) -> None:
    client = signed_in_client(triage_worker_a)

    response = client.get(f"/staff/login?next={STAFF_PAGE}")

    assert response.status_code == 302
    assert response["Location"] == STAFF_PAGE


def test_only_get_head_and_post_are_allowed(member_of_the_public: Client) -> None:
    assert member_of_the_public.put("/staff/login").status_code == 405
