"""Referral personas: organisation A sends; organisation B (a treatment provider on Waypost) receives; organisation C
is another provider whose staff must never see A's or B's referrals."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import make_staff
from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, OrganisationKind, Role, User
from waypost.intake.choices import Status
from waypost.intake.models import ContactRequest
from waypost.treatment.models import Assessment, ProviderProfile, Referral
from waypost.treatment.services import Destination, SentReferral, send_referral


@pytest.fixture
def provider_b(organisation_b: Organisation) -> Organisation:
    ProviderProfile.objects.create(organisation=organisation_b)
    return organisation_b


@pytest.fixture
def provider_clinician_b(provider_b: Organisation) -> User:
    return make_staff("provider-clinician-b", provider_b, Role.CLINICIAN)


@pytest.fixture
def organisation_c(db: None) -> Organisation:
    organisation = Organisation.objects.create(
        name="Organisation C", slug="organisation-c", kind=OrganisationKind.TREATMENT_PROVIDER
    )
    ProviderProfile.objects.create(organisation=organisation)
    return organisation


@pytest.fixture
def provider_worker_c(organisation_c: Organisation) -> User:
    return make_staff("provider-worker-c", organisation_c, Role.ADMISSIONS)


def assessed_request(organisation: Organisation, **changes: object) -> ContactRequest:
    request = make_request(organisation, **changes)
    ContactRequest.objects.filter(pk=request.pk).update(status=Status.ASSESSED, name="Sam Example")
    now = timezone.now()
    Assessment.objects.create(
        contact_request=request,
        organisation=organisation,
        assessed_by_name="clinician-a",
        created_at=now,
        updated_at=now,
        confirmed_level="intensive-outpatient",
        payment="medicaid",
    )
    request.refresh_from_db()
    return request


@pytest.fixture
def assessed(organisation_a: Organisation) -> ContactRequest:
    return assessed_request(organisation_a)


@pytest.fixture
def sent_to_b(assessed: ContactRequest, clinician_a: User, provider_b: Organisation, triage_worker_b: User) -> Referral:
    return send_referral(
        contact_request=assessed,
        actor=clinician_a,
        destination=Destination(name=provider_b.name, receiving_organisation=provider_b),
        shared_items=["name", "assessment"],
        person_updates=["in-progress"],
        page="/test",
    ).referral


@pytest.fixture
def sent_by_email(assessed: ContactRequest, clinician_a: User) -> SentReferral:
    return send_referral(
        contact_request=assessed,
        actor=clinician_a,
        destination=Destination(name="Riverside Clinic", email="intake@riverside.example"),
        shared_items=["name"],
        person_updates=[],
        page="/test",
    )


StaffClient = Callable[[User], Client]
