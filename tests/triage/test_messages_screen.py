"""The messages screen: uncertain and failed messages listed for supervisors, resent or marked handled, audited."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import make_staff
from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, Role, User
from waypost.core.audit import AuditAction, AuditEvent
from waypost.intake.choices import Status as RequestStatus
from waypost.intake.models import ContactRequest
from waypost.notifications.errors import MessageAlreadyHandledError
from waypost.notifications.models import Channel, OutboundMessage, Status
from waypost.notifications.services import count_uncertain_messages, mark_message_handled, resend_message

pytestmark = pytest.mark.django_db
StaffClient = Callable[[User], Client]
SECRET_BODY = "Your private wording about ketamine"
RECIPIENT = "person@example.org"


def stuck_message(reference: str, status: Status = Status.UNCERTAIN) -> OutboundMessage:
    message = OutboundMessage.objects.create(
        channel=Channel.EMAIL, template="request-received", reference=reference, recipient=RECIPIENT, body=SECRET_BODY
    )
    OutboundMessage.objects.filter(pk=message.pk).update(
        status=status, attempts=3, last_error=f"550 {RECIPIENT} refused", claim_token="abc"
    )
    message.refresh_from_db()
    return message


def test_the_screen_lists_the_organisations_stuck_messages_without_their_wording_or_recipient(
    staff_client: StaffClient, supervisor_a: User, organisation_a: Organisation, organisation_b: Organisation
) -> None:
    own, other = make_request(organisation_a), make_request(organisation_b)
    uncertain, failed = stuck_message(own.reference), stuck_message(own.reference, Status.FAILED)
    stuck_message(other.reference)

    response = staff_client(supervisor_a).get("/staff/messages")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'action="/staff/messages/{uncertain.pk}/resend"' in html
    assert f'action="/staff/messages/{failed.pk}/handled"' in html
    assert "It was not delivered after 3 attempts." in html
    assert "Check whether it arrived before you resend it." in html
    assert other.reference not in html
    assert SECRET_BODY not in html
    assert RECIPIENT not in html


def test_resending_queues_a_fresh_copy_and_audits_it(
    staff_client: StaffClient, supervisor_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)
    message = stuck_message(request.reference)
    before = set(OutboundMessage.objects.values_list("pk", flat=True))

    response = staff_client(supervisor_a).post(f"/staff/messages/{message.pk}/resend", follow=True)

    assert response.redirect_chain == [("/staff/messages?organisation=organisation-a&notice=resent", 302)]
    assert "A fresh copy was queued." in response.content.decode()
    copy = OutboundMessage.objects.exclude(pk__in=before).get()
    assert (copy.status, copy.recipient, copy.body, copy.reference) == (
        Status.QUEUED,
        RECIPIENT,
        SECRET_BODY,
        request.reference,
    )
    assert copy.delivery_key != message.delivery_key
    message.refresh_from_db()
    assert (message.status, message.handled_by, message.claim_token) == (Status.UNCERTAIN, supervisor_a, "")
    assert message.handled_at is not None
    audit = AuditEvent.objects.get()
    assert (audit.action, audit.actor, audit.organisation, audit.request_reference) == (
        AuditAction.RESENT_MESSAGE,
        supervisor_a,
        organisation_a,
        request.reference,
    )
    assert audit.detail == f"E-mail request-received #{message.pk}: queued as message {copy.pk}"
    assert f'/staff/messages/{message.pk}/resend"' not in response.content.decode()


def test_marking_handled_sends_nothing_and_audits_it(
    staff_client: StaffClient, organisation_admin_a: User, organisation_a: Organisation
) -> None:
    message = stuck_message(make_request(organisation_a).reference, Status.FAILED)
    count = OutboundMessage.objects.count()

    response = staff_client(organisation_admin_a).post(f"/staff/messages/{message.pk}/handled")

    assert response.status_code == 302
    assert response["Location"] == "/staff/messages?organisation=organisation-a&notice=handled"
    assert OutboundMessage.objects.count() == count
    message.refresh_from_db()
    assert (message.status, message.handled_by) == (Status.FAILED, organisation_admin_a)
    assert list(AuditEvent.objects.values_list("action", "detail")) == [
        (AuditAction.RESOLVED_MESSAGE, f"E-mail request-received #{message.pk}: marked handled")
    ]


def test_a_message_already_handled_is_not_resent_twice(
    staff_client: StaffClient, supervisor_a: User, organisation_admin_a: User, organisation_a: Organisation
) -> None:
    message = stuck_message(make_request(organisation_a).reference)
    staff_client(organisation_admin_a).post(f"/staff/messages/{message.pk}/handled")
    count = OutboundMessage.objects.count()

    response = staff_client(supervisor_a).post(f"/staff/messages/{message.pk}/resend")

    assert response.status_code == 404
    assert OutboundMessage.objects.count() == count
    assert AuditEvent.objects.filter(action=AuditAction.RESENT_MESSAGE).count() == 0


def test_the_race_between_two_people_is_reported_to_the_second(
    supervisor_a: User, organisation_admin_a: User, organisation_a: Organisation
) -> None:
    message = stuck_message(make_request(organisation_a).reference)
    seen_by_both = OutboundMessage.objects.get(pk=message.pk)
    count = OutboundMessage.objects.count()
    mark_message_handled(actor=organisation_admin_a, message=message, organisation_id=organisation_a.pk, page="/t")

    with pytest.raises(MessageAlreadyHandledError):
        resend_message(actor=supervisor_a, message=seen_by_both, organisation_id=organisation_a.pk, page="/t")

    assert OutboundMessage.objects.count() == count
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [AuditAction.RESOLVED_MESSAGE]


@pytest.mark.parametrize("action", ["resend", "handled"])
def test_another_organisations_message_is_a_404_and_stays_untouched(
    staff_client: StaffClient, organisation_a: Organisation, organisation_b: Organisation, action: str
) -> None:
    message = stuck_message(make_request(organisation_a).reference)
    supervisor_b = make_staff("supervisor-b", organisation_b, Role.SUPERVISOR)
    count = OutboundMessage.objects.count()

    response = staff_client(supervisor_b).post(f"/staff/messages/{message.pk}/{action}")

    assert response.status_code == 404
    message.refresh_from_db()
    assert message.handled_at is None
    assert OutboundMessage.objects.count() == count
    assert AuditEvent.objects.count() == 0


def test_a_message_erased_or_about_an_erased_or_unknown_request_is_a_404(
    staff_client: StaffClient, supervisor_a: User, organisation_a: Organisation
) -> None:
    erased_request = make_request(organisation_a)
    erased = stuck_message(erased_request.reference)
    ContactRequest.objects.filter(pk=erased_request.pk).update(status=RequestStatus.ERASED)
    live_request = make_request(organisation_a)
    purged = stuck_message(live_request.reference)
    OutboundMessage.objects.filter(pk=purged.pk).update(purged_at=timezone.now(), body="", recipient="")
    orphan = stuck_message("")
    unknown = stuck_message("ZZZZ-9999")

    client = staff_client(supervisor_a)

    assert erased_request.reference not in client.get("/staff/messages").content.decode()
    assert client.post(f"/staff/messages/{erased.pk}/resend").status_code == 404
    assert f"/staff/messages/{purged.pk}/resend" not in client.get("/staff/messages").content.decode()
    assert client.post(f"/staff/messages/{purged.pk}/resend").status_code == 404
    assert client.post(f"/staff/messages/{orphan.pk}/resend").status_code == 404
    assert client.post(f"/staff/messages/{unknown.pk}/resend").status_code == 404
    assert client.post("/staff/messages/999999/resend").status_code == 404
    assert OutboundMessage.objects.filter(handled_at__isnull=False).count() == 0


def test_a_handled_message_no_longer_counts_as_uncertain_for_the_worker_log(
    supervisor_a: User, organisation_a: Organisation
) -> None:
    message = stuck_message(make_request(organisation_a).reference)
    assert count_uncertain_messages() == 1

    mark_message_handled(actor=supervisor_a, message=message, organisation_id=organisation_a.pk, page="/t")

    assert count_uncertain_messages() == 0
