"""Demo API access for `waypost demo`: a token for the demo treatment provider's own system, and how to use it.

Runs after treatment's demo, which creates the provider; a new token at every start.
"""

from __future__ import annotations

from django.conf import settings

from waypost.accounts.models import Organisation
from waypost.accounts.services import create_api_client
from waypost.fhir.identifiers import organisation_id

PROVIDER_SLUG = "demo-treatment"


def load() -> str:
    organisation = Organisation.objects.filter(slug=PROVIDER_SLUG).first()
    if organisation is None:
        return "no demo treatment provider, so no API token."
    _, token = create_api_client(organisation=organisation, name="Demo records system", actor_name="waypost demo")
    inbox = f"{settings.BASE_URL}/fhir/Task?owner=Organization/{organisation_id(organisation)}&status=requested"
    return (
        f"FHIR API token for {organisation.name} (demo only, new at every start): {token}\n"
        f"  Its inbox: curl -H 'Authorization: Bearer {token}' '{inbox}'"
    )
