"""Recovery personas: a person enrolled with organisation A who shares with the team, and one signed in."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.db import transaction
from django.test import Client

from waypost.accounts.models import Organisation, User
from waypost.notifications.models import OutboundMessage
from waypost.recovery import services
from waypost.recovery.models import ContactChannel, Enrolment
from waypost.recovery.rules import Rhythm

PHONE = "+447400123456"
OTHER_PHONE = "+447400654321"


def enrol(
    organisation: Organisation,
    worker: User,
    *,
    contact: str = PHONE,
    shares: bool = True,
    rhythm: Rhythm = Rhythm.DAILY,
) -> Enrolment:
    channel = ContactChannel.EMAIL if "@" in contact else ContactChannel.SMS
    with transaction.atomic():
        return services.invite_to_recovery(
            actor=worker,
            organisation=organisation,
            channel=channel,
            contact=contact,
            rhythm=rhythm,
            shares_with_care_team=shares,
            page="/staff/recovery/invite",
        )


def latest_code() -> str:
    message = OutboundMessage.objects.filter(template="recovery-code").order_by("-pk").first()
    assert message is not None
    found = re.search(r"\b(\d{6})\b", message.body)
    assert found is not None
    return found.group(1)


def sign_in(client: Client, contact: str = PHONE) -> Client:
    client.post("/recovery/sign-in", {"contact": contact})
    response = client.post("/recovery/code", {"code": latest_code()})
    assert response.status_code == 302
    assert response["Location"] == "/recovery/"
    return client


@pytest.fixture
def enrolment(organisation_a: Organisation, triage_worker_a: User) -> Enrolment:
    return enrol(organisation_a, triage_worker_a)


@pytest.fixture
def person(enrolment: Enrolment) -> Client:
    return sign_in(Client())


@pytest.fixture
def signed_in() -> Callable[[str], Client]:
    return lambda contact: sign_in(Client(), contact)
