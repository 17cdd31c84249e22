"""The person's language: named by an API client, checked, and shown to staff on the queue and the request page
(docs/adr/0046)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, User
from waypost.intake.models import ContactRequest
from waypost.notifications.models import OutboundMessage

pytestmark = pytest.mark.django_db

BODY: dict[str, Any] = {
    "for_whom": "self",
    "contact_methods": ["text"],
    "phone": "+44 7911 123456",
    "best_times": ["any-time"],
    "consent": True,
}


def post(client: Client, body: dict[str, Any]) -> Any:
    return client.post(
        "/api/referrals", data=json.dumps(body), content_type="application/json", headers={"Idempotency-Key": "k-1"}
    )


def test_an_api_client_may_name_spanish_and_the_confirmation_is_in_spanish(member_of_the_public: Client) -> None:
    response = post(member_of_the_public, {**BODY, "language": "es"})

    request = ContactRequest.objects.get()
    text = OutboundMessage.objects.get(template="request-received")
    assert response.status_code == 201
    assert (request.language, request.site_region) == ("es", "uk")
    assert text.body.startswith(f"Recibimos su solicitud (referencia {request.reference}).")
    assert text.body.endswith("En una emergencia, llame al 999.")


def test_without_a_language_an_api_request_is_in_the_language_of_its_address(member_of_the_public: Client) -> None:
    post(member_of_the_public, BODY)

    assert ContactRequest.objects.get().language == "en-gb"


@pytest.mark.parametrize("language", ["fr", "EN", "spanish", 7, ["es"]])
def test_an_unknown_language_is_refused_and_nothing_is_stored(member_of_the_public: Client, language: object) -> None:
    response = post(member_of_the_public, {**BODY, "language": language})

    assert response.status_code == 422
    assert response.json() == {"errors": {"language": "Give the language as one of: en-gb, es"}}
    assert ContactRequest.objects.count() == 0


def test_staff_see_a_spanish_request_marked_in_the_queue_and_on_its_page(
    organisation_a: Organisation, triage_worker_a: User, staff_client: Callable[[User], Client]
) -> None:
    spanish = make_request(organisation_a)
    english = make_request(organisation_a, phone="+44 7400 123456")
    ContactRequest.objects.filter(pk=spanish.pk).update(language="es")
    client = staff_client(triage_worker_a)

    queue = client.get(reverse("triage:queue")).content.decode()
    spanish_page = client.get(reverse("triage:request_detail", args=[spanish.reference])).content.decode()
    english_page = client.get(reverse("triage:request_detail", args=[english.reference])).content.decode()

    assert f">{spanish.reference}</a><br>Me<br>Language: Spanish</td>" in queue
    assert f">{english.reference}</a><br>Me</td>" in queue
    assert "<p>Language: Spanish</p>" in spanish_page
    assert "<p>Language: English</p>" in english_page
