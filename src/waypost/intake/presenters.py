"""Display text for the public contact pages, so templates hold only `if` and `for`."""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from django.conf import settings

from waypost.intake.details import first_valid_number, regions_to_read


@dataclass(frozen=True)
class TeamContact:
    phone: str
    phone_link: str
    email: str

    @property
    def is_set(self) -> bool:
        return bool(self.phone or self.email)


def team_contact() -> TeamContact:
    """The operator's public phone and e-mail, from settings; a phone link only for a number we can read."""
    phone, email = settings.TEAM_PHONE.strip(), settings.TEAM_EMAIL.strip()
    return TeamContact(phone=phone, phone_link=phone_link(phone), email=email)


def phone_link(phone: str) -> str:
    number = first_valid_number(phone, regions_to_read(settings.WAYPOST_REGION)) if phone else None
    if number is None:
        return ""
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
