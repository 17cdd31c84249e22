"""Phone numbers in a contact request: the example we give works, national formats are read, texts need a mobile."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import override_settings

from waypost.intake.details import check_contact_details, phone_message

LANDLINE_FOR_TEXTS = (
    "This looks like a landline, which cannot receive texts. Give a mobile number, or choose another way to be "
    "contacted."
)
CALL_ONLY: dict[str, Any] = {
    "for_whom": "self",
    "contact_methods": ["call"],
    "best_times": ["weekday-evening"],
    "voicemail_ok": False,
    "safe_to_text": False,
    "consent": True,
}
TEXT_ONLY: dict[str, Any] = {
    "for_whom": "self",
    "contact_methods": ["text"],
    "best_times": ["any-time"],
    "consent": True,
}


def phone_after_check(data: dict[str, Any], phone: str) -> tuple[str, dict[str, str]]:
    details, errors = check_contact_details({**data, "phone": phone})
    return (details.phone if details else ""), errors


def examples_in_the_phone_message(region: str) -> list[str]:
    message = phone_message(region).removeprefix("Enter a phone number, like ")
    return re.findall(r"(?:\+\d+ )?\(?\d[\d ()-]+\d", message)


@pytest.mark.parametrize(("region", "first_example"), [("uk", "07400 123456"), ("us", "(201) 555-0123")])
def test_every_example_in_the_phone_error_message_is_accepted(region: str, first_example: str) -> None:
    examples = examples_in_the_phone_message(region)

    with override_settings(WAYPOST_REGION=region):
        results = {example: phone_after_check(TEXT_ONLY, example) for example in examples}

    assert len(examples) >= 2
    assert examples[0] == first_example
    assert {example: errors for example, (_, errors) in results.items() if errors} == {}


@pytest.mark.parametrize(
    ("region", "phone", "stored"),
    [
        ("uk", "(312) 555-0142", "+13125550142"),
        ("uk", "312-555-0142", "+13125550142"),
        ("uk", "+1 312 555 0142", "+13125550142"),
        ("uk", "07911 123456", "+447911123456"),
        ("uk", "020 7946 0000", "+442079460000"),
        ("us", "(312) 555-0142", "+13125550142"),
        ("us", "+1 312 555 0142", "+13125550142"),
        ("us", "07911 123456", "+447911123456"),
        ("us", "+44 7911 123456", "+447911123456"),
    ],
)
def test_reads_the_national_formats_of_every_region_the_service_supports(region: str, phone: str, stored: str) -> None:
    with override_settings(WAYPOST_REGION=region):
        assert phone_after_check(CALL_ONLY, phone) == (stored, {})


@pytest.mark.parametrize("phone", ["020 7946 0000", "0161 496 0000", "+44 20 7946 0000"])
@pytest.mark.parametrize("methods", [["text"], ["call", "text"], ["text", "email"]])
def test_refuses_a_uk_landline_when_texts_were_chosen(phone: str, methods: list[str]) -> None:
    data = {**TEXT_ONLY, "contact_methods": methods, "voicemail_ok": False, "email": "sam@example.com"}

    assert phone_after_check(data, phone) == ("", {"phone": LANDLINE_FOR_TEXTS})


def test_accepts_a_uk_landline_for_calls_only() -> None:
    assert phone_after_check(CALL_ONLY, "020 7946 0000") == ("+442079460000", {})


@pytest.mark.parametrize("phone", ["(312) 555-0142", "+1 312 555 0142"])
def test_accepts_us_numbers_for_texts_as_they_may_be_mobiles(phone: str) -> None:
    assert phone_after_check(TEXT_ONLY, phone) == ("+13125550142", {})


def test_accepts_a_uk_mobile_for_texts() -> None:
    assert phone_after_check(TEXT_ONLY, "07911 123456") == ("+447911123456", {})
