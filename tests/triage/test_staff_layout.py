"""Staff pages have a layout for work: no public quick exit or crisis strip, a wide container, times with zones."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
import time_machine
from django import forms
from django.test import Client, override_settings

from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditAction, AuditEvent
from waypost.triage.forms import ReassignForm
from waypost.triage.times import time_with_zone

StaffClient = Callable[[User], Client]


@pytest.mark.parametrize(
    ("moment", "written"),
    [
        (datetime.datetime(2026, 11, 30, 18, 5, tzinfo=datetime.UTC), "Mon 30 Nov 2026, 18:05 GMT"),
        (datetime.datetime(2026, 7, 1, 8, 30, tzinfo=datetime.UTC), "Wed 1 Jul 2026, 09:30 BST"),
        (None, ""),
    ],
)
def test_times_are_written_in_the_site_time_zone_with_the_zone_named(
    moment: datetime.datetime | None, written: str
) -> None:
    with override_settings(TIME_ZONE="Europe/London"):
        assert time_with_zone(moment) == written


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/staff/", "/staff/dashboard", "/staff/audit", "/staff/messages"])
def test_staff_pages_carry_no_quick_exit_or_crisis_strip_and_use_the_wide_container(
    staff_client: StaffClient, supervisor_a: User, path: str
) -> None:
    response = staff_client(supervisor_a).get(path)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Exit this page" not in html
    assert "quick-exit" not in html
    assert "urgent-strip" not in html
    assert '<link rel="stylesheet" href="/static/triage/staff.css' in html
    assert '<div class="staff-container">' in html


@pytest.mark.django_db
def test_the_sign_in_page_is_a_staff_page_without_the_public_exit_button(client: Client) -> None:
    response = client.get("/staff/login")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Exit this page" not in html
    assert 'aria-label="Staff"' not in html


@pytest.mark.django_db
def test_the_reassign_list_names_people_by_full_name_or_else_username(
    supervisor_a: User, triage_worker_a: User, organisation_a: Organisation
) -> None:
    User.objects.filter(pk=triage_worker_a.pk).update(first_name="Ada", last_name="Okafor")
    team = User.objects.filter(memberships__organisation=organisation_a)

    field = ReassignForm(team=team).fields["assignee"]
    assert isinstance(field, forms.ModelChoiceField)

    choices = [field.label_from_instance(person) for person in field.queryset or []]

    assert choices == ["supervisor-a", "Ada Okafor"]


@pytest.mark.django_db
def test_the_page_shown_after_an_action_is_not_audited_again_as_a_view(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)
    client = staff_client(triage_worker_a)

    response = client.post(f"/staff/requests/{request.reference}/claim", follow=True)
    client.get(f"/staff/requests/{request.reference}")

    assert response.status_code == 200
    assert response.redirect_chain == [(f"/staff/requests/{request.reference}?notice=claimed", 302)]
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [AuditAction.CLAIMED, AuditAction.VIEWED_REQUEST]


@pytest.mark.django_db
def test_a_notice_in_the_address_alone_does_not_skip_the_view_audit(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)

    response = staff_client(triage_worker_a).get(f"/staff/requests/{request.reference}?notice=claimed")

    assert response.status_code == 200
    assert list(AuditEvent.objects.values_list("action", "request_reference")) == [
        (AuditAction.VIEWED_REQUEST, request.reference)
    ]


@pytest.mark.django_db
def test_a_refused_action_still_audits_the_page_shown_after_it(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)

    response = staff_client(triage_worker_a).post(
        f"/staff/requests/{request.reference}/status", {"version": 7, "status": "assessed"}, follow=True
    )

    assert response.redirect_chain == [(f"/staff/requests/{request.reference}?notice=conflict", 302)]
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [AuditAction.VIEWED_REQUEST]


@pytest.mark.django_db
def test_the_timeline_writes_each_time_in_the_site_zone_with_the_zone_named(
    staff_client: StaffClient, triage_worker_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)
    summer = datetime.datetime(2026, 7, 1, 8, 30, tzinfo=datetime.UTC)
    with time_machine.travel(summer, tick=False):
        staff_client(triage_worker_a).post(f"/staff/requests/{request.reference}/claim")

    html = staff_client(triage_worker_a).get(f"/staff/requests/{request.reference}").content.decode()

    assert "Wed 1 Jul 2026, 09:30 BST" in html
