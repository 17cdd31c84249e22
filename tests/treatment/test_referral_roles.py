"""Roles on both sides: who may refer, and that every role of the provider and of the sender may work a referral."""

from __future__ import annotations

import pytest

from tests.conftest import make_staff
from tests.treatment.conftest import StaffClient
from waypost.accounts.models import Organisation, Role
from waypost.intake.models import ContactRequest
from waypost.treatment.models import Referral

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "status_code"),
    [
        (Role.ADMISSIONS, 403),
        (Role.CLINICIAN, 200),
        (Role.SUPERVISOR, 200),
        (Role.ORGANISATION_ADMIN, 200),
    ],
)
def test_only_clinicians_supervisors_and_organisation_admins_may_open_the_refer_page(
    staff_client: StaffClient, organisation_a: Organisation, assessed: ContactRequest, role: Role, status_code: int
) -> None:
    user = make_staff(f"sender-{role}", organisation_a, role)

    assert staff_client(user).get(f"/staff/requests/{assessed.reference}/refer").status_code == status_code


@pytest.mark.parametrize("role", list(Role))
def test_every_provider_role_may_accept(
    staff_client: StaffClient, provider_b: Organisation, sent_to_b: Referral, role: Role
) -> None:
    user = make_staff(f"provider-{role}", provider_b, role)

    response = staff_client(user).post(
        f"/staff/referrals/{sent_to_b.reference}/move", {"version": 0, "new_status": "accepted"}
    )

    assert response.status_code == 302
    assert Referral.objects.get().status == "accepted"


@pytest.mark.parametrize("role", list(Role))
def test_every_sender_role_may_see_and_cancel_a_referral(
    staff_client: StaffClient, organisation_a: Organisation, sent_to_b: Referral, role: Role
) -> None:
    client = staff_client(make_staff(f"sender-{role}", organisation_a, role))

    detail = client.get(f"/staff/referrals/{sent_to_b.reference}")
    response = client.post(
        f"/staff/referrals/{sent_to_b.reference}/move",
        {"version": 0, "new_status": "cancelled", "reason_code": "person-declined"},
    )

    assert detail.status_code == 200
    assert "Cancel referral" in detail.content.decode()
    assert response.status_code == 302
    assert Referral.objects.get().status == "cancelled"
