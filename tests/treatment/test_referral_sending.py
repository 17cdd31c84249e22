"""Sending a referral from an assessed request: who may, what consent records, what is shared, who is told."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.conf import settings

from tests.treatment.conftest import StaffClient
from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditAction, AuditEvent
from waypost.core.encryption import keyed_hash
from waypost.intake.choices import Status
from waypost.intake.models import ContactRequest
from waypost.notifications.models import OutboundMessage
from waypost.treatment.access import NO_END_MESSAGE
from waypost.treatment.models import ProviderLink, Referral, ReferralEvent
from waypost.treatment.services import open_referrals_block_close

pytestmark = pytest.mark.django_db
MONDAY_NOON = datetime.datetime(2026, 11, 30, 12, tzinfo=datetime.UTC)


def refer_url(request: ContactRequest) -> str:
    return f"/staff/requests/{request.reference}/refer"


@time_machine.travel(MONDAY_NOON, tick=False)
def test_clinician_refers_to_a_provider_on_waypost_with_consent_recorded(
    staff_client: StaffClient,
    clinician_a: User,
    assessed: ContactRequest,
    provider_b: Organisation,
    triage_worker_b: User,
) -> None:
    response = staff_client(clinician_a).post(
        refer_url(assessed),
        {
            "destination": f"provider:{provider_b.pk}",
            "shared_items": ["name", "assessment", "payment"],
            "consent": "on",
            "person_updates": ["in-progress"],
        },
    )

    assert response.status_code == 302, response.content.decode()
    referral = Referral.objects.get()
    assert response["Location"] == f"/staff/referrals/{referral.reference}?notice=sent"
    assert len(referral.reference) == 9
    assert referral.reference.startswith("R")
    assert (referral.status, referral.receiving_organisation, referral.destination_email) == (
        "requested",
        provider_b,
        "",
    )
    assert (referral.consented_at, referral.created_by, referral.level_of_care) == (
        MONDAY_NOON,
        clinician_a,
        "intensive-outpatient",
    )
    assert referral.shared_items == "name,assessment,payment"
    assert referral.shared_summary == "Name: Sam Example\nLevel of care: Intensive outpatient\nPayment: Medicaid"
    assert referral.person_updates == "in-progress"
    assert referral.response_due_at == datetime.datetime(2026, 12, 2, 12, tzinfo=datetime.UTC)
    event = ReferralEvent.objects.get()
    assert (event.status_from, event.status_to, event.actor, event.channel) == ("", "requested", clinician_a, "console")
    audit = AuditEvent.objects.get(action=AuditAction.REFERRED)
    assert (audit.organisation, audit.actor, audit.request_reference) == (
        clinician_a.memberships.get().organisation,
        clinician_a,
        referral.reference,
    )
    message = OutboundMessage.objects.exclude(template="team-alert").get()
    assert (message.recipient, message.template) == (triage_worker_b.email, "referral-received")
    assert f"{settings.BASE_URL}/staff/referrals/inbox" in message.body
    assert "Sam Example" not in message.body


def test_refers_to_a_provider_not_on_waypost_by_a_single_use_link(
    staff_client: StaffClient, supervisor_a: User, assessed: ContactRequest
) -> None:
    response = staff_client(supervisor_a).post(
        refer_url(assessed),
        {
            "destination_name": "Riverside Clinic",
            "destination_email": "intake@riverside.example",
            "shared_items": ["name"],
            "consent": "on",
        },
    )

    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.receiving_organisation, referral.destination_name, referral.destination_email) == (
        None,
        "Riverside Clinic",
        "intake@riverside.example",
    )
    message = OutboundMessage.objects.exclude(template="team-alert").get()
    assert (message.recipient, message.template) == ("intake@riverside.example", "referral-link")
    token = message.body.split("/referral-link/")[1].split()[0]
    link = ProviderLink.objects.get()
    assert link.token_hash == keyed_hash(token, purpose="referral-link")
    assert token not in link.token_hash
    assert link.expires_at - link.created_at == datetime.timedelta(days=7)


def test_admissions_may_not_refer(
    staff_client: StaffClient, triage_worker_a: User, assessed: ContactRequest, provider_b: Organisation
) -> None:
    client = staff_client(triage_worker_a)

    assert client.get(refer_url(assessed)).status_code == 403
    response = client.post(
        refer_url(assessed), {"destination": f"provider:{provider_b.pk}", "shared_items": ["name"], "consent": "on"}
    )

    assert response.status_code == 403
    assert Referral.objects.count() == 0


def test_a_request_not_yet_assessed_cannot_be_referred(
    staff_client: StaffClient, clinician_a: User, assessed: ContactRequest, provider_b: Organisation
) -> None:
    ContactRequest.objects.filter(pk=assessed.pk).update(status=Status.IN_CONVERSATION)

    response = staff_client(clinician_a).post(
        refer_url(assessed), {"destination": f"provider:{provider_b.pk}", "shared_items": ["name"], "consent": "on"}
    )

    assert response.status_code == 409
    assert "Assess this request before referring it" in response.content.decode()
    assert (Referral.objects.count(), OutboundMessage.objects.exclude(template="team-alert").count()) == (0, 0)


def test_refuses_a_referral_without_the_persons_consent(
    staff_client: StaffClient, clinician_a: User, assessed: ContactRequest, provider_b: Organisation
) -> None:
    response = staff_client(clinician_a).post(
        refer_url(assessed), {"destination": f"provider:{provider_b.pk}", "shared_items": ["name"]}
    )

    assert response.status_code == 400
    assert "Confirm that the person agreed to this referral" in response.content.decode()
    assert (Referral.objects.count(), AuditEvent.objects.count()) == (0, 0)


def test_lists_providers_on_waypost_as_matches_on_the_refer_page(
    staff_client: StaffClient, clinician_a: User, assessed: ContactRequest, provider_b: Organisation
) -> None:
    response = staff_client(clinician_a).get(refer_url(assessed))

    page = response.content.decode()
    assert response.status_code == 200
    assert f'value="provider:{provider_b.pk}"' in page
    assert "On Waypost: answers in its console" in page
    assert "Does not list intensive outpatient" in page


def test_request_referrals_page_lists_sent_referrals_and_the_close_guard(
    staff_client: StaffClient, clinician_a: User, sent_to_b: Referral
) -> None:
    response = staff_client(clinician_a).get(f"/staff/requests/{sent_to_b.contact_request.reference}/referrals")

    page = response.content.decode()
    assert response.status_code == 200
    assert sent_to_b.reference in page
    assert "Sent, waiting for the provider" in page
    assert f"{NO_END_MESSAGE}." in page


def test_a_request_may_close_only_when_every_referral_has_ended(sent_to_b: Referral) -> None:
    request = sent_to_b.contact_request
    assert open_referrals_block_close(request) == NO_END_MESSAGE

    Referral.objects.filter(pk=sent_to_b.pk).update(status="completed")
    assert open_referrals_block_close(request) is None
