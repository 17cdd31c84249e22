"""Every staff URL that names a request answers 404 to staff of another organisation (STYLE.md personas)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver
from django.utils import timezone

from tests.triage.factories import make_request
from waypost.accounts.models import Membership, Organisation, Role, User
from waypost.core.audit import AuditAction, AuditEvent
from waypost.intake.choices import Status
from waypost.intake.models import ContactRequest

pytestmark = pytest.mark.django_db


def request_urls(reference: str) -> list[tuple[str, str]]:
    """(method, path) for every triage URL that takes a reference, found from the URLconf itself."""
    resolver = get_resolver()
    urls = []
    for pattern in resolver.url_patterns:
        for inner in getattr(pattern, "url_patterns", []):
            if (
                isinstance(inner, URLPattern)
                and "<str:reference>" in str(inner.pattern)
                and str(pattern.pattern) == "staff/"
            ):
                path = "/staff/" + str(inner.pattern).replace("<str:reference>", reference)
                urls.append(("get" if inner.name in ("request_detail", "contact_details") else "post", path))
    return urls


def test_every_request_url_is_found() -> None:
    assert len(request_urls("ABCD-2346")) == 12


def test_organisation_b_cannot_see_or_touch_organisation_a_requests(
    staff_client: Callable[[User], Client], triage_worker_b: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)
    client = staff_client(triage_worker_b)

    for method, path in request_urls(request.reference):
        response = getattr(client, method)(
            path, {"version": 0, "status": "assessed", "text": "x", "outcome": "declined"}
        )
        assert response.status_code == 404, path
        assert request.reference not in response.content.decode()

    untouched = ContactRequest.objects.get(pk=request.pk)
    assert (untouched.status, untouched.assigned_to, untouched.version) == (request.status, None, 0)
    assert AuditEvent.objects.count() == 0


def test_organisation_b_queue_does_not_list_organisation_a_requests(
    staff_client: Callable[[User], Client],
    triage_worker_b: User,
    organisation_a: Organisation,
    organisation_b: Organisation,
) -> None:
    theirs, own = make_request(organisation_a), make_request(organisation_b)
    ContactRequest.objects.filter(pk=theirs.pk).update(status=Status.CLOSED, closed_at=timezone.now())
    client = staff_client(triage_worker_b)

    for params in ({}, {"q": theirs.reference}, {"status": "closed"}, {"q": own.reference}):
        response = client.get("/staff/", params)
        assert response.status_code == 200, params
        assert f'href="/staff/requests/{theirs.reference}"' not in response.content.decode(), params
    assert "No requests match." in client.get("/staff/", {"q": theirs.reference}).content.decode()
    assert own.reference in client.get("/staff/").content.decode()
    assert own.reference in client.get("/staff/", {"q": own.reference}).content.decode()


def test_a_user_with_roles_in_two_organisations_sees_both_queues_and_nothing_else(
    staff_client: Callable[[User], Client],
    triage_worker_a: User,
    organisation_a: Organisation,
    organisation_b: Organisation,
) -> None:
    organisation_c = Organisation.objects.create(name="Organisation C", slug="organisation-c")
    Membership.objects.create(user=triage_worker_a, organisation=organisation_b, role=Role.ADMISSIONS)
    in_a, in_b, in_c = make_request(organisation_a), make_request(organisation_b), make_request(organisation_c)
    client = staff_client(triage_worker_a)

    html = client.get("/staff/").content.decode()
    follow_up = client.post(
        f"/staff/requests/{in_c.reference}/follow-up", {"day": "2026-12-01", "time": "18:00", "version": 0}
    )

    assert (in_a.reference in html, in_b.reference in html, in_c.reference in html) == (True, True, False)
    assert client.get(f"/staff/requests/{in_b.reference}").status_code == 200
    assert follow_up.status_code == 404
    assert ContactRequest.objects.get(pk=in_c.pk).follow_up_at is None
    assert list(AuditEvent.objects.values_list("organisation_id", "request_reference")) == [
        (organisation_b.pk, in_b.reference)
    ]


def test_dashboard_audit_log_and_retention_of_one_organisation_leave_the_other_alone(
    staff_client: Callable[[User], Client],
    organisation_admin_a: User,
    triage_worker_b: User,
    organisation_a: Organisation,
    organisation_b: Organisation,
) -> None:
    long_ago = timezone.now() - datetime.timedelta(days=400)
    make_request(organisation_a)
    make_request(organisation_b), make_request(organisation_b)
    old_b = make_request(organisation_b)
    ContactRequest.objects.filter(pk=old_b.pk).update(status=Status.CLOSED, closed_at=long_ago)
    AuditEvent.objects.create(
        at=timezone.now(),
        actor=triage_worker_b,
        actor_name="triage-worker-b",
        organisation=organisation_b,
        action=AuditAction.VIEWED_REQUEST,
        request_reference=old_b.reference,
        page="/staff/",
    )
    client = staff_client(organisation_admin_a)

    dashboard = client.get("/staff/dashboard")
    other_dashboard = client.get("/staff/dashboard", {"organisation": "organisation-b"})
    audit = client.get("/staff/audit")
    retention = client.post("/staff/retention")

    assert dashboard.status_code == 200
    assert "New: 1." in dashboard.content.decode()
    assert other_dashboard.status_code == 404
    assert audit.status_code == 200
    assert old_b.reference not in audit.content.decode()
    assert retention.status_code == 302
    assert ContactRequest.objects.filter(pk=old_b.pk).exists()
