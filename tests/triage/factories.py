"""Contact requests for console tests, made through the real intake service."""

from __future__ import annotations

from typing import Any

from waypost.accounts.models import Organisation
from waypost.intake.choices import Source
from waypost.intake.details import check_contact_details
from waypost.intake.models import ContactRequest
from waypost.intake.services import submit_contact_request

PAYLOAD: dict[str, Any] = {
    "for_whom": "self",
    "contact_methods": ["call"],
    "phone": "07911 123456",
    "best_times": ["weekday-evening"],
    "voicemail_ok": False,
    "safe_to_text": False,
    "safe_contact_notes": "Partner checks the phone",
    "help_with": "I need to stop",
    "consent": True,
}


def make_request(organisation: Organisation, **changes: Any) -> ContactRequest:
    details, errors = check_contact_details({**PAYLOAD, **changes})
    assert details is not None, errors
    request = submit_contact_request(details=details, source=Source.WEB).request
    ContactRequest.objects.filter(pk=request.pk).update(organisation=organisation)
    request.refresh_from_db()
    return request
