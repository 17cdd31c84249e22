"""The demo's person in recovery support can ask for a code, which lands in the outbox; a second start adds nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.recovery.conftest import latest_code
from waypost.accounts import demo as accounts_demo
from waypost.recovery import demo
from waypost.recovery.models import Enrolment

pytestmark = pytest.mark.django_db


def test_the_demo_enrolment_can_sign_in_and_is_made_once() -> None:
    accounts_demo.load()
    summary = demo.load()
    demo.load()
    client = Client()
    client.post("/recovery/sign-in", {"contact": demo.DEMO_CONTACT})

    assert "/recovery/sign-in" in summary
    assert Enrolment.objects.count() == 1
    assert client.post("/recovery/code", {"code": latest_code()})["Location"] == "/recovery/"
