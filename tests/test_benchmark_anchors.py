"""The benchmarks' anchor views do what their ratios assume: the floors check what the pages they stand under check."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.selfcheck.walker import FIRST_QUESTION, QUESTION_PREFIX, default_answer
from waypost.accounts.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.urls("benchmarks.urls")]


def test_the_bare_view_answers_anyone() -> None:
    assert Client().get("/_benchmark/bare").content == b"ok"


def test_the_signed_in_floor_sends_a_stranger_to_sign_in_as_the_console_does() -> None:
    response = Client().get("/_benchmark/signed-in-bare")

    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login")


def test_the_signed_in_floor_answers_a_signed_in_worker(
    staff_client: Callable[[User], Client], triage_worker_a: User
) -> None:
    response = staff_client(triage_worker_a).get("/_benchmark/signed-in-bare")

    assert (response.status_code, response.content) == (200, b"ok")


def test_the_session_floor_reads_the_session_and_gives_a_form_token() -> None:
    client = Client()
    client.post(FIRST_QUESTION, {"answer": default_answer(FIRST_QUESTION.removeprefix(QUESTION_PREFIX))})
    response = client.get("/_benchmark/session-bare")

    keys, token = response.content.decode().split(" ")
    assert response.status_code == 200
    # The answer just given is in the session the floor read
    assert int(keys) >= 1
    assert len(token) == 64
