"""The helpline registry: the one place emergency numbers and crisis lines are kept.

Facts come from ../shared/reference/field-notes.md §4; each entry records where it was checked and when,
so an operator can see at a glance which numbers are due for another check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Region(StrEnum):
    UK = "uk"
    US = "us"


REGION_NAMES = {Region.UK: "United Kingdom", Region.US: "United States"}


class ContactKind(StrEnum):
    CALL = "call"
    TEXT = "text"
    TEXTPHONE = "textphone"
    EMAIL = "email"
    WEB = "web"


@dataclass(frozen=True)
class ContactMethod:
    kind: ContactKind
    value: str
    label: str
    href: str


@dataclass(frozen=True)
class Helpline:
    key: str
    region: Region
    name: str
    contacts: tuple[ContactMethod, ...]
    hours: str
    what_for: str
    last_verified: date
    source_url: str
    is_emergency: bool = False

    @property
    def primary_contact(self) -> ContactMethod:
        return self.contacts[0]


def call(number: str, dial: str | None = None) -> ContactMethod:
    return ContactMethod(ContactKind.CALL, number, f"Call {number}", f"tel:{dial or number.replace(' ', '')}")


def text(message: str, number: str) -> ContactMethod:
    return ContactMethod(ContactKind.TEXT, number, message, f"sms:{number.replace(' ', '')}")


CHECKED_AGAINST_FIELD_NOTES = date(2026, 11, 21)

HELPLINES: tuple[Helpline, ...] = (
    Helpline(
        key="uk-emergency",
        region=Region.UK,
        name="Emergency services",
        contacts=(call("999"),),
        hours="24 hours, every day",
        what_for="Someone is in danger now, cannot be woken, has trouble breathing, chest pain or a seizure.",
        last_verified=CHECKED_AGAINST_FIELD_NOTES,
        source_url="https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/when-to-call-999/",
        is_emergency=True,
    ),
    Helpline(
        key="uk-nhs-111",
        region=Region.UK,
        name="NHS 111",
        contacts=(
            call("111"),
            ContactMethod(ContactKind.WEB, "111.nhs.uk", "Use 111 online", "https://111.nhs.uk/"),
        ),
        hours="24 hours, every day",
        what_for="Urgent medical help when it is not an emergency (England). "
        "For a mental health crisis, choose the mental health option. Any age.",
        last_verified=CHECKED_AGAINST_FIELD_NOTES,
        source_url="https://www.nhs.uk/nhs-services/mental-health-services/where-to-get-urgent-help-for-mental-health/",
    ),
    Helpline(
        key="uk-samaritans",
        region=Region.UK,
        name="Samaritans",
        contacts=(
            call("116 123"),
            ContactMethod(
                ContactKind.EMAIL, "jo@samaritans.org", "Email jo@samaritans.org", "mailto:jo@samaritans.org"
            ),
        ),
        hours="24 hours, every day",
        what_for="Someone to talk to if you are struggling or thinking about ending your life. "
        "Free, and the number does not show on your phone bill.",
        last_verified=CHECKED_AGAINST_FIELD_NOTES,
        source_url="https://www.samaritans.org/how-we-can-help/contact-samaritan/",
    ),
    Helpline(
        key="uk-shout",
        region=Region.UK,
        name="Shout",
        contacts=(text("Text SHOUT to 85258", "85258"),),
        hours="24 hours, every day",
        what_for="Free, confidential text support if you are in crisis.",
        last_verified=CHECKED_AGAINST_FIELD_NOTES,
        source_url="https://giveusashout.org/",
    ),
    Helpline(
        key="uk-frank",
        region=Region.UK,
        name="FRANK",
        contacts=(
            call("0300 123 6600"),
            text("Text 82111", "82111"),
            ContactMethod(ContactKind.TEXTPHONE, "0300 123 1099", "Textphone 0300 123 1099", "tel:03001231099"),
        ),
        hours="Phone 24 hours, every day; live chat 2pm to 6pm, every day",
        what_for="Honest information and advice about drugs, and help finding local support. "
        "Interpreters in 120 languages. Calls may show on your phone bill.",
        last_verified=CHECKED_AGAINST_FIELD_NOTES,
        source_url="https://www.talktofrank.com/contact-frank",
    ),
    Helpline(
        key="uk-childline",
        region=Region.UK,
        name="Childline (under 19)",
        contacts=(call("0800 1111"),),
        hours="24 hours, every day",
        what_for="Free, private support for children and young people under 19.",
        last_verified=CHECKED_AGAINST_FIELD_NOTES,
        source_url="https://www.childline.org.uk/get-support/contacting-childline/",
    ),
    Helpline(
        key="us-emergency",
        region=Region.US,
        name="Emergency services",
        contacts=(call("911"),),
        hours="24 hours, every day",
        what_for="Someone is in danger now, cannot be woken, has trouble breathing, chest pain or a seizure.",
        last_verified=CHECKED_AGAINST_FIELD_NOTES,
        source_url="https://www.911.gov/",
        is_emergency=True,
    ),
    Helpline(
        key="us-988",
        region=Region.US,
        name="988 Suicide & Crisis Lifeline",
        contacts=(
            call("988"),
            text("Text 988", "988"),
            ContactMethod(ContactKind.WEB, "988lifeline.org", "Chat at 988lifeline.org", "https://988lifeline.org/"),
        ),
        hours="24 hours, every day",
        what_for="Suicidal thoughts, a mental health or substance use crisis, or worry about someone else. "
        "Press 1 for the Veterans Crisis Line, 2 for Spanish.",
        last_verified=CHECKED_AGAINST_FIELD_NOTES,
        source_url="https://988lifeline.org/",
    ),
    Helpline(
        key="us-samhsa-helpline",
        region=Region.US,
        name="SAMHSA National Helpline",
        contacts=(
            call("1-800-662-4357", "18006624357"),
            ContactMethod(ContactKind.TEXTPHONE, "1-800-487-4889", "TTY 1-800-487-4889", "tel:18004874889"),
        ),
        hours="24 hours, every day, in English and Spanish",
        what_for="Free, confidential information and referral to treatment. It does not offer counselling.",
        last_verified=CHECKED_AGAINST_FIELD_NOTES,
        source_url="https://www.samhsa.gov/find-help/helplines/national-helpline",
    ),
    Helpline(
        key="us-samhsa-help4u",
        region=Region.US,
        name="SAMHSA HELP4U",
        contacts=(text("Text your ZIP code to 435748", "435748"),),
        hours="Any time (English only)",
        what_for="Find treatment services near you by text message.",
        last_verified=CHECKED_AGAINST_FIELD_NOTES,
        source_url="https://www.samhsa.gov/find-help/helplines/national-helpline",
    ),
    Helpline(
        key="us-crisis-text-line",
        region=Region.US,
        name="Crisis Text Line",
        contacts=(text("Text HOME to 741741", "741741"),),
        hours="24 hours, every day",
        what_for="Free text support from a trained volunteer if you are in crisis.",
        last_verified=CHECKED_AGAINST_FIELD_NOTES,
        source_url="https://www.crisistextline.org/",
    ),
)

HELPLINES_BY_KEY = {helpline.key: helpline for helpline in HELPLINES}


def helplines_for(region: Region) -> tuple[Helpline, ...]:
    return tuple(helpline for helpline in HELPLINES if helpline.region == region)


def emergency_line(region: Region) -> Helpline:
    return next(helpline for helpline in helplines_for(region) if helpline.is_emergency)


def get_helpline(key: str) -> Helpline:
    try:
        return HELPLINES_BY_KEY[key]
    except KeyError:
        raise KeyError(f"No helpline with key {key!r}; known keys: {', '.join(HELPLINES_BY_KEY)}") from None
