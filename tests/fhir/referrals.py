"""Referrals and API clients for the FHIR API tests, made directly (the console that sends them is built elsewhere)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.test import Client

from tests.triage.factories import make_request
from waypost.accounts.models import Organisation
from waypost.accounts.services import create_api_client
from waypost.treatment.models import Referral

SENT_AT = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def make_referral(sender: Organisation, receiver: Organisation, reference: str = "R-0001", **changes: Any) -> Referral:
    values: dict[str, Any] = {
        "reference": reference,
        "contact_request": make_request(sender, name="Sam Example"),
        "sending_organisation": sender,
        "receiving_organisation": receiver,
        "destination_name": receiver.name,
        "level_of_care": "outpatient",
        "care_type": "outpatient",
        "consented_at": SENT_AT - timedelta(minutes=5),
        "shared_items": "name,contact,assessment",
        "shared_summary": "Sam Example, 07911 123456. Level of care: outpatient.",
        "created_at": SENT_AT,
        "updated_at": SENT_AT,
        "response_due_at": SENT_AT + timedelta(days=2),
    }
    values.update(changes)
    return Referral.objects.create(**values)


def token_for(organisation: Organisation) -> str:
    _, token = create_api_client(organisation=organisation, name="Records system", actor_name="test")
    return token


def api_client(token: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"})
