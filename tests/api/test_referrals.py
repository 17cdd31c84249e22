from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client, override_settings

from waypost.intake.models import ContactRequest

pytestmark = pytest.mark.django_db

BODY: dict[str, Any] = {
    "for_whom": "self",
    "contact_methods": ["text"],
    "phone": "+44 7911 123456",
    "best_times": ["any-time"],
    "help_with": "Please text first",
    "consent": True,
}


def post(client: Client, body: Any, *, key: str | None = "key-1", content_type: str = "application/json") -> Any:
    headers = {"Idempotency-Key": key} if key is not None else {}
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post("/api/referrals", data=data, content_type=content_type, headers=headers)


def test_creates_a_request_and_returns_its_reference(member_of_the_public: Client) -> None:
    response = post(member_of_the_public, BODY)

    request = ContactRequest.objects.get()
    assert response.status_code == 201
    assert response.json() == {"reference": request.reference, "status": "received"}
    assert request.source == "api"
    assert request.phone == "+447911123456"


def test_same_key_and_body_returns_the_same_answer_without_a_second_record(member_of_the_public: Client) -> None:
    first = post(member_of_the_public, BODY)
    second = post(member_of_the_public, dict(reversed(list(BODY.items()))))

    assert second.status_code == 201
    assert second.json() == first.json()
    assert ContactRequest.objects.count() == 1


def test_same_key_with_a_different_body_is_a_conflict(member_of_the_public: Client) -> None:
    post(member_of_the_public, BODY)

    response = post(member_of_the_public, {**BODY, "help_with": "Something else"})

    assert response.status_code == 409
    assert "Idempotency-Key" in response.json()["errors"]
    assert ContactRequest.objects.count() == 1


def test_invalid_fields_are_listed_one_by_one(member_of_the_public: Client) -> None:
    response = post(member_of_the_public, {**BODY, "phone": "12", "best_times": [], "consent": False})

    assert response.status_code == 422
    assert response.json() == {
        "errors": {
            "phone": "Enter a phone number, like 07400 123456 or +44 7400 123456",
            "best_times": "Select when it is best to contact you",
            "consent": "Confirm that you understand how we use your information",
        }
    }


def test_a_landline_for_texts_is_refused_as_on_the_web(member_of_the_public: Client) -> None:
    response = post(member_of_the_public, {**BODY, "phone": "020 7946 0000"})

    assert response.status_code == 422
    assert response.json() == {
        "errors": {
            "phone": "This looks like a landline, which cannot receive texts. Give a mobile number, or choose another "
            "way to be contacted."
        }
    }
    assert ContactRequest.objects.count() == 0


def test_a_us_number_in_national_format_is_read(member_of_the_public: Client) -> None:
    response = post(member_of_the_public, {**BODY, "phone": "(312) 555-0142"})

    assert response.status_code == 201
    assert ContactRequest.objects.get().phone == "+13125550142"


def test_unknown_fields_are_rejected(member_of_the_public: Client) -> None:
    response = post(member_of_the_public, {**BODY, "is_admin": True, "notes": "x"})

    assert response.status_code == 422
    assert response.json() == {"errors": {"is_admin": "Unknown field", "notes": "Unknown field"}}


@pytest.mark.parametrize(
    ("body", "key", "content_type", "status"),
    [
        (BODY, None, "application/json", 400),
        (BODY, "k" * 256, "application/json", 400),
        ("{not json", "key", "application/json", 400),
        ([1, 2], "key", "application/json", 422),
        ("for_whom=self", "key", "application/x-www-form-urlencoded", 415),
        ({**BODY, "help_with": "x" * 20_000}, "key", "application/json", 413),
    ],
)
def test_bad_requests_get_a_clear_error(
    member_of_the_public: Client, body: Any, key: str | None, content_type: str, status: int
) -> None:
    response = post(member_of_the_public, body, key=key, content_type=content_type)

    assert response.status_code == status
    assert response.json()["errors"]
    assert ContactRequest.objects.count() == 0


@override_settings(CONTACT_RATE_LIMIT_PER_HOUR=2)
def test_rate_limit_applies_per_client(member_of_the_public: Client) -> None:
    statuses = [post(member_of_the_public, BODY, key=f"key-{number}").status_code for number in range(3)]
    another_client = post(Client(REMOTE_ADDR="198.51.100.4"), BODY, key="key-other")

    assert statuses == [201, 201, 429]
    assert another_client.status_code == 201
    assert ContactRequest.objects.count() == 3


def test_openapi_document_describes_the_endpoint(member_of_the_public: Client) -> None:
    document = member_of_the_public.get("/api/openapi.json").json()

    operation = document["paths"]["/api/referrals"]["post"]
    assert document["openapi"] == "3.1.0"
    assert set(operation["responses"]) == {"201", "400", "409", "413", "415", "422", "429"}
    assert document["components"]["schemas"]["Referral"]["additionalProperties"] is False


@override_settings(CONTACT_RATE_LIMIT_PER_HOUR=2)
def test_a_retry_after_the_limit_is_answered_from_the_first_submission(member_of_the_public: Client) -> None:
    first = post(member_of_the_public, BODY, key="key-0")
    post(member_of_the_public, BODY, key="key-1")
    refused = post(member_of_the_public, BODY, key="key-2")

    retry = post(member_of_the_public, BODY, key="key-0")

    assert refused.status_code == 429
    assert retry.status_code == 201
    assert retry.json() == first.json()
    assert ContactRequest.objects.count() == 2


def test_a_key_reused_by_another_client_does_not_reveal_the_reference(member_of_the_public: Client) -> None:
    reference = post(member_of_the_public, BODY).json()["reference"]

    response = post(Client(REMOTE_ADDR="198.51.100.4"), BODY)

    assert response.status_code == 409
    assert response.json() == {
        "errors": {"Idempotency-Key": "This Idempotency-Key was already used for a different request."}
    }
    assert reference not in response.content.decode()
    assert ContactRequest.objects.count() == 1
