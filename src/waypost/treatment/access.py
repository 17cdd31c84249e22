"""The one way staff code reads a referral: as its sender or as its receiving provider, nothing else.

A referral outside the user's organisations is a 404, like one that does not exist.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from waypost.accounts.access import organisation_ids_for, role_in
from waypost.accounts.models import Role, User
from waypost.intake.models import ContactRequest
from waypost.treatment.choices import ENDED_STATUSES
from waypost.treatment.lifecycle import Side
from waypost.treatment.models import Assessment, Referral


def referrals_for_staff(user: User) -> QuerySet[Referral]:
    organisations = organisation_ids_for(user)
    return Referral.objects.filter(
        Q(sending_organisation_id__in=organisations) | Q(receiving_organisation_id__in=organisations)
    )


def get_referral_for_staff(user: User, reference: str) -> tuple[Referral, Side]:
    """The referral and the side the user is on (sender first, when a user works for both)."""
    found = (
        Referral.objects.select_related("contact_request", "receiving_organisation").filter(reference=reference).first()
    )
    if found is None:
        raise Http404("No such referral")
    organisations = organisation_ids_for(user)
    if found.sending_organisation_id in organisations:
        return found, Side.SENDER
    if found.receiving_organisation_id in organisations:
        return found, Side.PROVIDER
    raise Http404("No such referral")


def inbox_for_provider(organisation_id: int) -> QuerySet[Referral]:
    return Referral.objects.filter(receiving_organisation_id=organisation_id)


def sent_referrals_for_request(user: User, contact_request_id: int) -> QuerySet[Referral]:
    """The referrals sent for a request the caller already read through triage.access.get_request_for_staff."""
    return Referral.objects.filter(
        contact_request_id=contact_request_id, sending_organisation_id__in=organisation_ids_for(user)
    ).select_related("sending_organisation")


def assessment_of(request: ContactRequest) -> Assessment | None:
    """The assessment of a request the caller already read through triage.access.get_request_for_staff."""
    return Assessment.objects.filter(contact_request_id=request.pk).first()


NO_END_MESSAGE = "This request has referrals that have not ended"


def has_referrals_not_ended(contact_request_id: int) -> bool:
    """A request closes only when each of its referrals has ended (issue 13)."""
    return Referral.objects.filter(contact_request_id=contact_request_id).exclude(status__in=ENDED_STATUSES).exists()


# The roles that assess are the roles that refer
ASSESSING_ROLES = frozenset({Role.CLINICIAN, Role.SUPERVISOR, Role.ORGANISATION_ADMIN})


def may_assess(user: User, contact_request: ContactRequest) -> bool:
    """Clinicians, supervisors and organisation admins assess and decide the level of care; admissions staff read."""
    return role_in(user, contact_request.organisation_id or 0) in ASSESSING_ROLES
