"""Sign-in by a one-time code from the outbox: right, wrong, expired, throttled, unknown contact, sign out."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tests.recovery.conftest import PHONE, enrol, latest_code
from waypost.accounts.models import Organisation, User
from waypost.notifications.models import OutboundMessage
from waypost.recovery.models import Enrolment, SignInCode

pytestmark = pytest.mark.django_db


def ask_for_code(client: Client, contact: str = PHONE) -> None:
    response = client.post("/recovery/sign-in", {"contact": contact})
    assert response.status_code == 302
    assert response["Location"] == "/recovery/code"


def test_the_invitation_is_discreet_and_links_to_sign_in(enrolment: Enrolment) -> None:
    (message,) = OutboundMessage.objects.filter(template="recovery-invite")
    assert message.recipient == PHONE
    assert "/recovery/sign-in" in message.body
    for word in ("ketamine", "addict", "drug", "recovery support"):
        assert word not in message.body.lower()


def test_signs_in_with_the_right_code_and_keeps_only_its_hash(enrolment: Enrolment) -> None:
    client = Client()
    ask_for_code(client, "07400 123456")
    code = latest_code()
    response = client.post("/recovery/code", {"code": code})

    assert response.status_code == 302
    assert client.get("/recovery/").content.decode().count("Your space") >= 1
    stored = SignInCode.objects.get()
    assert code not in stored.code_hash
    assert stored.used_at is not None


def test_a_code_works_only_once(enrolment: Enrolment) -> None:
    client = Client()
    ask_for_code(client)
    code = latest_code()
    client.post("/recovery/code", {"code": code})
    other = Client()
    other.post("/recovery/sign-in", {"contact": PHONE})
    SignInCode.objects.filter(used_at__isnull=True).delete()

    response = other.post("/recovery/code", {"code": code})
    assert "That code has expired or was already used" in response.content.decode()


def test_wrong_code_is_refused_with_a_clear_message(enrolment: Enrolment) -> None:
    client = Client()
    ask_for_code(client)
    response = client.post("/recovery/code", {"code": "000000" if latest_code() != "000000" else "111111"})

    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert "<title>Error: " in response.content.decode()
    assert client.get("/recovery/plan")["Location"] == "/recovery/sign-in"


def test_expired_code_is_refused(enrolment: Enrolment) -> None:
    client = Client()
    ask_for_code(client)
    code = latest_code()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        response = client.post("/recovery/code", {"code": code})

    assert response.status_code == 200
    assert "That code has expired" in response.content.decode()


def test_five_wrong_codes_kill_the_code_even_for_the_right_one(enrolment: Enrolment) -> None:
    client = Client()
    ask_for_code(client)
    code = latest_code()
    wrong = "999999" if code != "999999" else "888888"
    statuses = [client.post("/recovery/code", {"code": wrong}).status_code for _ in range(5)]
    after = client.post("/recovery/code", {"code": code})

    assert statuses == [200, 200, 200, 200, 429]
    assert after.status_code == 429
    assert "Too many wrong codes" in after.content.decode()
    assert client.get("/recovery/plan").status_code == 302


def test_only_five_codes_an_hour_are_sent(enrolment: Enrolment) -> None:
    client = Client()
    for _ in range(7):
        ask_for_code(client)
    assert OutboundMessage.objects.filter(template="recovery-code").count() == 5


def test_an_unknown_contact_sees_the_same_pages_and_gets_nothing(enrolment: Enrolment) -> None:
    client = Client()
    ask_for_code(client, "+447400999999")
    page = client.get("/recovery/code").content.decode()
    statuses = [client.post("/recovery/code", {"code": "123456"}).status_code for _ in range(5)]

    assert "If that number or address has recovery support here" in page
    assert statuses == [200, 200, 200, 200, 429]
    assert not OutboundMessage.objects.filter(template="recovery-code").exists()


def test_an_invalid_contact_gets_a_design_system_error() -> None:
    response = Client().post("/recovery/sign-in", {"contact": "not a number"})
    assert response.status_code == 200
    assert "Enter a mobile number, like 07400 123456, or an email address" in response.content.decode()


def test_signs_in_by_email_too(organisation_a: Organisation, triage_worker_a: User) -> None:
    enrol(organisation_a, triage_worker_a, contact="person@example.com")
    client = Client()
    ask_for_code(client, "Person@Example.com")
    assert client.post("/recovery/code", {"code": latest_code()}).status_code == 302
    assert client.get("/recovery/plan").status_code == 200


def test_signing_out_ends_the_session(person: Client) -> None:
    response = person.post("/recovery/sign-out")
    assert response["Location"] == "/recovery/signed-out"
    assert person.get("/recovery/plan")["Location"] == "/recovery/sign-in"


def test_an_ended_enrolment_cannot_sign_in_or_stay_signed_in(person: Client, enrolment: Enrolment) -> None:
    Enrolment.objects.filter(pk=enrolment.pk).update(ended_at=timezone.now())
    assert person.get("/recovery/plan")["Location"] == "/recovery/sign-in"
    ask_for_code(Client())
    assert OutboundMessage.objects.filter(template="recovery-code").count() == 1
