"""A carer's red-flag answers about someone else travel with the self-check summary into the contact request."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.intake.walker import fill_in
from tests.selfcheck.walker import walk as walk_selfcheck
from waypost.instruments.terminology import YES
from waypost.intake.models import ContactRequest

pytestmark = pytest.mark.django_db


def test_a_carers_summary_carries_hard_to_wake_and_talk_of_ending_life(member_of_the_public: Client) -> None:
    walk_selfcheck(
        member_of_the_public,
        {
            "journey.who": "family",
            "ketamine-signs-observed.talks-of-ending-life-or-self-harm": YES,
            "ketamine-signs-observed.hard-to-wake": YES,
        },
    )
    fill_in(member_of_the_public, start="who?from=check")

    member_of_the_public.post("/contact/send")

    request = ContactRequest.objects.get()
    assert request.has_red_flag
    assert "hard-to-wake" in (request.selfcheck_summary or "")
    assert "talks-of-ending-life-or-self-harm" in (request.selfcheck_summary or "")
    assert "LA33-6" not in (request.selfcheck_summary or "")
