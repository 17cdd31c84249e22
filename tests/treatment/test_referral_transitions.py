"""Every referral move on both sides, through the console: the provider inbox and the sender's referral page."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.treatment.conftest import StaffClient
from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditAction, AuditEvent
from waypost.notifications.models import OutboundMessage
from waypost.treatment.models import Referral, ReferralEvent

pytestmark = pytest.mark.django_db
INTAKE = "2026-12-07T10:30"


def move(client: object, referral: Referral, new_status: str, **fields: str) -> object:
    referral.refresh_from_db()
    url = f"/staff/referrals/{referral.reference}/move"
    return client.post(url, {"version": referral.version, "new_status": new_status, **fields})  # type: ignore[attr-defined]


def test_provider_receives_accepts_books_and_admits_and_each_step_is_recorded(
    staff_client: StaffClient, triage_worker_b: User, sent_to_b: Referral, provider_b: Organisation
) -> None:
    client = staff_client(triage_worker_b)

    for new_status, fields in [
        ("received", {}),
        ("accepted", {}),
        ("in-progress", {"intake_at": INTAKE}),
        ("completed", {}),
    ]:
        response = move(client, sent_to_b, new_status, **fields)
        assert response.status_code == 302, new_status  # type: ignore[attr-defined]

    sent_to_b.refresh_from_db()
    assert sent_to_b.status == "completed"
    assert sent_to_b.ended_at is not None
    assert timezone.localtime(sent_to_b.intake_at).strftime("%Y-%m-%dT%H:%M") == INTAKE
    steps = list(ReferralEvent.objects.values_list("status_from", "status_to", "channel"))
    assert steps == [
        ("", "requested", "console"),
        ("requested", "received", "console"),
        ("received", "accepted", "console"),
        ("accepted", "in-progress", "console"),
        ("in-progress", "completed", "console"),
    ]
    audits = AuditEvent.objects.filter(action=AuditAction.UPDATED_REFERRAL, organisation=provider_b)
    assert audits.count() == 4


def test_booking_an_intake_sends_the_person_the_neutral_message_they_chose(
    staff_client: StaffClient, triage_worker_b: User, sent_to_b: Referral
) -> None:
    Referral.objects.filter(pk=sent_to_b.pk).update(status="accepted")
    request = sent_to_b.contact_request
    type(request).objects.filter(pk=request.pk).update(can_email=True, email="sam@example.org")

    move(staff_client(triage_worker_b), sent_to_b, "in-progress", intake_at=INTAKE)

    message = OutboundMessage.objects.get(template="referral-update")
    assert message.recipient == "sam@example.org"
    assert message.subject == "An update from Waypost"
    assert message.body.startswith("Your appointment is on Monday 7 December 2026, 10:30.")
    assert "ketamine" not in message.body.lower()
    assert "addiction" not in message.body.lower()


def test_provider_declines_only_with_a_reason(
    staff_client: StaffClient, triage_worker_b: User, sent_to_b: Referral
) -> None:
    client = staff_client(triage_worker_b)

    refused = move(client, sent_to_b, "rejected")
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert "Select a reason" in refused.content.decode()  # type: ignore[attr-defined]
    assert Referral.objects.get().status == "requested"

    accepted = move(client, sent_to_b, "rejected", reason_code="no-capacity", reason="Full until March")
    assert accepted.status_code == 302  # type: ignore[attr-defined]
    referral = Referral.objects.get()
    assert (referral.status, referral.reason_code, referral.status_reason) == (
        "rejected",
        "no-capacity",
        "Full until March",
    )


def test_provider_records_did_not_attend(staff_client: StaffClient, triage_worker_b: User, sent_to_b: Referral) -> None:
    Referral.objects.filter(pk=sent_to_b.pk).update(status="in-progress", intake_at=timezone.now())

    response = move(staff_client(triage_worker_b), sent_to_b, "failed", reason_code="did-not-attend")

    assert response.status_code == 302  # type: ignore[attr-defined]
    referral = Referral.objects.get()
    assert (referral.status, referral.reason_code, referral.status_reason) == (
        "failed",
        "did-not-attend",
        "Did not attend the intake",
    )


def test_sender_cancels_with_a_reason_and_the_provider_sees_it(
    staff_client: StaffClient, clinician_a: User, triage_worker_b: User, sent_to_b: Referral
) -> None:
    response = move(staff_client(clinician_a), sent_to_b, "cancelled", reason_code="person-declined")

    assert response.status_code == 302  # type: ignore[attr-defined]
    assert Referral.objects.get().status == "cancelled"
    page = staff_client(triage_worker_b).get(f"/staff/referrals/{sent_to_b.reference}").content.decode()
    assert "Cancelled: The person decided not to go ahead" in page
    assert "The person decided not to go ahead" in page


def test_sender_records_the_outcome_after_the_intake_date(
    staff_client: StaffClient, supervisor_a: User, sent_to_b: Referral
) -> None:
    Referral.objects.filter(pk=sent_to_b.pk).update(
        status="in-progress", intake_at=timezone.now() - datetime.timedelta(days=1)
    )

    response = move(staff_client(supervisor_a), sent_to_b, "completed")

    assert response.status_code == 302  # type: ignore[attr-defined]
    assert Referral.objects.get().status == "completed"


def test_sender_cannot_accept_on_the_providers_behalf(
    staff_client: StaffClient, clinician_a: User, sent_to_b: Referral
) -> None:
    response = move(staff_client(clinician_a), sent_to_b, "accepted")

    assert response.status_code == 409  # type: ignore[attr-defined]
    assert "A referral that is requested cannot become accepted." in response.content.decode()  # type: ignore[attr-defined]
    assert Referral.objects.get().status == "requested"


# Another move, or the same "Mark as received" pressed by two people: the second sees the conflict notice, not a
# refusal judged against a status their page never showed
@pytest.mark.parametrize("second_move", ["accepted", "received"])
def test_a_stale_page_reports_a_conflict_instead_of_overwriting_or_refusing(
    staff_client: StaffClient, triage_worker_b: User, sent_to_b: Referral, second_move: str
) -> None:
    url = f"/staff/referrals/{sent_to_b.reference}/move"
    client = staff_client(triage_worker_b)
    client.post(url, {"version": 0, "new_status": "received"})

    response = client.post(url, {"version": 0, "new_status": second_move})

    assert response["Location"] == f"/staff/referrals/{sent_to_b.reference}?notice=conflict"
    assert (Referral.objects.get().status, Referral.objects.get().version) == ("received", 1)


def test_provider_inbox_lists_its_open_referrals_and_viewing_one_is_audited(
    staff_client: StaffClient, triage_worker_b: User, sent_to_b: Referral, provider_b: Organisation
) -> None:
    client = staff_client(triage_worker_b)

    inbox = client.get("/staff/referrals/inbox")
    detail = client.get(f"/staff/referrals/{sent_to_b.reference}")

    assert inbox.status_code == 200
    assert sent_to_b.reference in inbox.content.decode()
    assert detail.status_code == 200
    page = detail.content.decode()
    assert "Name: Sam Example" in page
    assert "Mark as received" in page
    assert "Accept" in page
    assert "Decline" in page
    audit = AuditEvent.objects.get(action=AuditAction.VIEWED_REFERRAL)
    assert (audit.organisation, audit.actor, audit.request_reference) == (
        provider_b,
        triage_worker_b,
        sent_to_b.reference,
    )


def test_staff_of_a_referring_service_have_no_inbox(staff_client: StaffClient, clinician_a: User) -> None:
    assert staff_client(clinician_a).get("/staff/referrals/inbox").status_code == 404


def test_a_spanish_speaker_gets_the_referral_update_in_spanish(
    staff_client: StaffClient, triage_worker_b: User, sent_to_b: Referral
) -> None:
    Referral.objects.filter(pk=sent_to_b.pk).update(status="accepted")
    request = sent_to_b.contact_request
    type(request).objects.filter(pk=request.pk).update(can_email=True, email="ana@example.org", language="es")

    move(staff_client(triage_worker_b), sent_to_b, "in-progress", intake_at=INTAKE)

    message = OutboundMessage.objects.get(template="referral-update")
    assert message.body.startswith("Su cita es el lunes 7 diciembre 2026, 10:30."), message.body
