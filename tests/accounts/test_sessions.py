"""How a staff session ends: idle for 30 minutes, signed in too long ago, signed out, or password changed."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from tests.accounts.steps import STAFF_PAGE, html
from tests.conftest import signed_in_client
from waypost.accounts.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.urls")]


def session_cookie(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_signs_out_after_thirty_one_idle_minutes(triage_worker_a: User) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = signed_in_client(triage_worker_a)
        traveller.shift(timedelta(minutes=31))

        response = client.get(STAFF_PAGE)

    assert response.status_code == 302
    assert response["Location"] == "/staff/login?next=/staff/test-page"


def test_each_request_restarts_the_idle_timer(triage_worker_a: User) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = signed_in_client(triage_worker_a)
        statuses = []
        for _ in range(3):
            traveller.shift(timedelta(minutes=29))
            statuses.append(client.get(STAFF_PAGE).status_code)

    assert statuses == [200, 200, 200]


def test_must_sign_in_again_after_the_longest_sign_in(triage_worker_a: User, settings: Settings) -> None:
    settings.STAFF_SIGN_IN_HOURS = 1
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = signed_in_client(triage_worker_a)
        statuses = []
        for _ in range(4):
            traveller.shift(timedelta(minutes=20))
            statuses.append(client.get(STAFF_PAGE).status_code)

    assert statuses == [200, 200, 200, 302]


def test_sign_out_page_asks_before_signing_out(triage_worker_a: User) -> None:
    client = signed_in_client(triage_worker_a)

    response = client.get("/staff/logout")

    assert response.status_code == 200
    assert '<form method="post" action="/staff/logout"' in html(response)
    assert client.get(STAFF_PAGE).status_code == 200


def test_signing_out_ends_the_session_and_says_so(triage_worker_a: User) -> None:
    client = signed_in_client(triage_worker_a)

    response = client.post("/staff/logout")

    assert response["Location"] == "/staff/login?notice=signed-out"
    assert "You have signed out." in html(client.get(response["Location"]))
    assert client.get(STAFF_PAGE).status_code == 302


def test_an_old_cookie_replayed_after_signing_out_is_refused(triage_worker_a: User) -> None:
    client = signed_in_client(triage_worker_a)
    old_cookie = session_cookie(client)
    client.post("/staff/logout")
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_cookie

    response = replay.get(STAFF_PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login")
    assert User.objects.get(pk=triage_worker_a.pk).session_generation == 1


def test_signing_out_ends_sessions_in_other_browsers_too(triage_worker_a: User) -> None:
    laptop, phone = signed_in_client(triage_worker_a), signed_in_client(triage_worker_a)

    laptop.post("/staff/logout")

    assert phone.get(STAFF_PAGE).status_code == 302


def test_signing_out_when_not_signed_in_is_harmless(member_of_the_public: Client) -> None:
    response = member_of_the_public.post("/staff/logout")

    assert response["Location"] == "/staff/login?notice=signed-out"


def test_a_password_change_ends_existing_sessions(triage_worker_a: User) -> None:
    client = signed_in_client(triage_worker_a)
    triage_worker_a.set_password("a brand new long passphrase")
    triage_worker_a.save()

    assert client.get(STAFF_PAGE).status_code == 302


def test_session_hash_changes_with_the_generation(triage_worker_a: User) -> None:
    before = triage_worker_a.get_session_auth_hash()

    triage_worker_a.session_generation += 1

    assert triage_worker_a.get_session_auth_hash() != before
