"""The supervisor dashboard: red flags and overdue now, workload per person, outcomes over a chosen period."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, User
from waypost.intake.choices import Outcome, Status
from waypost.intake.models import ContactRequest
from waypost.notifications.models import Channel, OutboundMessage
from waypost.notifications.models import Status as MessageStatus
from waypost.triage.dashboard import build_dashboard, period_from

pytestmark = pytest.mark.django_db
StaffClient = Callable[[User], Client]


def test_the_dashboard_counts_red_flags_overdue_and_each_persons_open_requests(
    staff_client: StaffClient,
    supervisor_a: User,
    triage_worker_a: User,
    organisation_a: Organisation,
    organisation_b: Organisation,
) -> None:
    User.objects.filter(pk=triage_worker_a.pk).update(first_name="Ada", last_name="Okafor")
    long_ago = timezone.now() - datetime.timedelta(days=2)
    flagged, overdue, fresh = (make_request(organisation_a) for _ in range(3))
    make_request(organisation_b)
    ContactRequest.objects.filter(pk=flagged.pk).update(has_red_flag=True, assigned_to=triage_worker_a)
    ContactRequest.objects.filter(pk=overdue.pk).update(created_at=long_ago, assigned_to=triage_worker_a)
    ContactRequest.objects.filter(organisation=organisation_b).update(has_red_flag=True, created_at=long_ago)

    response = staff_client(supervisor_a).get("/staff/dashboard")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<span class="counts__number">1</span> open with a red flag' in html
    assert '<span class="counts__number">1</span> overdue for first contact' in html
    assert "<tr><td>Ada Okafor</td><td>2</td><td>1</td><td>1</td></tr>" in html
    assert "<tr><td>Not taken</td><td>1</td><td>0</td><td>0</td></tr>" in html
    assert fresh.reference not in html


def test_the_dashboard_draws_open_statuses_once(staff_client: StaffClient, supervisor_a: User) -> None:
    html = staff_client(supervisor_a).get("/staff/dashboard").content.decode()

    assert html.count("<svg") == 1
    assert "<td>New</td>" not in html


def test_outcomes_count_requests_closed_in_the_chosen_period_only(
    staff_client: StaffClient, supervisor_a: User, organisation_a: Organisation
) -> None:
    now = timezone.now()
    for days_ago, outcome in ((1, Outcome.ADMITTED), (2, Outcome.ADMITTED), (20, Outcome.DECLINED)):
        request = make_request(organisation_a)
        ContactRequest.objects.filter(pk=request.pk).update(
            status=Status.CLOSED, outcome=outcome, closed_at=now - datetime.timedelta(days=days_ago)
        )
    client = staff_client(supervisor_a)

    week = client.get("/staff/dashboard?days=7").content.decode()
    month = client.get("/staff/dashboard?days=30").content.decode()

    assert "<tr><td>Admitted to a service</td><td>2</td></tr>" in week
    assert "<tr><td>Declined</td><td>0</td></tr>" in week
    assert "by outcome (2 in all)" in week
    assert '<option value="7" selected>Last 7 days</option>' in week
    assert "<tr><td>Declined</td><td>1</td></tr>" in month
    assert "by outcome (3 in all)" in month
    figures = build_dashboard(supervisor_a, organisation_a, now, 7)
    assert dict(figures.outcomes)[Outcome.ADMITTED.label] == 2


@pytest.mark.parametrize(
    ("text", "days"), [("7", 7), ("30", 30), ("90", 90), ("", 30), ("365", 30), ("-7", 30), ("x", 30)]
)
def test_the_period_is_one_of_the_offered_lengths(text: str, days: int) -> None:
    assert period_from(text) == days


def test_the_dashboard_counts_the_organisations_messages_to_check_and_links_to_them(
    staff_client: StaffClient, supervisor_a: User, organisation_a: Organisation, organisation_b: Organisation
) -> None:
    for organisation in (organisation_a, organisation_b):
        message = OutboundMessage.objects.create(
            channel=Channel.EMAIL, template="t", reference=make_request(organisation).reference, recipient="a@b.c"
        )
        OutboundMessage.objects.filter(pk=message.pk).update(status=MessageStatus.FAILED)

    html = staff_client(supervisor_a).get("/staff/dashboard").content.decode()

    link = '<a href="/staff/messages?organisation=organisation-a">messages to check</a>'
    assert f'<span class="counts__number">1</span> {link}' in html
