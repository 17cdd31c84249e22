"""Public e-mail addresses must name a real domain: no single-label hosts, no IP literals (issue 12)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.intake.walker import fill_in
from waypost.intake.details import check_contact_details
from waypost.intake.models import ContactRequest

pytestmark = pytest.mark.django_db

MESSAGE = "Enter an email address in the correct format, like name@example.com"
UNROUTABLE = ["x@localhost", "victim@[127.0.0.1]", "victim@[IPv6:::1]", "x@intranet", "x@127.0.0.1"]
UNROUTABLE_IDS = ["localhost", "ipv4-literal", "ipv6-literal", "single-label", "bare-ipv4"]
API_BODY: dict[str, Any] = {
    "for_whom": "self",
    "contact_methods": ["email"],
    "best_times": ["any-time"],
    "consent": True,
}


@pytest.mark.parametrize("email", UNROUTABLE, ids=UNROUTABLE_IDS)
def test_the_shared_check_refuses_domains_without_a_dot_or_ip_literals(email: str) -> None:
    details, errors = check_contact_details({**API_BODY, "email": email})

    assert details is None
    assert errors == {"email": MESSAGE}


@pytest.mark.parametrize(
    "email", ["sam@example.com", "Sam.Smith+waypost@mail.example.co.uk"], ids=["simple", "subdomain"]
)
def test_ordinary_addresses_are_still_accepted(email: str) -> None:
    details, errors = check_contact_details({**API_BODY, "email": email})

    assert errors == {}
    assert details is not None


@pytest.mark.parametrize("email", UNROUTABLE, ids=UNROUTABLE_IDS)
def test_the_web_journey_refuses_them(member_of_the_public: Client, email: str) -> None:
    fill_in(member_of_the_public)

    response = member_of_the_public.post("/contact/email?change=1", {"email": email})

    assert response.status_code == 200
    assert MESSAGE in response.content.decode()


@pytest.mark.parametrize("email", UNROUTABLE, ids=UNROUTABLE_IDS)
def test_the_api_refuses_them(member_of_the_public: Client, email: str) -> None:
    response = member_of_the_public.post(
        "/api/referrals",
        data={**API_BODY, "email": email},
        content_type="application/json",
        headers={"Idempotency-Key": "key-1"},
    )

    assert response.status_code == 422
    assert response.json() == {"errors": {"email": MESSAGE}}
    assert ContactRequest.objects.count() == 0
