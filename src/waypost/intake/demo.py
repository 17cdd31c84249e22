"""A few clearly fictional contact requests, so the demo's staff queue has something in it."""

from __future__ import annotations

from typing import Any

from waypost.intake.choices import Source
from waypost.intake.details import check_contact_details
from waypost.intake.services import has_contact_requests, submit_contact_request

DEMO_REQUESTS: list[dict[str, Any]] = [
    {"name": "Demo Alex", "help_with": "Fictional demo request: I want to cut down."},
    {
        "name": "Demo Sam",
        "help_with": "Fictional demo request: my bladder hurts.",
        "selfcheck_summary": [{"questionnaire": "bladder-signs", "band": "many", "flags": ["blood-in-urine"]}],
    },
    {"name": "Demo Jo", "for_whom": "someone-else", "relationship": "parent", "person_knows": "no"},
    {
        "name": "Demo Kim",
        "selfcheck_summary": [{"questionnaire": "safety", "band": None, "flags": ["ending-life-thoughts"]}],
    },
]


def load() -> str:
    if has_contact_requests():
        return "contact requests already present"
    for number, changes in enumerate(DEMO_REQUESTS, start=1):
        payload = {
            "for_whom": "self",
            "contact_methods": ["email"],
            "email": f"demo-person-{number}@example.com",
            "best_times": ["weekday-evening"],
            "consent": True,
            **changes,
        }
        details, errors = check_contact_details(payload)
        if details is None:
            raise ValueError(f"Demo request {number} is not valid: {errors}")
        submit_contact_request(details=details, source=Source.WEB)
    return f"{len(DEMO_REQUESTS)} fictional contact requests in the demo queue"
