from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditAction, AuditEvent
from waypost.intake.choices import Status
from waypost.intake.models import ContactRequest
from waypost.triage.models import Activity

pytestmark = pytest.mark.django_db
StaffClient = Callable[[User], Client]


def test_queue_puts_red_flags_first_then_the_longest_waiting(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    start = datetime.datetime(2026, 11, 21, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        oldest = make_request(organisation_a)
    with time_machine.travel(start + datetime.timedelta(minutes=10), tick=False):
        newer = make_request(organisation_a)
    with time_machine.travel(start + datetime.timedelta(minutes=20), tick=False):
        flagged = make_request(
            organisation_a, selfcheck_summary=[{"questionnaire": "safety", "band": None, "flags": ["danger-now"]}]
        )
    with time_machine.travel(start + datetime.timedelta(minutes=75), tick=False):
        html = staff_client(triage_worker_a).get("/staff/").content.decode()

    positions = [html.index(request.reference) for request in (flagged, oldest, newer)]
    assert positions == sorted(positions)
    assert "Red flag" in html
    assert html.count('<strong class="tag tag--red">Overdue</strong>') == 2


@pytest.mark.parametrize("page", ["0", "-1", "two", "²", "", "9" * 25])
def test_queue_treats_a_page_number_it_cannot_use_as_the_first_page(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation, page: str
) -> None:
    request = make_request(organisation_a)

    response = staff_client(triage_worker_a).get("/staff/", {"page": page})

    assert response.status_code == 200
    assert request.reference in response.content.decode()
    assert "Previous page" not in response.content.decode()


def test_queue_filters_by_status_and_owner(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    mine, other = make_request(organisation_a), make_request(organisation_a)
    ContactRequest.objects.filter(pk=mine.pk).update(assigned_to=triage_worker_a)
    client = staff_client(triage_worker_a)

    owned = client.get("/staff/", {"owner": "mine"}).content.decode()
    attempted = client.get("/staff/", {"status": "contact-attempted"}).content.decode()

    assert mine.reference in owned
    assert other.reference not in owned
    assert "No requests match." in attempted


def test_detail_shows_safe_contact_instructions_prominently_and_is_audited(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)

    html = staff_client(triage_worker_a).get(f"/staff/requests/{request.reference}").content.decode()

    assert "How to contact them safely" in html
    assert "<strong>Partner checks the phone</strong>" in html
    assert "No: do not leave a message or say who we are" in html
    assert "+447911123456" not in html
    assert AuditEvent.objects.filter(action=AuditAction.VIEWED_REQUEST, request_reference=request.reference).exists()


def test_viewing_contact_details_is_an_audited_action(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)

    html = staff_client(triage_worker_a).get(f"/staff/requests/{request.reference}/contact-details").content.decode()

    event = AuditEvent.objects.get(action=AuditAction.VIEWED_CONTACT_DETAILS)
    assert "+447911123456" in html
    assert (event.actor, event.request_reference, event.page) == (
        triage_worker_a,
        request.reference,
        f"/staff/requests/{request.reference}/contact-details",
    )


def test_claim_log_attempt_and_close(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)
    client = staff_client(triage_worker_a)
    base = f"/staff/requests/{request.reference}"

    client.post(f"{base}/claim")
    client.post(f"{base}/attempts", {"channel": "call", "result": "no-answer", "version": 1})
    client.post(f"{base}/notes", {"text": "Will try again at 6pm"})
    response = client.post(f"{base}/close", {"outcome": "could-not-reach", "version": 2})

    request.refresh_from_db()
    assert response["Location"] == f"{base}?notice=closed"
    assert (request.assigned_to, request.status, request.outcome) == (triage_worker_a, Status.CLOSED, "could-not-reach")
    assert request.first_contact_at is not None
    assert list(Activity.objects.values_list("kind", flat=True)) == [
        "claimed",
        "contact-attempt",
        "note",
        "closed",
    ]
    assert Activity.objects.get(kind="note").note == "Will try again at 6pm"
    assert Activity.objects.get(kind="closed").note == "Could not reach"


def test_second_person_to_claim_is_told_plainly(
    staff_client: StaffClient, triage_worker_a: User, supervisor_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)
    staff_client(triage_worker_a).post(f"/staff/requests/{request.reference}/claim")

    response = staff_client(supervisor_a).post(f"/staff/requests/{request.reference}/claim", follow=True)

    assert "Someone else has already taken this request." in response.content.decode()
    assert ContactRequest.objects.get(pk=request.pk).assigned_to == triage_worker_a


def test_stale_form_is_a_conflict_not_a_silent_overwrite(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)
    client = staff_client(triage_worker_a)
    client.post(f"/staff/requests/{request.reference}/status", {"status": "in-conversation", "version": 0})

    response = client.post(
        f"/staff/requests/{request.reference}/status", {"status": "assessed", "version": 0}, follow=True
    )

    assert "Someone else changed this request while you were looking at it." in response.content.decode()
    assert ContactRequest.objects.get(pk=request.pk).status == Status.IN_CONVERSATION


def test_missing_choices_show_the_error_summary(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)

    response = staff_client(triage_worker_a).post(f"/staff/requests/{request.reference}/attempts", {"version": 0})

    assert response.status_code == 400
    assert "Select how you tried to contact them" in response.content.decode()
    assert ContactRequest.objects.get(pk=request.pk).version == 0
    assert not Activity.objects.exists()


def test_only_supervisors_can_reassign(
    staff_client: StaffClient,
    triage_worker_a: User,
    supervisor_a: User,
    clinician_a: User,
    organisation_a: Organisation,
) -> None:
    request = make_request(organisation_a)
    data = {"assignee": clinician_a.pk, "version": 0}

    refused = staff_client(triage_worker_a).post(f"/staff/requests/{request.reference}/reassign", data)
    accepted = staff_client(supervisor_a).post(f"/staff/requests/{request.reference}/reassign", data)

    assert refused.status_code == 403
    assert accepted.status_code == 302
    assert ContactRequest.objects.get(pk=request.pk).assigned_to == clinician_a
    assert Activity.objects.get(kind="reassigned").note == "to clinician-a"
    event = AuditEvent.objects.get(action=AuditAction.REASSIGNED)
    assert (event.actor, event.organisation, event.request_reference, event.detail) == (
        supervisor_a,
        organisation_a,
        request.reference,
        "to clinician-a",
    )


def test_duplicates_found_by_the_blind_index_can_be_merged(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    first, second = make_request(organisation_a), make_request(organisation_a)
    client = staff_client(triage_worker_a)

    detail = client.get(f"/staff/requests/{first.reference}").content.decode()
    client.post(f"/staff/requests/{first.reference}/merge", {"duplicate": second.reference})

    second.refresh_from_db()
    assert f"Merge {second.reference} into this request" in detail
    assert (second.status, second.outcome, second.duplicate_of) == (Status.CLOSED, "duplicate", first)


def test_organisation_admin_can_erase_and_others_cannot(
    staff_client: StaffClient, triage_worker_a: User, organisation_admin_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)

    refused = staff_client(triage_worker_a).post(f"/staff/requests/{request.reference}/erase")
    staff_client(organisation_admin_a).post(f"/staff/requests/{request.reference}/erase")

    request.refresh_from_db()
    assert refused.status_code == 403
    assert (request.status, request.phone, request.help_with) == (Status.ERASED, None, None)
    assert AuditEvent.objects.filter(action=AuditAction.ERASED, request_reference=request.reference).count() == 1


def test_supervisor_dashboard_shows_counts_overdue_and_times(
    staff_client: StaffClient, supervisor_a: User, organisation_a: Organisation
) -> None:
    start = datetime.datetime(2026, 11, 21, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        contacted, waiting = make_request(organisation_a), make_request(organisation_a)
    ContactRequest.objects.filter(pk=contacted.pk).update(first_contact_at=start + datetime.timedelta(minutes=30))
    with time_machine.travel(start + datetime.timedelta(hours=2), tick=False):
        html = staff_client(supervisor_a).get("/staff/dashboard").content.decode()

    assert "<svg" in html
    assert '<span class="counts__number">1</span> overdue for first contact' in html
    assert '<span class="counts__number">30 min</span> median time to first contact' in html
    # Both are still new (a first contact does not change the status); the chart says so in words
    assert "New: 2. Contact attempted: 0." in html
    assert waiting.status == contacted.status == Status.NEW


def test_dashboard_and_audit_are_for_supervisors_only(staff_client: StaffClient, triage_worker_a: User) -> None:
    client = staff_client(triage_worker_a)

    assert client.get("/staff/dashboard").status_code == 403
    assert client.get("/staff/audit").status_code == 403
    assert client.get("/staff/audit.csv").status_code == 403


def test_audit_log_exports_as_csv_and_records_the_export(
    staff_client: StaffClient, supervisor_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)
    client = staff_client(supervisor_a)
    client.get(f"/staff/requests/{request.reference}")

    response = client.get("/staff/audit.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["time", "who", "action", "request", "page", "detail"]
    assert [row[2:4] for row in rows[1:]] == [["viewed-request", request.reference]]
    export = AuditEvent.objects.get(action=AuditAction.EXPORTED_AUDIT)
    assert (export.actor, export.organisation, export.request_reference, export.page) == (
        supervisor_a,
        organisation_a,
        "",
        "/staff/audit.csv",
    )


def test_staff_pages_need_a_signed_in_staff_member(member_of_the_public: Client, organisation_a: Organisation) -> None:
    request = make_request(organisation_a)

    for url in ("/staff/", f"/staff/requests/{request.reference}", "/staff/dashboard"):
        response = member_of_the_public.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_organisation_admin_applies_retention_to_their_organisation_only(
    staff_client: StaffClient,
    organisation_admin_a: User,
    supervisor_a: User,
    organisation_a: Organisation,
    organisation_b: Organisation,
) -> None:
    long_ago = timezone.now() - datetime.timedelta(days=400)
    old_a, old_b, recent_a = make_request(organisation_a), make_request(organisation_b), make_request(organisation_a)
    ContactRequest.objects.filter(pk__in=[old_a.pk, old_b.pk]).update(status=Status.CLOSED, closed_at=long_ago)
    ContactRequest.objects.filter(pk=recent_a.pk).update(status=Status.CLOSED, closed_at=timezone.now())

    refused = staff_client(supervisor_a).post("/staff/retention")
    response = staff_client(organisation_admin_a).post("/staff/retention", follow=True)

    assert refused.status_code == 403
    assert "1 closed requests were deleted." in response.content.decode()
    assert set(ContactRequest.objects.values_list("pk", flat=True)) == {old_b.pk, recent_a.pk}
    event = AuditEvent.objects.get(action=AuditAction.APPLIED_RETENTION)
    assert (event.actor, event.organisation, event.detail) == (
        organisation_admin_a,
        organisation_a,
        "1 closed requests deleted",
    )
