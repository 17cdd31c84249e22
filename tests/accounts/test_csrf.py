"""A form sent without a valid CSRF token gets a page a person understands, never Django's debug text."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.accounts.steps import html
from waypost.accounts.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.urls")]


def test_sign_in_without_a_token_explains_what_to_do() -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post("/staff/login", {"username": "triage-worker-a", "password": "whatever it is"})

    page = html(response)
    assert response.status_code == 403
    assert "<h1>Your form could not be sent</h1>" in page
    assert "Go back, reload the page, and try again." in page
    assert "CSRF" not in page


def test_sign_in_with_the_page_token_passes_the_check(triage_worker_a: User) -> None:
    client = Client(enforce_csrf_checks=True)
    page = html(client.get("/staff/login"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None

    response = client.post(
        "/staff/login",
        {
            "username": "triage-worker-a",
            "password": "a long passphrase for test staff",
            "csrfmiddlewaretoken": token[1],
        },
    )

    assert response.status_code == 302


def test_sign_out_without_a_token_is_refused_kindly(triage_worker_a: User) -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post("/staff/logout")

    assert response.status_code == 403
    assert "Your form could not be sent" in html(response)
