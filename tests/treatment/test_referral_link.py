"""The single-use, expiring link a provider not on Waypost answers through: no account, only what was consented."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from waypost.core.audit import AuditAction, AuditEvent
from waypost.treatment.models import ProviderLink, Referral, ReferralEvent
from waypost.treatment.services import SentReferral

pytestmark = pytest.mark.django_db


def link_url(sent: SentReferral) -> str:
    return f"/referral-link/{sent.link_token}"


def in_a_week() -> str:
    return timezone.localtime(timezone.now() + datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")


def test_shows_only_what_was_consented_never_cached_and_audits_each_view(
    member_of_the_public: Client, sent_by_email: SentReferral
) -> None:
    first = member_of_the_public.get(link_url(sent_by_email))
    member_of_the_public.get(link_url(sent_by_email))

    page = first.content.decode()
    assert first.status_code == 200
    assert "Name: Sam Example" in page
    assert "07911" not in page
    assert "Phone" not in page
    assert "Partner checks the phone" not in page
    assert first["Cache-Control"] == "no-store"
    assert first["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in page
    views = AuditEvent.objects.filter(action=AuditAction.OPENED_REFERRAL_LINK)
    assert views.count() == 2
    assert {(event.organisation_id, event.request_reference) for event in views} == {
        (sent_by_email.referral.sending_organisation_id, sent_by_email.referral.reference)
    }
    assert sent_by_email.link_token not in "".join(event.page for event in views)


def test_accepting_with_an_intake_date_books_it_and_uses_the_link_up(
    member_of_the_public: Client, sent_by_email: SentReferral
) -> None:
    response = member_of_the_public.post(
        link_url(sent_by_email), {"answer": "accepted", "answered_by": "Alex Intake", "intake_at": in_a_week()}
    )

    assert response.status_code == 200
    assert "Answer sent" in response.content.decode()
    referral = Referral.objects.get()
    assert referral.status == "in-progress"
    assert referral.intake_at is not None
    steps = list(ReferralEvent.objects.values_list("status_to", "channel", "actor_name"))
    assert steps[1:] == [
        ("accepted", "link", "Alex Intake (Riverside Clinic)"),
        ("in-progress", "link", "Alex Intake (Riverside Clinic)"),
    ]
    assert ProviderLink.objects.get().used_at is not None
    again = member_of_the_public.get(link_url(sent_by_email))
    assert again.status_code == 410
    assert "This link no longer works" in again.content.decode()
    assert again["Cache-Control"] == "no-store"
    updates = AuditEvent.objects.filter(action=AuditAction.UPDATED_REFERRAL)
    assert {event.organisation_id for event in updates} == {referral.sending_organisation_id}


def test_declining_needs_a_reason(member_of_the_public: Client, sent_by_email: SentReferral) -> None:
    refused = member_of_the_public.post(link_url(sent_by_email), {"answer": "rejected", "answered_by": "Alex"})
    assert refused.status_code == 400
    assert "Select a reason" in refused.content.decode()
    assert ProviderLink.objects.get().used_at is None

    member_of_the_public.post(
        link_url(sent_by_email), {"answer": "rejected", "answered_by": "Alex", "reason_code": "out-of-area"}
    )

    referral = Referral.objects.get()
    assert (referral.status, referral.reason_code) == ("rejected", "out-of-area")


def test_an_expired_link_is_gone(member_of_the_public: Client, sent_by_email: SentReferral) -> None:
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, seconds=1)):
        response = member_of_the_public.post(link_url(sent_by_email), {"answer": "accepted", "answered_by": "Alex"})

    assert response.status_code == 410
    assert Referral.objects.get().status == "requested"
    assert AuditEvent.objects.filter(action=AuditAction.OPENED_REFERRAL_LINK).count() == 0


def test_an_unknown_token_is_gone_and_says_whom_to_contact(member_of_the_public: Client, settings: object) -> None:
    settings.TEAM_PHONE = "0161 496 0000"  # type: ignore[attr-defined]

    response = member_of_the_public.get("/referral-link/not-a-real-token")

    assert response.status_code == 410
    assert "contact the referring team on 0161 496 0000" in response.content.decode()


def test_a_link_to_a_referral_the_sender_cancelled_is_gone(
    member_of_the_public: Client, sent_by_email: SentReferral
) -> None:
    Referral.objects.filter(pk=sent_by_email.referral.pk).update(status="cancelled")

    response = member_of_the_public.post(link_url(sent_by_email), {"answer": "accepted", "answered_by": "Alex"})

    assert response.status_code == 410
    assert Referral.objects.get().status == "cancelled"
    assert ProviderLink.objects.get().used_at is None
