"""Demo data for `waypost demo`: a treatment provider on Waypost, its staff, and a referral waiting in its inbox.

Runs after the accounts and directory demos (INSTALLED_APPS order): it refers from the demo referral service and
links the provider to one of the fictional directory services. A second start keeps the referral already sent.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from waypost.accounts.demo import ORGANISATION_SLUG as REFERRAL_SERVICE_SLUG
from waypost.accounts.demo import credentials_for
from waypost.accounts.models import Organisation, OrganisationKind, Role, User
from waypost.directory.models import Service
from waypost.intake.choices import Source, Status
from waypost.intake.details import check_contact_details
from waypost.intake.models import ContactRequest
from waypost.intake.services import submit_contact_request
from waypost.treatment.models import Assessment, ProviderProfile, Referral
from waypost.treatment.services import Destination, send_referral

ORGANISATION_SLUG = "demo-treatment"
ORGANISATION_NAME = "Demo treatment provider"
STAFF = (("demo-provider-admissions", Role.ADMISSIONS), ("demo-provider-clinician", Role.CLINICIAN))
DEMO_REQUEST = {
    "for_whom": "self",
    "contact_methods": ["email"],
    "email": "sam@demo.invalid",
    "best_times": ["weekday-evening"],
    "help_with": "I would like help to stop (demo request)",
    "consent": True,
}


def load() -> str:
    with transaction.atomic():
        organisation, _ = Organisation.objects.update_or_create(
            slug=ORGANISATION_SLUG, defaults={"name": ORGANISATION_NAME, "kind": OrganisationKind.TREATMENT_PROVIDER}
        )
        service = Service.objects.filter(source="demo").order_by("pk").first()
        ProviderProfile.objects.update_or_create(organisation=organisation, defaults={"service": service})
        lines = [credentials_for(username, organisation, role) for username, role in STAFF]
    reference = waiting_referral(organisation)
    return "\n".join(
        [
            f"{ORGANISATION_NAME} (on Waypost; referral {reference} waits in its inbox at /staff/referrals/inbox).",
            "Sign in at /staff/login as one of these:",
            *lines,
        ]
    )


def waiting_referral(organisation: Organisation) -> str:
    existing = Referral.objects.filter(receiving_organisation=organisation).order_by("pk").first()
    if existing is not None:
        return existing.reference
    sender = Organisation.objects.get(slug=REFERRAL_SERVICE_SLUG)
    clinician = User.objects.get(username="demo-clinician")
    details, errors = check_contact_details(DEMO_REQUEST)
    if details is None:
        raise ValueError(f"The demo request is not valid: {errors}")
    request = submit_contact_request(details=details, source=Source.WEB).request
    now = timezone.now()
    with transaction.atomic():
        ContactRequest.objects.filter(pk=request.pk).update(
            organisation=sender, status=Status.ASSESSED, name="Sam Demo", version=1
        )
        request.refresh_from_db()
        Assessment.objects.create(
            contact_request=request,
            organisation=sender,
            assessed_by=clinician,
            assessed_by_name=clinician.username,
            created_at=now,
            updated_at=now,
            confirmed_level="intensive-outpatient",
            payment="public",
        )
        sent = send_referral(
            contact_request=request,
            actor=clinician,
            destination=Destination(name=organisation.name, receiving_organisation=organisation),
            shared_items=["name", "assessment", "payment"],
            person_updates=["accepted", "in-progress"],
            page="waypost demo",
        )
    return sent.referral.reference
