"""Every staff URL that names a request answers 404 to staff of another organisation (STYLE.md personas)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver

from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditEvent
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
    staff_client: Callable[[User], Client], triage_worker_b: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)

    assert request.reference not in staff_client(triage_worker_b).get("/staff/").content.decode()
