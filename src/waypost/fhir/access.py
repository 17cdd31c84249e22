"""The one way the FHIR API reads referrals: those an API client's organisation receives, nothing else.

A referral sent to another organisation is not found, exactly like one that does not exist (ADR 0026).
"""

from __future__ import annotations

from django.db.models import QuerySet

from waypost.accounts.models import ApiClient
from waypost.fhir.identifiers import is_fhir_id
from waypost.treatment.models import Referral


def referrals_for_api_client(client: ApiClient) -> QuerySet[Referral]:
    return Referral.objects.filter(receiving_organisation_id=client.organisation_id).select_related(
        "contact_request", "sending_organisation", "receiving_organisation"
    )


def get_referral_for_api_client(client: ApiClient, reference: str) -> Referral | None:
    if not is_fhir_id(reference):
        return None
    return referrals_for_api_client(client).filter(reference=reference).first()
