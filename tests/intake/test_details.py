from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from waypost.intake.details import check_contact_details

VALID: dict[str, Any] = {
    "for_whom": "self",
    "contact_methods": ["call", "email"],
    "phone": "07911 123456",
    "email": "sam@example.com",
    "best_times": ["weekday-evening"],
    "voicemail_ok": False,
    "safe_to_text": True,
    "consent": True,
}


def errors_for(**changes: Any) -> dict[str, str]:
    details, errors = check_contact_details({**VALID, **changes})
    assert (details is None) == bool(errors)
    return errors


def test_accepts_a_complete_request_and_normalises_the_phone_number() -> None:
    details, errors = check_contact_details(VALID)

    assert errors == {}
    assert details is not None
    assert details.phone == "+447911123456"
    assert details.may_text is True


@override_settings(WAYPOST_REGION="us")
def test_reads_us_numbers_in_a_us_region() -> None:
    details, _ = check_contact_details({**VALID, "phone": "(201) 555-0123"})

    assert details is not None
    assert details.phone == "+12015550123"


def test_accepts_international_numbers_with_a_country_code() -> None:
    details, _ = check_contact_details({**VALID, "phone": "+33 1 42 68 53 00"})

    assert details is not None
    assert details.phone == "+33142685300"


@pytest.mark.parametrize("phone", ["", "12345", "07700", "not a number", "+44 7700 900982 999999999999999999999"])
def test_rejects_phone_numbers_that_cannot_be_dialled(phone: str) -> None:
    assert errors_for(phone=phone) == {"phone": "Enter a phone number, like 07400 123456 or +44 7400 123456"}


@pytest.mark.parametrize("email", ["sam", "sam@", "@example.com", "sam@example", "a" * 250 + "@example.com"])
def test_rejects_badly_formed_email_addresses(email: str) -> None:
    assert errors_for(email=email) == {"email": "Enter an email address in the correct format, like name@example.com"}


def test_needs_at_least_one_way_to_contact() -> None:
    assert errors_for(contact_methods=[]) == {"contact_methods": "Select how you would like to be contacted"}


def test_asks_about_the_relationship_only_for_someone_else() -> None:
    assert errors_for(for_whom="someone-else") == {
        "relationship": "Select how you know them",
        "person_knows": "Select whether they know you are contacting us",
    }


def test_voicemail_answer_is_needed_for_calls() -> None:
    assert errors_for(voicemail_ok=None) == {"voicemail_ok": "Select yes if we can leave a voicemail or say who we are"}


def test_safe_to_text_is_asked_only_when_calling_without_texting() -> None:
    details, errors = check_contact_details({**VALID, "contact_methods": ["text"], "safe_to_text": None})

    assert errors == {}
    assert details is not None
    assert details.safe_to_text is None
    assert details.may_text is True


def test_free_text_has_a_limit_it_names() -> None:
    assert errors_for(help_with="x" * 1001) == {
        "help_with": "What you would like help with must be 1,000 characters or fewer"
    }


def test_consent_must_be_given() -> None:
    assert errors_for(consent=False) == {"consent": "Confirm that you understand how we use your information"}


def test_summary_accepts_bands_and_flags_but_never_answers() -> None:
    summary = [{"questionnaire": "phq-9", "band": "mild", "flags": ["self-harm-thoughts"]}]
    details, _ = check_contact_details({**VALID, "selfcheck_summary": summary})

    assert details is not None
    assert details.has_red_flag
    assert errors_for(selfcheck_summary=[{"questionnaire": "phq-9", "answers": {"9": "LA6571-9"}}]) == {
        "selfcheck_summary": "The self-check summary must list questionnaires with their band and flags"
    }
