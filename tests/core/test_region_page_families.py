"""Every page family follows the region in its address, in each language: a US address puts 911 first, offers
988 and never the NHS; a UK address puts 999 first and never Medicaid or Medicare (issue 18)."""

from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings

BOTH_REGIONS_AND_LANGUAGES = override_settings(
    WAYPOST_REGION="uk", WAYPOST_REGIONS=["uk", "us"], WAYPOST_LANGUAGES=["en", "es"]
)
PAGE_FAMILIES = [
    "",
    "urgent",
    "privacy",
    "accessibility",
    "check/",
    "check/question/safety.danger-now",
    "learn/",
    "learn/warning-signs",
    "learn/ketamine-bladder",
    "learn/search?q=bladder",
    "contact/",
    "services/",
    "chat/",
    "recovery/",
    "recovery/sign-in",
]
# The families whose pages link a telephone number (the emergency number first); the rest link none
FAMILIES_WITH_NUMBERS = {"urgent", "learn/warning-signs", "learn/ketamine-bladder", "chat/"}
LANGUAGE_PREFIXES = ["", "es/"]
TELEPHONE_LINK = re.compile(r'href="tel:([^"]+)"')
# A learn page may cite an NHS or a US government page as its source; what it offers the reader is what counts
SOURCE_ENTRY = re.compile(r'<li id="source-\d+".*?</li>', re.DOTALL)


@BOTH_REGIONS_AND_LANGUAGES
@pytest.mark.parametrize("address", ["/us/urgent", "/us/es/urgent"])
def test_the_us_urgent_page_puts_911_first_then_988(member_of_the_public: Client, address: str) -> None:
    numbers, _ = telephone_numbers(member_of_the_public, address)

    assert numbers[0] == "911"
    assert "988" in numbers


def telephone_numbers(client: Client, path: str) -> tuple[list[str], str]:
    response = client.get(path)
    assert response.status_code == 200, path
    html = SOURCE_ENTRY.sub("", response.content.decode())
    return TELEPHONE_LINK.findall(html), html


@BOTH_REGIONS_AND_LANGUAGES
@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGE_PREFIXES)
@pytest.mark.parametrize("family", PAGE_FAMILIES)
def test_a_us_address_puts_911_first_offers_988_and_never_the_nhs(
    member_of_the_public: Client, family: str, language: str
) -> None:
    numbers, html = telephone_numbers(member_of_the_public, f"/us/{language}{family}")

    assert numbers[:1] == (["911"] if family in FAMILIES_WITH_NUMBERS else []), numbers
    assert not {"999", "111", "116123"} & set(numbers)
    assert "NHS" not in html


@BOTH_REGIONS_AND_LANGUAGES
@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGE_PREFIXES)
@pytest.mark.parametrize("family", PAGE_FAMILIES)
def test_a_uk_address_puts_999_first_and_never_medicaid(
    member_of_the_public: Client, family: str, language: str
) -> None:
    numbers, html = telephone_numbers(member_of_the_public, f"/uk/{language}{family}")

    assert numbers[:1] == (["999"] if family in FAMILIES_WITH_NUMBERS else []), numbers
    assert not {"911", "988"} & set(numbers)
    assert "Medicaid" not in html
    assert "Medicare" not in html
