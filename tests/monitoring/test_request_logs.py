"""Request ids from the proxy (or made here), one log line per request, JSON logs, and no paths in any of them."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator

import pytest
from django.test import Client

from waypost.monitoring.log_format import JsonFormatter, PathRedactingFilter, RequestIdFilter

GENERATED_ID = re.compile(r"^[0-9a-f]{32}$")


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """The root logger writing JSON lines through the same filters and formatter as WAYPOST_LOG_FORMAT=json."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.addFilter(PathRedactingFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


def entries(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_the_proxys_request_id_is_kept_and_returned(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/urgent", HTTP_X_REQUEST_ID="nginx-7f3a.42")

    assert response["X-Request-ID"] == "nginx-7f3a.42"


@pytest.mark.parametrize("offered", ["", "has spaces", "a" * 65, 'quote"d', "line\nbreak", "ünïcode"])
def test_an_unsafe_or_missing_request_id_is_replaced_by_a_new_one(member_of_the_public: Client, offered: str) -> None:
    response = member_of_the_public.get("/urgent", HTTP_X_REQUEST_ID=offered)

    assert GENERATED_ID.match(response["X-Request-ID"])


def test_each_request_id_is_new(member_of_the_public: Client) -> None:
    first = member_of_the_public.get("/urgent")["X-Request-ID"]
    second = member_of_the_public.get("/urgent")["X-Request-ID"]

    assert first != second


@pytest.mark.django_db
def test_json_lines_carry_the_request_id_and_route_and_never_a_token_in_the_path(
    member_of_the_public: Client, json_log: io.StringIO
) -> None:
    member_of_the_public.get("/referral-link/a-secret-provider-token", HTTP_X_REQUEST_ID="req-1")

    logged = entries(json_log)
    request_line = next(entry for entry in logged if entry["logger"] == "waypost.requests")
    warning = next(entry for entry in logged if entry["logger"] == "django.request")
    assert request_line["request_id"] == "req-1"
    assert request_line["route"] == "treatment:provider_link"
    assert request_line["status"] == 410
    assert request_line["method"] == "GET"
    assert isinstance(request_line["duration_ms"], float)
    assert warning == {**warning, "level": "warning", "message": "Gone: treatment:provider_link", "request_id": "req-1"}
    assert "a-secret-provider-token" not in json_log.getvalue()
    assert "referral-link" not in json_log.getvalue()


def test_lines_logged_outside_a_request_have_no_request_id(json_log: io.StringIO) -> None:
    logging.getLogger("waypost.test").warning("Outside any request")

    (entry,) = entries(json_log)
    assert entry["request_id"] == "-"
    assert entry["message"] == "Outside any request"
    assert str(entry["time"]).endswith("+00:00")
