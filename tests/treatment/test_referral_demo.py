"""`waypost demo` seeds a treatment provider on Waypost with its own staff and a referral waiting in its inbox."""

from __future__ import annotations

import pytest

from waypost.accounts import demo as accounts_demo
from waypost.accounts.models import Membership, Role
from waypost.treatment import demo
from waypost.treatment.models import ProviderProfile, Referral

pytestmark = pytest.mark.django_db


def test_seeds_a_provider_with_staff_and_one_waiting_referral_and_keeps_it_on_a_second_start() -> None:
    accounts_demo.load()

    summary = demo.load()
    again = demo.load()

    referral = Referral.objects.get()
    assert referral.receiving_organisation is not None
    assert (referral.receiving_organisation.slug, referral.receiving_organisation.kind) == (
        "demo-treatment",
        "treatment-provider",
    )
    assert (referral.status, referral.sending_organisation.slug, referral.shared_items) == (
        "requested",
        "demo-referrals",
        "name,assessment,payment",
    )
    assert ProviderProfile.objects.filter(organisation__slug="demo-treatment").count() == 1
    roles = set(Membership.objects.filter(organisation__slug="demo-treatment").values_list("user__username", "role"))
    assert roles == {("demo-provider-admissions", Role.ADMISSIONS), ("demo-provider-clinician", Role.CLINICIAN)}
    assert summary.splitlines()[0] == (
        f"Demo treatment provider (on Waypost; referral {referral.reference} waits in its inbox at "
        "/staff/referrals/inbox)."
    )
    assert "demo-provider-clinician (Clinician): password " in summary
    assert again.splitlines()[0] == summary.splitlines()[0]
