"""Quick exit: /exit forgets the session and its cookie, then sends the visitor to the neutral site."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from pytest_django.fixtures import Settings

from tests.selfcheck.walker import FIRST_QUESTION
from waypost.instruments.terminology import NO

NEUTRAL_SITE = "https://www.bbc.co.uk/weather"


def client_part_way_through_the_check() -> Client:
    client = Client()
    client.post(FIRST_QUESTION, {"answer": NO})
    assert settings.SESSION_COOKIE_NAME in client.cookies
    return client


def test_exit_deletes_the_session_cookie_and_redirects_to_the_neutral_site() -> None:
    client = client_part_way_through_the_check()

    response = client.get("/exit")

    assert response.status_code == 302
    assert response["Location"] == NEUTRAL_SITE
    deleted = response.cookies[settings.SESSION_COOKIE_NAME]
    assert deleted.value == ""
    assert deleted["max-age"] == 0
    assert deleted["expires"] == "Thu, 01 Jan 1970 00:00:00 GMT"


def test_answers_are_gone_after_exit() -> None:
    client = client_part_way_through_the_check()

    client.get("/exit")
    response = client.get("/check/question/journey.who")

    assert response["Location"] == "/check/expired"


def test_exit_goes_to_the_configured_neutral_site(settings: Settings) -> None:
    settings.QUICK_EXIT_URL = "https://example.org/news"

    response = Client().get("/exit")

    assert response.status_code == 302
    assert response["Location"] == "https://example.org/news"


def test_exit_without_a_session_sets_no_cookie() -> None:
    response = Client().get("/exit")

    assert response["Location"] == NEUTRAL_SITE
    assert "Set-Cookie" not in response.headers


def test_exit_is_never_cached() -> None:
    response = Client().get("/exit")

    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_exit_answers_only_get_and_head(method: str) -> None:
    response = getattr(Client(), method)("/exit")

    assert response.status_code == 405


def test_exit_works_without_the_database() -> None:
    # No `db` fixture: pytest-django makes any query in this test an error, as a database outage would
    client = client_part_way_through_the_check()

    response = client.get("/exit")

    assert response.status_code == 302
    assert response.cookies[settings.SESSION_COOKIE_NAME].value == ""


def test_exit_tells_the_browser_to_forget_what_the_site_keeps_there() -> None:
    response = client_part_way_through_the_check().get("/exit")

    assert response["Clear-Site-Data"] == '"storage"'
