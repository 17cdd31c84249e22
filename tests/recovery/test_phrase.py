"""The recovery phrase: made once on request, shown once, kept only as a keyed hash, signs in without a code."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from tests.recovery.conftest import PHONE, enrol
from waypost.accounts.models import Organisation, User
from waypost.recovery.models import Enrolment

pytestmark = pytest.mark.django_db

PHRASE = re.compile(r"<strong>([2-9A-Z]{5}(?:-[2-9A-Z]{5}){5})</strong>")


def make_phrase(client: Client) -> str:
    found = PHRASE.search(client.post("/recovery/recovery-phrase").content.decode())
    assert found is not None
    return found.group(1)


def test_a_phrase_signs_in_without_a_code_and_is_kept_only_as_a_hash(person: Client, enrolment: Enrolment) -> None:
    phrase = make_phrase(person)
    client = Client()
    response = client.post("/recovery/sign-in/phrase", {"phrase": phrase.lower().replace("-", " ")})

    assert response["Location"] == "/recovery/"
    assert client.get("/recovery/plan").status_code == 200
    stored = Enrolment.objects.get(pk=enrolment.pk).phrase_hash
    assert stored
    assert phrase not in stored
    assert phrase.replace("-", "") not in stored
    assert phrase not in person.get("/recovery/recovery-phrase").content.decode()


def test_people_who_share_a_number_sign_in_as_themselves(
    person: Client, organisation_a: Organisation, triage_worker_a: User, signed_in: Callable[[str], Client]
) -> None:
    mine = make_phrase(person)
    Enrolment.objects.update(contact_hash="shared")
    other = enrol(organisation_a, triage_worker_a, contact="other@example.com")
    client = Client()
    client.post("/recovery/sign-in/phrase", {"phrase": mine})

    assert client.session["recovery_enrolment"] != other.pk
    assert Enrolment.objects.get(pk=client.session["recovery_enrolment"]).contact == PHONE


def test_a_new_phrase_replaces_the_old_one(person: Client) -> None:
    old, new = make_phrase(person), make_phrase(person)
    assert Client().post("/recovery/sign-in/phrase", {"phrase": old}).status_code == 200
    assert Client().post("/recovery/sign-in/phrase", {"phrase": new}).status_code == 302


def test_five_wrong_phrases_are_throttled_even_before_the_right_one(person: Client) -> None:
    phrase = make_phrase(person)
    client = Client()
    statuses = [
        client.post("/recovery/sign-in/phrase", {"phrase": "AAAAA-" * 5 + "AAAAA"}).status_code for _ in range(5)
    ]
    after = client.post("/recovery/sign-in/phrase", {"phrase": phrase})

    assert statuses == [200, 200, 200, 200, 429]
    assert after.status_code == 429
    assert "Too many wrong phrases" in after.content.decode()
    assert "That phrase is not right" in Client().post("/recovery/sign-in/phrase", {"phrase": "nope"}).content.decode()
