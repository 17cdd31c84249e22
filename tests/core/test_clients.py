"""Behind a reverse proxy, the client is the address the trusted proxy added, never one the client wrote."""

from __future__ import annotations

import json

import pytest
from django.test import Client, RequestFactory, override_settings
from pytest_django.fixtures import Settings

from waypost.accounts.models import User
from waypost.core.clients import client_address
from waypost.intake.models import ContactRequest

PROXY = "10.0.0.2"
BODY = {
    "for_whom": "self",
    "contact_methods": ["text"],
    "phone": "+44 7911 123456",
    "best_times": ["any-time"],
    "consent": True,
}


def address_seen(forwarded_for: str | None, *, remote: str = PROXY) -> str:
    headers = {} if forwarded_for is None else {"X-Forwarded-For": forwarded_for}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, headers=headers))


@pytest.fixture
def behind_one_proxy(settings: Settings) -> None:
    settings.TRUST_X_FORWARDED_FOR = True
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.mark.usefixtures("behind_one_proxy")
@pytest.mark.parametrize(
    ("forwarded_for", "expected"),
    [
        ("192.0.2.50", "192.0.2.50"),
        ("198.51.100.7, 192.0.2.50", "192.0.2.50"),
        ("198.51.100.7,192.0.2.50", "192.0.2.50"),
        ("2001:DB8:0:0::1", "2001:db8::1"),
        (None, PROXY),
        ("", PROXY),
        ("198.51.100.7, not-an-address", PROXY),
        ("198.51.100.7, ", PROXY),
        ("192.0.2.50:443", PROXY),
        ("999.0.2.50", PROXY),
        ("192.0.2.50\x00", PROXY),
        ("x" * 5000, PROXY),
    ],
)
def test_takes_the_entry_the_proxy_added_or_falls_back_to_the_proxy(forwarded_for: str | None, expected: str) -> None:
    assert address_seen(forwarded_for) == expected


def test_counts_trusted_proxies_from_the_right(settings: Settings) -> None:
    settings.TRUST_X_FORWARDED_FOR = True
    settings.TRUSTED_PROXY_COUNT = 2

    assert address_seen("198.51.100.7, 192.0.2.50, 10.0.0.1") == "192.0.2.50"
    assert address_seen("10.0.0.1") == PROXY  # fewer entries than proxies: the header was not written by them


def test_ignores_the_header_unless_told_to_trust_it() -> None:
    assert address_seen("192.0.2.50") == PROXY


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_one_proxy")
@override_settings(CONTACT_RATE_LIMIT_PER_HOUR=5)
def test_a_client_writing_its_own_forwarded_entry_still_meets_the_rate_limit() -> None:
    statuses = [
        Client(REMOTE_ADDR=PROXY)
        .post(
            "/api/referrals",
            data=json.dumps(BODY),
            content_type="application/json",
            headers={"Idempotency-Key": f"key-{number}", "X-Forwarded-For": f"198.51.100.{number}, 192.0.2.50"},
        )
        .status_code
        for number in range(8)
    ]

    assert statuses == [201] * 5 + [429] * 3
    assert ContactRequest.objects.count() == 5


@pytest.mark.django_db
@pytest.mark.urls("tests.accounts.urls")
@pytest.mark.usefixtures("behind_one_proxy")
def test_a_client_writing_its_own_forwarded_entry_still_meets_the_sign_in_lockout(triage_worker_a: User) -> None:
    def sign_in(number: int, password: str) -> int:
        headers = {"X-Forwarded-For": f"198.51.100.{number}, 192.0.2.50"}
        client = Client(REMOTE_ADDR=PROXY, headers=headers)
        return client.post("/staff/login", {"username": "triage-worker-a", "password": password}).status_code

    wrong = [sign_in(number, "a wrong password, again") for number in range(5)]
    right = sign_in(99, "a long passphrase for test staff")

    assert wrong == [200] * 5
    assert right == 429
