"""What a contact request says, checked the same way for the web journey and the API.

Each check is one function that returns the cleaned value or raises ValidationError with the design
system's wording, so a web form and an API error list say the same thing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from functools import partial
from typing import Any

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from waypost.core.email_addresses import check_public_email
from waypost.core.regions import current_region
from waypost.instruments.bands import BANDS_BY_QUESTIONNAIRE
from waypost.instruments.flags import RULES_BY_QUESTIONNAIRE
from waypost.instruments.registry import list_questionnaire_ids
from waypost.intake.choices import BestTime, ContactMethod, ForWhom, PersonKnows, Relationship
from waypost.intake.journey import follow_up_answers

NAME_MAX_LENGTH = 50
REGION_MAX_LENGTH = 60
NOTES_MAX_LENGTH = 300
HELP_WITH_MAX_LENGTH = 1000
EMAIL_MAX_LENGTH = 254
SUMMARY_MAX_ENTRIES = 10
PHONE_MAX_LENGTH = 32
PHONE_REGIONS = {"uk": "GB", "us": "US"}
# phonenumbers' own example mobiles, which it accepts: Ofcom's drama numbers (07700 900xxx) are unallocated
PHONE_EXAMPLES = {"uk": ("07400 123456", "+44 7400 123456"), "us": ("(201) 555-0123", "+1 201 555 0123")}
COUNTRY_CODES = {"uk": "+44", "us": "+1"}
# The languages a request can be in: those the site serves (API clients name one; the web uses the address)
REQUEST_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)

# The design system's wording for a missing or wrong answer, said the same way by the web forms and the API
MESSAGES: dict[str, StrOrPromise] = {
    "for_whom": _("Select who you are asking for"),
    "relationship": _("Select how you know them"),
    "person_knows": _("Select whether they know you are contacting us"),
    "contact_methods": _("Select how you would like to be contacted"),
    "best_times": _("Select when it is best to contact you"),
    "phone_for_texts": _(
        "This looks like a landline, which cannot receive texts. Give a mobile number, or choose another way to be "
        "contacted."
    ),
    "email": _("Enter an email address in the correct format, like name@example.com"),
    "voicemail_ok": _("Select yes if we can leave a voicemail or say who we are"),
    "safe_to_text": _("Select yes if it is safe to send you a text message"),
    "consent": _("Confirm that you understand how we use your information"),
    "language": "Give the language as one of: " + ", ".join(REQUEST_LANGUAGES),  # API clients only, in English
}
# How a free-text answer is named when it is too long
TEXT_LABELS: dict[str, StrOrPromise] = {
    "safe_contact_notes": _("Anything else about contacting you safely"),
    "name": _("Name"),
    "region": _("Area or postcode"),
    "help_with": _("What you would like help with"),
}


@dataclass(frozen=True)
class SummaryEntry:
    """One instrument's result from the self-check: never the answers themselves."""

    questionnaire: str
    band: str | None
    flags: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {"questionnaire": self.questionnaire, "band": self.band, "flags": list(self.flags)}


@dataclass(frozen=True)
class ContactDetails:
    for_whom: str
    contact_methods: tuple[str, ...]
    best_times: tuple[str, ...]
    relationship: str = ""
    person_knows: str = ""
    phone: str = ""
    email: str = ""
    voicemail_ok: bool | None = None
    safe_to_text: bool | None = None
    safe_contact_notes: str = ""
    name: str = ""
    region: str = ""
    help_with: str = ""
    selfcheck_summary: tuple[SummaryEntry, ...] = field(default=())
    language: str = ""  # named by an API client; blank: the language of the address used

    @property
    def may_text(self) -> bool:
        return ContactMethod.TEXT in self.contact_methods or self.safe_to_text is True

    @property
    def has_red_flag(self) -> bool:
        return any(entry.flags for entry in self.selfcheck_summary)


# Every field a request may send: what ContactDetails keeps, and the consent it must give
ACCEPTED_FIELDS = frozenset({*(detail.name for detail in fields(ContactDetails)), "consent"})


def clean_choice(value: Any, choices: type[Any], message: StrOrPromise) -> str:
    if value not in choices.values:
        raise ValidationError(message)
    return str(value)


def clean_choices(values: Any, choices: type[Any], message: StrOrPromise) -> tuple[str, ...]:
    if not isinstance(values, list | tuple) or not values or any(value not in choices.values for value in values):
        raise ValidationError(message)
    return tuple(dict.fromkeys(str(value) for value in values))


def phone_message(region: str) -> str:
    """What to enter, with an example in the national format of the region the person is in."""
    national, international = PHONE_EXAMPLES[region]
    examples = gettext("%(national)s or %(international)s") % {"national": national, "international": international}
    return gettext("Enter a phone number, like %(examples)s") % {"examples": examples}


def clean_phone(raw: Any, *, is_for_texts: bool = False) -> str:
    """A number in international form; with is_for_texts, one that is not known to be a landline."""
    region = current_region().value
    message = phone_message(region)
    if not isinstance(raw, str) or not raw.strip() or len(raw) > PHONE_MAX_LENGTH:
        raise ValidationError(message)
    number = first_valid_number(raw, regions_to_read(region))
    if number is None:
        raise ValidationError(message)
    if is_for_texts and phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.FIXED_LINE:
        raise ValidationError(MESSAGES["phone_for_texts"])
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def regions_to_read(operator_region: str) -> tuple[str, ...]:
    """The operator's national format first, then every other region the service supports (it asks no country)."""
    return tuple(dict.fromkeys([PHONE_REGIONS[operator_region], *PHONE_REGIONS.values()]))


def first_valid_number(raw: str, regions: tuple[str, ...]) -> phonenumbers.PhoneNumber | None:
    for region in regions:
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number
    return None


def clean_email(raw: Any) -> str:
    message = str(MESSAGES["email"])
    if not isinstance(raw, str) or not raw.strip() or len(raw.strip()) > EMAIL_MAX_LENGTH:
        raise ValidationError(message)
    address = raw.strip()
    check_public_email(address, message=message)
    return address


def clean_yes_no(value: Any, message: StrOrPromise) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(message)
    return value


def clean_text(value: Any, *, label: StrOrPromise, maximum: int) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str):
        raise ValidationError(gettext("%(label)s must be text") % {"label": label})
    if len(value) > maximum:
        raise ValidationError(too_long_message(label, maximum))
    if "\x00" in value:  # the web forms refuse it too; it is never part of a real answer
        raise ValidationError(gettext("%(label)s must not contain null characters") % {"label": label})
    return value.strip()


def too_long_message(label: StrOrPromise, maximum: int) -> str:
    return gettext("%(label)s must be %(maximum)s characters or fewer") % {
        "label": label,
        "maximum": number_format(maximum, force_grouping=True),
    }


def clean_language(value: Any) -> str:
    """An API client may name the person's language; without one, the request is in the address's language."""
    if value in (None, ""):
        return ""
    if value not in REQUEST_LANGUAGES:
        raise ValidationError(MESSAGES["language"])
    return str(value)


def clean_summary(value: Any) -> tuple[SummaryEntry, ...]:
    message = "The self-check summary must list questionnaires with their band and flags"
    if value in (None, []):
        return ()
    if not isinstance(value, list) or len(value) > SUMMARY_MAX_ENTRIES:
        raise ValidationError(message)
    return tuple(clean_summary_entry(entry, message) for entry in value)


def clean_summary_entry(entry: Any, message: str) -> SummaryEntry:
    if not isinstance(entry, dict) or set(entry) - {"questionnaire", "band", "flags"}:
        raise ValidationError(message)
    questionnaire, band, flags = entry.get("questionnaire"), entry.get("band"), entry.get("flags", [])
    if not isinstance(questionnaire, str) or questionnaire not in list_questionnaire_ids():
        raise ValidationError(message)
    if not (band is None or (isinstance(band, str) and band in band_codes(questionnaire))):
        raise ValidationError(message)
    if not isinstance(flags, list) or not all(isinstance(flag, str) for flag in flags):
        raise ValidationError(message)
    if not set(flags) <= flag_codes(questionnaire):
        raise ValidationError(message)
    return SummaryEntry(questionnaire, band, tuple(flags))


def band_codes(questionnaire_id: str) -> frozenset[str]:
    """Read from the instruments, so a band added there is accepted here without a second list."""
    return frozenset(band.code for band in BANDS_BY_QUESTIONNAIRE.get(questionnaire_id, ()))


def flag_codes(questionnaire_id: str) -> frozenset[str]:
    """Read from the flag rules, so a flag added there is accepted here without a second list."""
    return frozenset(rule.flag.value for rule in RULES_BY_QUESTIONNAIRE.get(questionnaire_id, ()))


FIELD_CHECKS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "for_whom": lambda data: clean_choice(data.get("for_whom"), ForWhom, MESSAGES["for_whom"]),
    "contact_methods": lambda data: clean_choices(
        data.get("contact_methods"), ContactMethod, MESSAGES["contact_methods"]
    ),
    "best_times": lambda data: clean_choices(data.get("best_times"), BestTime, MESSAGES["best_times"]),
    "safe_contact_notes": lambda data: clean_text(
        data.get("safe_contact_notes"), label=TEXT_LABELS["safe_contact_notes"], maximum=NOTES_MAX_LENGTH
    ),
    "name": lambda data: clean_text(data.get("name"), label=TEXT_LABELS["name"], maximum=NAME_MAX_LENGTH),
    "region": lambda data: clean_text(data.get("region"), label=TEXT_LABELS["region"], maximum=REGION_MAX_LENGTH),
    "help_with": lambda data: clean_text(
        data.get("help_with"), label=TEXT_LABELS["help_with"], maximum=HELP_WITH_MAX_LENGTH
    ),
    "selfcheck_summary": lambda data: clean_summary(data.get("selfcheck_summary")),
    "language": lambda data: clean_language(data.get("language")),
}


def check_contact_details(data: Mapping[str, Any]) -> tuple[ContactDetails | None, dict[str, str]]:
    """Clean every field; return the details, or None and a field -> message map."""
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, field_check in FIELD_CHECKS.items():
        run_check(name, partial(field_check, data), cleaned, errors)
    for name, conditional_check in conditional_checks(data, cleaned).items():
        run_check(name, conditional_check, cleaned, errors)
    if data.get("consent") is not True:
        errors["consent"] = str(MESSAGES["consent"])
    if errors:
        return None, errors
    return ContactDetails(**cleaned), {}


def run_check(name: str, check: Callable[[], Any], cleaned: dict[str, Any], errors: dict[str, str]) -> None:
    try:
        cleaned[name] = check()
    except ValidationError as error:
        errors[name] = error.messages[0]


# How each follow-up answer is checked; which of them a request needs is the journey's rule (follow_up_answers)
FOLLOW_UP_CHECKS: dict[str, Callable[[Mapping[str, Any], tuple[str, ...]], Any]] = {
    "relationship": lambda data, _: clean_choice(data.get("relationship"), Relationship, MESSAGES["relationship"]),
    "person_knows": lambda data, _: clean_choice(data.get("person_knows"), PersonKnows, MESSAGES["person_knows"]),
    "phone": lambda data, methods: clean_phone(data.get("phone"), is_for_texts=ContactMethod.TEXT in methods),
    "email": lambda data, _: clean_email(data.get("email")),
    "voicemail_ok": lambda data, _: clean_yes_no(data.get("voicemail_ok"), MESSAGES["voicemail_ok"]),
    "safe_to_text": lambda data, _: clean_yes_no(data.get("safe_to_text"), MESSAGES["safe_to_text"]),
}


def conditional_checks(data: Mapping[str, Any], cleaned: Mapping[str, Any]) -> dict[str, Callable[[], Any]]:
    """Questions that are asked only after certain answers: exactly those the web journey asks (journey.py)."""
    methods: tuple[str, ...] = cleaned.get("contact_methods", ())
    needed = follow_up_answers(cleaned.get("for_whom"), methods)
    return {name: partial(FOLLOW_UP_CHECKS[name], data, methods) for name in needed}
