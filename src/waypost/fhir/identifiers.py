"""Resource ids and code systems of the FHIR API (ADR 0026).

Directory rows keep their numeric primary keys (`Organization/12`, `Location/7`, `HealthcareService/3`). Waypost's
own organisations, which own and send referrals, are `Organization/org-<slug>`: the prefix cannot be a number, so
the two never collide. A slug may hold "_", which FHIR ids may not, and never ".", which they may: "_" is written
as ".". ServiceRequest, Task and Consent of one referral all have the referral's reference as their id.
"""

from __future__ import annotations

import re

from waypost.accounts.models import Organisation

WAYPOST_ORGANISATION_PREFIX = "org-"
# FHIR R4's id datatype: anything else names nothing here, and never reaches a query (no NUL byte for PostgreSQL)
FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")
CODE_SYSTEM_BASE = "https://waypost.example/fhir/CodeSystem"
CATEGORY_SYSTEM = f"{CODE_SYSTEM_BASE}/service-category"
CARE_TYPE_SYSTEM = f"{CODE_SYSTEM_BASE}/care-type"
LEVEL_OF_CARE_SYSTEM = f"{CODE_SYSTEM_BASE}/level-of-care"
REASON_SYSTEM = f"{CODE_SYSTEM_BASE}/referral-reason"
SHARED_ITEM_SYSTEM = f"{CODE_SYSTEM_BASE}/shared-item"
ORGANISATION_IDENTIFIER_SYSTEM = "https://waypost.example/fhir/NamingSystem/organisation-slug"
REFERRAL_IDENTIFIER_SYSTEM = "https://waypost.example/fhir/NamingSystem/referral-reference"


def organisation_id(organisation: Organisation) -> str:
    return WAYPOST_ORGANISATION_PREFIX + organisation.slug.replace("_", ".")


def slug_from_organisation_id(resource_id: str) -> str | None:
    """The slug a Waypost organisation id names, or None for any other id."""
    if not is_fhir_id(resource_id) or not resource_id.startswith(WAYPOST_ORGANISATION_PREFIX):
        return None
    return resource_id.removeprefix(WAYPOST_ORGANISATION_PREFIX).replace(".", "_")


def organisation_reference(organisation: Organisation) -> dict[str, str]:
    return {"reference": f"Organization/{organisation_id(organisation)}", "display": organisation.name}


def directory_id(text: str) -> int | None:
    """A directory row's primary key from its id, or None when the id is not a plain positive number."""
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        return None
    return int(text)


def is_fhir_id(text: str) -> bool:
    return FHIR_ID.fullmatch(text) is not None
