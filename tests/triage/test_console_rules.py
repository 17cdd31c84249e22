"""Console rules staff cannot get round by posting a form by hand: merges, releases, dashboard scope, CSV export."""

from __future__ import annotations

import csv
import datetime
import io
import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from tests.triage.factories import make_request
from waypost.accounts.models import Membership, Organisation, Role, User
from waypost.core.audit import AuditAction, AuditEvent
from waypost.intake.choices import Outcome, Status
from waypost.intake.models import ContactRequest
from waypost.triage import services
from waypost.triage.audit_export import spreadsheet_safe
from waypost.triage.dashboard import build_dashboard

pytestmark = pytest.mark.django_db
StaffClient = Callable[[User], Client]


def merge(actor: User, keep: ContactRequest, duplicate: ContactRequest) -> None:
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    services.merge_duplicate(actor=actor, keep=keep, duplicate=duplicate, page="/test")


def test_merging_back_into_a_merged_request_is_refused_and_the_person_stays_in_the_queue(
    organisation_a: Organisation, triage_worker_a: User
) -> None:
    first, second = make_request(organisation_a), make_request(organisation_a)
    merge(triage_worker_a, keep=second, duplicate=first)

    with pytest.raises(services.MergeRefused):
        merge(triage_worker_a, keep=first, duplicate=second)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.duplicate_of) == (Status.CLOSED, second)
    assert (second.status, second.duplicate_of) == (Status.NEW, None)


def test_a_closed_request_cannot_be_merged_or_merged_into(organisation_a: Organisation, triage_worker_a: User) -> None:
    closed, open_request = make_request(organisation_a), make_request(organisation_a)
    ContactRequest.objects.filter(pk=closed.pk).update(status=Status.CLOSED, outcome=Outcome.DECLINED)

    with pytest.raises(services.MergeRefused):
        merge(triage_worker_a, keep=closed, duplicate=open_request)
    with pytest.raises(services.MergeRefused):
        merge(triage_worker_a, keep=open_request, duplicate=closed)

    assert ContactRequest.objects.get(pk=open_request.pk).status == Status.NEW
    assert ContactRequest.objects.get(pk=closed.pk).outcome == Outcome.DECLINED


def test_a_merge_that_would_make_a_loop_is_refused_even_if_a_merged_request_was_reopened(
    organisation_a: Organisation, triage_worker_a: User
) -> None:
    first, second = make_request(organisation_a), make_request(organisation_a)
    merge(triage_worker_a, keep=second, duplicate=first)
    # Reopened by hand after the merge: it still points at `second`
    ContactRequest.objects.filter(pk=first.pk).update(status=Status.NEW, outcome="", closed_at=None)

    with pytest.raises(services.MergeRefused):
        merge(triage_worker_a, keep=first, duplicate=second)

    assert ContactRequest.objects.get(pk=second.pk).status == Status.NEW


def test_merging_back_through_the_console_is_refused_with_a_plain_notice(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    first, second = make_request(organisation_a), make_request(organisation_a)
    client = staff_client(triage_worker_a)
    client.post(f"/staff/requests/{second.reference}/merge", {"duplicate": first.reference})

    response = client.post(f"/staff/requests/{first.reference}/merge", {"duplicate": second.reference}, follow=True)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Only an open request can be merged, and only into another open request" in html
    assert ContactRequest.objects.get(pk=second.pk).status == Status.NEW
    assert AuditEvent.objects.filter(action=AuditAction.MERGED).count() == 1


def test_request_pages_show_the_merge_chain(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    kept, first, second = (make_request(organisation_a) for _ in range(3))
    merge(triage_worker_a, keep=kept, duplicate=first)
    merge(triage_worker_a, keep=kept, duplicate=second)
    client = staff_client(triage_worker_a)

    kept_page = client.get(f"/staff/requests/{kept.reference}").content.decode()
    first_page = client.get(f"/staff/requests/{first.reference}").content.decode()

    assert f"Merged from {link(first)}, {link(second)}." in kept_page
    assert f"Merged into {link(kept)}." in first_page


def link(request: ContactRequest) -> str:
    return f'<a href="/staff/requests/{request.reference}">{request.reference}</a>'


def test_only_the_holder_or_a_supervisor_may_release_a_claim(
    organisation_a: Organisation, triage_worker_a: User, clinician_a: User, supervisor_a: User
) -> None:
    request = make_request(organisation_a)
    services.claim_request(actor=triage_worker_a, contact_request=request, page="/test")

    with pytest.raises(PermissionDenied):
        services.release_request(actor=clinician_a, contact_request=request, version=request.version, page="/test")
    assert ContactRequest.objects.get(pk=request.pk).assigned_to == triage_worker_a

    services.release_request(actor=supervisor_a, contact_request=request, version=request.version, page="/test")
    assert ContactRequest.objects.get(pk=request.pk).assigned_to is None


def test_the_holder_may_release_their_own_claim(organisation_a: Organisation, triage_worker_a: User) -> None:
    request = make_request(organisation_a)
    services.claim_request(actor=triage_worker_a, contact_request=request, page="/test")

    services.release_request(actor=triage_worker_a, contact_request=request, version=request.version, page="/test")

    assert ContactRequest.objects.get(pk=request.pk).assigned_to is None


def test_releasing_someone_elses_claim_through_the_console_is_forbidden(
    staff_client: StaffClient, triage_worker_a: User, clinician_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)
    services.claim_request(actor=triage_worker_a, contact_request=request, page="/test")

    response = staff_client(clinician_a).post(
        f"/staff/requests/{request.reference}/release", {"version": request.version}
    )

    assert response.status_code == 403
    assert "Only the person who took this request, or a supervisor, can release it." in response.content.decode()
    assert ContactRequest.objects.get(pk=request.pk).assigned_to == triage_worker_a
    assert not AuditEvent.objects.filter(action=AuditAction.RELEASED).exists()


def test_a_supervisor_sees_the_release_button_on_someone_elses_claim(
    staff_client: StaffClient, triage_worker_a: User, supervisor_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)
    services.claim_request(actor=triage_worker_a, contact_request=request, page="/test")

    html = staff_client(supervisor_a).get(f"/staff/requests/{request.reference}").content.decode()

    assert f'action="/staff/requests/{request.reference}/release"' in html


def test_dashboard_counts_only_the_organisation_it_shows(
    staff_client: StaffClient, supervisor_a: User, organisation_a: Organisation, organisation_b: Organisation
) -> None:
    Membership.objects.create(user=supervisor_a, organisation=organisation_b, role=Role.SUPERVISOR)
    long_ago = timezone.now() - datetime.timedelta(days=2)
    in_a = make_request(organisation_a)
    in_b = [make_request(organisation_b) for _ in range(3)]
    ContactRequest.objects.filter(pk__in=[in_a.pk, *(request.pk for request in in_b)]).update(created_at=long_ago)
    client = staff_client(supervisor_a)

    page_a = client.get("/staff/dashboard?organisation=organisation-a").content.decode()
    page_b = client.get("/staff/dashboard?organisation=organisation-b").content.decode()

    assert '<span class="counts__number">1</span> overdue for first contact' in page_a
    assert '<span class="counts__number">3</span> overdue for first contact' in page_b
    assert "New: 1. " in page_a
    assert "New: 3. " in page_b
    figures_b = build_dashboard(supervisor_a, organisation_b, timezone.now())
    assert (figures_b.counts["new"], figures_b.overdue) == (3, 3)


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("supervisor-a", "supervisor-a"),
        ("to =clinician", "to =clinician"),
        ("", ""),
    ],
    ids=["equals", "plus", "minus", "at", "tab", "carriage-return", "plain", "equals-inside", "empty"],
)
def test_spreadsheet_formulas_are_written_as_text(cell: str, written: str) -> None:
    assert spreadsheet_safe(cell) == written


def test_audit_csv_neutralises_formula_cells(
    staff_client: StaffClient, supervisor_a: User, organisation_a: Organisation
) -> None:
    AuditEvent.objects.create(
        at=timezone.now(),
        actor=None,
        actor_name="=cmd|'/c calc'!A1",
        organisation=organisation_a,
        action=AuditAction.REASSIGNED,
        request_reference="ABCD-2345",
        page="@SUM(1+1)",
        detail="+to someone",
    )

    response = staff_client(supervisor_a).get("/staff/audit.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][1:] == ["'=cmd|'/c calc'!A1", "reassigned", "ABCD-2345", "'@SUM(1+1)", "'+to someone"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent transactions need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_merging_two_requests_into_each_other_at_the_same_moment_merges_only_one_way(
    organisation_a: Organisation, triage_worker_a: User, supervisor_a: User
) -> None:
    first, second = make_request(organisation_a), make_request(organisation_a)
    start = threading.Barrier(2)
    outcomes: list[str] = []
    lock = threading.Lock()

    def merge_at_once(actor: User, keep: ContactRequest, duplicate: ContactRequest) -> None:
        start.wait()
        try:
            services.merge_duplicate(actor=actor, keep=keep, duplicate=duplicate, page="/test")
            result = "merged"
        except services.MergeRefused:
            result = "refused"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [
        threading.Thread(target=merge_at_once, args=(triage_worker_a, first, second)),
        threading.Thread(target=merge_at_once, args=(supervisor_a, second, first)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["merged", "refused"]
    statuses = sorted(ContactRequest.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True))
    assert statuses == [Status.CLOSED, Status.NEW]
