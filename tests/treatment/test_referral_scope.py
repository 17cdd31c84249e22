"""Every new referral URL answers 404 to staff of an organisation that neither sent nor received the referral."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, get_resolver

from tests.treatment.conftest import StaffClient
from waypost.accounts.models import User
from waypost.core.audit import AuditEvent
from waypost.treatment.models import Referral

pytestmark = pytest.mark.django_db


WRITES = ("move", "refer", "assessment", "level_of_care")
WRITES_WITH_A_PAGE = ("refer", "assessment")


def treatment_staff_urls(referral: Referral) -> list[tuple[str, str]]:
    """(method, path) for every treatment staff URL that names a request or a referral, read from the URLconf."""
    found = []
    for pattern in get_resolver().url_patterns:
        for inner in getattr(pattern, "url_patterns", []):
            route = str(inner.pattern)
            if not isinstance(inner, URLPattern) or not route.startswith("staff/") or "<str:reference>" not in route:
                continue
            if getattr(pattern, "namespace", "") != "treatment":
                continue
            is_referral = route.startswith("staff/referrals/")
            path = "/" + route.replace(
                "<str:reference>", referral.reference if is_referral else referral.contact_request.reference
            )
            found.append(("post" if inner.name in WRITES else "get", path))
            if inner.name in WRITES_WITH_A_PAGE:
                found.append(("get", path))
    return found


def test_every_referral_url_is_found(sent_to_b: Referral) -> None:
    assert sorted(path.rsplit("/", 1)[1] for _, path in treatment_staff_urls(sent_to_b)) == sorted(
        ["move", "refer", "refer", "referrals", sent_to_b.reference, "assessment", "assessment", "level-of-care"]
    )


def test_another_providers_staff_cannot_see_or_touch_a_referral(
    staff_client: StaffClient, provider_worker_c: User, sent_to_b: Referral
) -> None:
    client = staff_client(provider_worker_c)
    audits = AuditEvent.objects.count()

    for method, path in treatment_staff_urls(sent_to_b):
        response = getattr(client, method)(
            path,
            {"version": 0, "new_status": "accepted", "shared_items": ["name"], "consent": "on", "destination": ""},
        )
        assert response.status_code == 404, path
        assert sent_to_b.reference not in response.content.decode()

    untouched = Referral.objects.get()
    assert (untouched.status, untouched.version) == ("requested", 0)
    assert (AuditEvent.objects.count(), Referral.objects.count()) == (audits, 1)
    assert sent_to_b.reference not in client.get("/staff/referrals/inbox").content.decode()


def test_the_receiving_provider_cannot_open_the_senders_request_pages(
    staff_client: StaffClient, triage_worker_b: User, sent_to_b: Referral
) -> None:
    client = staff_client(triage_worker_b)
    reference = sent_to_b.contact_request.reference

    assert client.get(f"/staff/requests/{reference}/refer").status_code == 404
    assert client.get(f"/staff/requests/{reference}/referrals").status_code == 404
