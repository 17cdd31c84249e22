"""A day's casework in the console: find any request, plan the day with follow-ups, close deliberately (issue 14)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.test import Client

from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditAction, AuditEvent
from waypost.intake.choices import Outcome, Status
from waypost.intake.models import ContactRequest
from waypost.triage import services
from waypost.triage.models import Activity, ActivityKind
from waypost.triage.queue import PAGE_SIZE

pytestmark = pytest.mark.django_db
StaffClient = Callable[[User], Client]
START = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)  # a Monday
SELF_HARM = [{"questionnaire": "phq-9", "band": "moderate", "flags": ["self-harm-thoughts"]}]


def close(contact_request: ContactRequest, outcome: Outcome = Outcome.DECLINED, **changes: Any) -> None:
    ContactRequest.objects.filter(pk=contact_request.pk).update(
        status=Status.CLOSED, outcome=outcome, closed_at=START, **changes
    )


def queue_html(client: Client, **params: str) -> str:
    response = client.get("/staff/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_search_by_reference_finds_a_closed_request_the_open_queue_hides(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    closed, still_open = make_request(organisation_a), make_request(organisation_a)
    close(closed)
    client = staff_client(triage_worker_a)

    default = queue_html(client)
    by_reference = queue_html(client, q=closed.reference.lower())
    by_part = queue_html(client, q=closed.reference[:4])

    assert closed.reference not in default
    assert still_open.reference in default
    assert closed.reference in by_reference
    assert still_open.reference not in by_reference
    assert "None: closed (Declined)" in by_reference
    assert closed.reference in by_part


def test_status_closed_lists_only_closed_requests_and_the_filter_offers_it(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    closed, still_open = make_request(organisation_a), make_request(organisation_a)
    close(closed)

    html = queue_html(staff_client(triage_worker_a), status="closed")

    assert closed.reference in html
    assert still_open.reference not in html
    assert '<option value="closed" selected>Closed</option>' in html


def test_filters_by_outcome_owner_red_flag_overdue_and_date_received(
    staff_client: StaffClient, triage_worker_a: User, supervisor_a: User, organisation_a: Organisation
) -> None:
    with time_machine.travel(START, tick=False):
        early = make_request(organisation_a, selfcheck_summary=SELF_HARM)
    with time_machine.travel(START + datetime.timedelta(days=2), tick=False):
        later = make_request(organisation_a)
        referred = make_request(organisation_a)
    close(referred, Outcome.REFERRED_ELSEWHERE)
    ContactRequest.objects.filter(pk=later.pk).update(assigned_to=supervisor_a)

    with time_machine.travel(START + datetime.timedelta(days=2, minutes=30), tick=False):
        client = staff_client(triage_worker_a)
        red_flagged = queue_html(client, red_flag="1")
        overdue = queue_html(client, overdue="1")
        owned = queue_html(client, owner=str(supervisor_a.pk))
        nobody = queue_html(client, owner="none")
        received = queue_html(client, **{"from": "2026-11-25", "to": "2026-11-25"})
        outcome = queue_html(client, status="closed", outcome="referred-elsewhere")
        no_outcome_match = queue_html(client, status="closed", outcome="declined")

    assert (early.reference in red_flagged, later.reference in red_flagged) == (True, False)
    assert (early.reference in overdue, later.reference in overdue) == (True, False)
    assert (early.reference in owned, later.reference in owned) == (False, True)
    assert (early.reference in nobody, later.reference in nobody) == (True, False)
    assert (early.reference in received, later.reference in received) == (False, True)
    assert referred.reference in outcome
    assert referred.reference not in no_outcome_match


def test_next_page_link_keeps_every_filter(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    first = make_request(organisation_a, selfcheck_summary=SELF_HARM)
    ContactRequest.objects.bulk_create(
        ContactRequest(
            reference=f"PAGE-{number:04d}",
            created_at=START,
            source="web",
            organisation=organisation_a,
            has_red_flag=True,
        )
        for number in range(PAGE_SIZE)
    )

    html = queue_html(staff_client(triage_worker_a), red_flag="1", owner="none", **{"from": "2026-11-01"})

    assert 'href="?owner=none&amp;red_flag=1&amp;from=2026-11-01&amp;page=2">Next page</a>' in html
    second = queue_html(staff_client(triage_worker_a), red_flag="1", owner="none", page="2", **{"from": "2026-11-01"})
    assert first.reference in second
    assert "Previous page" in second


def test_queue_row_shows_next_action_contact_window_owner_and_waiting_against_the_target(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    with time_machine.travel(START, tick=False):
        contact_request = make_request(
            organisation_a,
            contact_methods=["text"],
            phone="07911 123456",
            best_times=["weekday-evening"],
            selfcheck_summary=SELF_HARM,
        )
    ContactRequest.objects.filter(pk=contact_request.pk).update(assigned_to=triage_worker_a)

    with time_machine.travel(START + datetime.timedelta(minutes=90), tick=False):
        html = queue_html(staff_client(triage_worker_a))

    assert (
        '<td><strong class="tag tag--red">Red flag</strong> Said they have thoughts of harming themselves</td>' in html
    )
    assert 'Make first contact<br><strong class="tag tag--red">Due</strong> Mon 23 Nov 10:00' in html
    assert "<td>text, weekday evenings</td>" in html
    assert "<td>triage-worker-a</td>" in html
    assert '<td>1 h 30 min (target 1 h) <strong class="tag tag--red">Overdue</strong></td>' in html


def test_queue_page_runs_a_fixed_number_of_queries_however_many_rows(
    staff_client: StaffClient,
    triage_worker_a: User,
    organisation_a: Organisation,
    django_assert_max_num_queries: Any,
) -> None:
    for _ in range(3):
        make_request(organisation_a, selfcheck_summary=SELF_HARM)
    ContactRequest.objects.update(assigned_to=triage_worker_a)
    ContactRequest.objects.bulk_create(
        ContactRequest(
            reference=f"BULK-{number:04d}",
            created_at=START,
            source="web",
            organisation=organisation_a,
            assigned_to=triage_worker_a,
            follow_up_at=START,
        )
        for number in range(PAGE_SIZE)
    )
    client = staff_client(triage_worker_a)

    # Session, user and memberships, the page of rows, the counts, the owner list: never one per row
    with django_assert_max_num_queries(8):
        html = queue_html(client)

    assert html.count('href="/staff/requests/') == PAGE_SIZE


def follow_up(client: Client, contact_request: ContactRequest, **fields: str) -> Any:
    data = {"day": "2026-11-24", "time": "18:00", "note": "Call again after 6 pm", "version": "0", **fields}
    return client.post(f"/staff/requests/{contact_request.reference}/follow-up", data)


def test_follow_up_is_saved_audited_and_in_the_timeline(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    contact_request = make_request(organisation_a)

    with time_machine.travel(START, tick=False):
        client = staff_client(triage_worker_a)
        response = follow_up(client, contact_request)

    contact_request.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/requests/{contact_request.reference}?notice=follow-up"
    # 18:00 in London in November is 18:00 UTC
    assert contact_request.follow_up_at == datetime.datetime(2026, 11, 24, 18, 0, tzinfo=datetime.UTC)
    assert contact_request.follow_up_note == "Call again after 6 pm"
    assert contact_request.version == 1
    event = AuditEvent.objects.get(action=AuditAction.SET_FOLLOW_UP)
    assert (event.actor, event.request_reference, event.detail) == (
        triage_worker_a,
        contact_request.reference,
        "2026-11-24T18:00Z",
    )
    activity = Activity.objects.get(kind=ActivityKind.FOLLOW_UP)
    assert activity.note == "Tue 24 Nov 2026 18:00: Call again after 6 pm"
    page = staff_client(triage_worker_a).get(f"/staff/requests/{contact_request.reference}").content.decode()
    assert "Set a follow-up: Tue 24 Nov 2026 18:00: Call again after 6 pm" in page


def test_a_due_follow_up_comes_back_to_the_top_of_the_queue_and_an_attempt_clears_it(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    with time_machine.travel(START, tick=False):
        quiet = make_request(organisation_a)
    with time_machine.travel(START + datetime.timedelta(minutes=5), tick=False):
        flagged = make_request(organisation_a, selfcheck_summary=SELF_HARM)
    with time_machine.travel(START, tick=False):
        follow_up(staff_client(triage_worker_a), quiet)

    with time_machine.travel(datetime.datetime(2026, 11, 24, 17, 0, tzinfo=datetime.UTC), tick=False):
        before = queue_html(staff_client(triage_worker_a))
    with time_machine.travel(datetime.datetime(2026, 11, 24, 18, 5, tzinfo=datetime.UTC), tick=False):
        client = staff_client(triage_worker_a)
        due = queue_html(client)
        client.post(
            f"/staff/requests/{quiet.reference}/attempts", {"channel": "call", "result": "spoke", "version": "1"}
        )
        after = queue_html(client)

    assert before.index(flagged.reference) < before.index(quiet.reference)
    assert due.index(quiet.reference) < due.index(flagged.reference)
    assert 'Follow up<br><strong class="tag tag--red">Due</strong> Tue 24 Nov 18:00' in due
    assert after.index(flagged.reference) < after.index(quiet.reference)
    assert ContactRequest.objects.get(pk=quiet.pk).follow_up_at is None


def test_follow_up_without_a_real_date_is_refused_with_the_error_and_nothing_changes(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    contact_request = make_request(organisation_a)

    response = follow_up(staff_client(triage_worker_a), contact_request, day="2026-02-30", time="")

    assert response.status_code == 400
    assert "Enter a real date, like 2026-12-01" in response.content.decode()
    assert "Enter the time to follow up" in response.content.decode()
    assert ContactRequest.objects.get(pk=contact_request.pk).follow_up_at is None
    assert not AuditEvent.objects.filter(action=AuditAction.SET_FOLLOW_UP).exists()


def test_a_closed_request_cannot_be_given_a_follow_up(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    contact_request = make_request(organisation_a)
    close(contact_request)

    response = follow_up(staff_client(triage_worker_a), contact_request)

    assert response["Location"] == f"/staff/requests/{contact_request.reference}?notice=conflict"
    assert ContactRequest.objects.get(pk=contact_request.pk).follow_up_at is None


def test_closing_a_red_flagged_request_needs_a_note_a_destination_and_confirmation(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    contact_request = make_request(organisation_a, selfcheck_summary=SELF_HARM)

    response = staff_client(triage_worker_a).post(
        f"/staff/requests/{contact_request.reference}/close", {"outcome": "referred-elsewhere", "version": "0"}
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter a closing note saying what was done about the red flags" in html
    assert "Enter where they were referred or admitted" in html
    assert "Confirm that you want to close a red-flagged request" in html
    assert ContactRequest.objects.get(pk=contact_request.pk).status == Status.NEW
    assert not AuditEvent.objects.filter(action=AuditAction.CLOSED).exists()


def test_closing_a_red_flagged_request_deliberately_records_the_outcome_in_the_timeline(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    contact_request = make_request(organisation_a, selfcheck_summary=SELF_HARM)
    client = staff_client(triage_worker_a)

    response = client.post(
        f"/staff/requests/{contact_request.reference}/close",
        {
            "outcome": "referred-elsewhere",
            "destination": "Bristol Drugs Project",
            "note": "Crisis line given; safety plan agreed",
            "confirm": "on",
            "version": "0",
        },
    )

    contact_request.refresh_from_db()
    assert response["Location"] == f"/staff/requests/{contact_request.reference}?notice=closed"
    assert (contact_request.status, contact_request.outcome) == (Status.CLOSED, Outcome.REFERRED_ELSEWHERE)
    activity = Activity.objects.get(kind=ActivityKind.CLOSED)
    assert activity.note == "Referred elsewhere: to Bristol Drugs Project. Crisis line given; safety plan agreed"
    assert (activity.status_from, activity.status_to) == (Status.NEW, Status.CLOSED)
    assert AuditEvent.objects.get(action=AuditAction.CLOSED).detail == "referred-elsewhere"
    page = client.get(f"/staff/requests/{contact_request.reference}").content.decode()
    assert "Closed the request: Referred elsewhere: to Bristol Drugs Project." in page


def test_request_page_shows_the_risk_summary_in_plain_words_never_the_codes(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    contact_request = make_request(
        organisation_a,
        selfcheck_summary=[
            {"questionnaire": "ketamine-use-signs", "band": "several", "flags": []},
            {"questionnaire": "phq-9", "band": "moderate", "flags": ["self-harm-thoughts"]},
        ],
    )

    html = staff_client(triage_worker_a).get(f"/staff/requests/{contact_request.reference}").content.decode()

    sent = f"{contact_request.created_at:%d %b %Y}"
    assert (
        "<strong>Red flag: said they have thoughts of harming themselves</strong> "
        f'<span class="hint">(Patient Health Questionnaire (PHQ-9), {sent})</span>'
    ) in html
    assert "Said they noticed several signs (4 or 5) that ketamine may be causing problems." in html
    assert "self-harm-thoughts" not in html
    assert "no red flags" not in html
    assert html.index("Red flag: said") < html.index("Said they noticed several")
    assert '<div class="staff-columns"><div class="staff-columns__side">' in html
    assert '<h2 id="referrals-heading">Referrals</h2>' in html


def test_the_close_service_itself_refuses_a_red_flagged_close_without_note_or_destination(
    triage_worker_a: User, organisation_a: Organisation
) -> None:
    contact_request = make_request(organisation_a, selfcheck_summary=SELF_HARM)

    with pytest.raises(services.CloseRefused, match="only with a note"):
        services.close_request(
            actor=triage_worker_a, contact_request=contact_request, outcome=Outcome.DECLINED, version=0, page="/"
        )
    with pytest.raises(services.CloseRefused, match="Say where"):
        services.close_request(
            actor=triage_worker_a,
            contact_request=contact_request,
            outcome=Outcome.ADMITTED,
            version=0,
            page="/",
            note="Safety plan agreed",
        )

    assert ContactRequest.objects.get(pk=contact_request.pk).status == Status.NEW
    assert not Activity.objects.exists()
