"""Display text for the public contact pages and for staff reading a request, so templates hold only `if` and `for`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import phonenumbers
from django.conf import settings
from django.utils.translation import gettext, gettext_lazy

from waypost.intake.details import first_valid_number, regions_to_read
from waypost.intake.pages import PAGES, readable


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


@dataclass(frozen=True)
class AnswerRow:
    """One line of the check-answers page: what was asked, the answer as words, and the page that changes it."""

    label: str
    value: str
    slug: str


def answer_rows(pages: tuple[str, ...], answers: Mapping[str, Any]) -> list[AnswerRow]:
    return [
        AnswerRow(label=str(label), value=readable(name, answers.get(name)), slug=slug)
        for slug in pages
        for name, label in PAGES[slug].summary_labels.items()
    ]


# The languages a request can be in, named for staff (the codes are settings.LANGUAGES')
LANGUAGE_NAMES = {"en-gb": gettext_lazy("English"), "es": gettext_lazy("Spanish")}


def language_line(language: str) -> str:
    """'Language: Spanish': the language the person used, which every message to them is written in (ADR 0046)."""
    return gettext("Language: %(language)s") % {"language": LANGUAGE_NAMES.get(language, language)}


def queue_language_line(language: str) -> str:
    """On a queue row only when it is not English, so the rows staff scan most stay short."""
    return "" if language == settings.LANGUAGE_CODE else language_line(language)
