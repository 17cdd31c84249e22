"""Demo data for `waypost demo`: one person in recovery support with the demo referral service, so /recovery/ can
be tried. Their sign-in code arrives as a file in the data folder's outbox; a second start keeps the enrolment."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from waypost.accounts.demo import ORGANISATION_SLUG
from waypost.accounts.models import Organisation
from waypost.intake.references import new_reference
from waypost.recovery.models import ContactChannel, Enrolment
from waypost.recovery.rules import Rhythm
from waypost.recovery.signing_in import contact_hash

DEMO_CONTACT = "alex@demo.invalid"


def load() -> str:
    with transaction.atomic():
        organisation = Organisation.objects.get(slug=ORGANISATION_SLUG)
        if not Enrolment.objects.active().filter(contact_hash=contact_hash(DEMO_CONTACT)).exists():
            Enrolment.objects.create(
                reference=new_reference(),
                organisation=organisation,
                contact_channel=ContactChannel.EMAIL,
                contact=DEMO_CONTACT,
                contact_hash=contact_hash(DEMO_CONTACT),
                rhythm=Rhythm.DAILY,
                shares_with_care_team=True,
                created_at=timezone.now(),
            )
    return (
        f"sign in at /recovery/sign-in with {DEMO_CONTACT}; the code arrives as a file in the data folder's outbox. "
        "The care team's side is at /staff/recovery/."
    )
