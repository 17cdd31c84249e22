"""Display text for search results and service pages, so templates hold only `if` and `for`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format, get_format
from django.utils.translation import gettext, gettext_lazy, ngettext

from waypost.core.regions import current_region
from waypost.core.templatetags.site_urls import url_prefix
from waypost.directory.geography import km_to_miles
from waypost.directory.hsds.shape import WEB_ADDRESS
from waypost.directory.models import Location, Phone, Service
from waypost.directory.rules import is_accepting
from waypost.directory.taxonomy import (
    ACCEPTING_LABELS,
    AGE_GROUPS,
    CARE_TYPES,
    GENDER_LABELS,
    LANGUAGES,
    PAYMENT_OPTIONS,
    Accepting,
    Gender,
    Ownership,
    ownership_label,
    payment_options_for,
)

STALE_AFTER_DAYS = 365


@dataclass(frozen=True)
class Freshness:
    text: str
    is_stale: bool


@dataclass(frozen=True)
class PhoneLine:
    number: str
    label: str
    href: str


@dataclass(frozen=True)
class Listing:
    name: str
    url: str
    organisation: str
    ownership: str
    distance: str
    address: str
    care_types: tuple[str, ...]
    payment: tuple[str, ...]
    ages: str
    languages: str
    gender: str
    availability: str
    is_accepting: bool
    phones: tuple[PhoneLine, ...]
    website: str
    freshness: Freshness


def distance_text(kilometres: float) -> str:
    miles = km_to_miles(kilometres)
    if miles < 0.1:
        return gettext("Less than 0.1 miles away")
    return gettext("%(miles)s miles away (%(kilometres)s km)") % {
        "miles": decimal(miles),
        "kilometres": decimal(kilometres),
    }


def decimal(number: float) -> str:
    """One decimal place, rounded as Python rounds, with the page's decimal mark ("2.5", or "2,5" in Spanish)."""
    return f"{number:.1f}".replace(".", str(get_format("DECIMAL_SEPARATOR")))


def freshness(last_verified_on: date | None, source: str, today: date | None = None) -> Freshness:
    if last_verified_on is None:
        unknown = gettext("We do not know when these details were last checked. Call before you go.")
        return Freshness(unknown, is_stale=True)
    age_days = ((today or timezone.localdate()) - last_verified_on).days
    where_from = f" ({source})" if source else ""
    checked = {"ago": time_ago(age_days), "date": date_format(last_verified_on, "j F Y"), "source": where_from}
    text = gettext("Last checked %(ago)s, on %(date)s%(source)s.") % checked
    if age_days > STALE_AFTER_DAYS:
        old = gettext("That is over a year ago: call to check before you go.")
        return Freshness(f"{text} {old}", is_stale=True)
    return Freshness(text, is_stale=False)


def time_ago(days: int) -> str:
    if days <= 0:
        return gettext("today")
    if days < 14:
        return ngettext("%(count)d day ago", "%(count)d days ago", days) % {"count": days}
    if days < 60:
        return gettext("%(count)d weeks ago") % {"count": days // 7}
    if days < 730:
        return gettext("%(count)d months ago") % {"count": days // 30}
    return gettext("%(count)d years ago") % {"count": days // 365}


def availability_text(accepting: str, wait_weeks: int | None) -> str:
    text = gettext(ACCEPTING_LABELS[Accepting(accepting)])
    if wait_weeks is None:
        return text
    if wait_weeks == 0:
        return gettext("%(accepting)s. Usually no wait.") % {"accepting": text}
    wait = ngettext(
        "%(accepting)s. Usual wait about %(count)d week.",
        "%(accepting)s. Usual wait about %(count)d weeks.",
        wait_weeks,
    )
    return wait % {"accepting": text, "count": wait_weeks}


def address_text(location: Location) -> str:
    parts = (location.address_1, location.address_2, location.city, location.region, location.postal_code)
    return ", ".join(part for part in parts if part)


def phone_lines(phones: Iterable[Phone]) -> tuple[PhoneLine, ...]:
    lines = []
    for phone in phones:
        digits = "".join(character for character in phone.number if character.isdigit() or character == "+")
        label = f"{phone.number} ({phone.description})" if phone.description else phone.number
        lines.append(PhoneLine(number=phone.number, label=label, href=f"tel:{digits}"))
    return tuple(lines)


def safe_website(address: str) -> str:
    """Only web addresses become links: imports check this too, but a link is where it would do harm."""
    return address if WEB_ADDRESS.match(address) else ""


def listing(
    service: Service,
    location: Location,
    phones: Iterable[Phone],
    distance_km: float | None,
) -> Listing:
    region = current_region().value
    return Listing(
        name=service.name,
        url=url_prefix("directory:service") + str(service.pk),
        organisation=service.organization.name,
        ownership=gettext(ownership_label(Ownership(service.organization.ownership), region)),
        distance=distance_text(distance_km) if distance_km is not None else "",
        address=address_text(location),
        care_types=translated(CARE_TYPES.labels_in(service.care_types)),
        payment=translated(payment_options_for(region).labels_in(service.payment_options)),
        ages=", ".join(translated(AGE_GROUPS.labels_in(service.age_groups))) or gettext("Not stated"),
        languages=", ".join(language_names(service.language_codes.split())) or gettext("Not stated"),
        gender=gettext(GENDER_LABELS[Gender(service.gender)]),
        availability=availability_text(service.accepting, service.typical_wait_weeks),
        is_accepting=is_accepting(service.accepting),
        phones=phone_lines(phones),
        website=safe_website(service.url or service.organization.website),
        freshness=freshness(service.last_verified_on, service.verification_source),
    )


def in_page_language(english: str, wording: str, values: tuple[tuple[str, str], ...]) -> str:
    """A place's label or problem (geography/places.py) in the page's language; with no wording (a postcode), as is."""
    return gettext(wording) % dict(values) if wording else english


def translated(labels: Iterable[str]) -> tuple[str, ...]:
    """The taxonomy's English labels in the page's language (taxonomy.py marks them for the catalogue)."""
    return tuple(gettext(label) for label in labels)


def language_names(codes: Iterable[str]) -> list[str]:
    # A code outside the vocabulary is shown as it is: gettext would never be asked for an unknown word
    return [gettext(LANGUAGES.label_of(code)) if code in LANGUAGES.bits else code for code in codes]


FILTER_VOCABULARIES = {
    "care_type": CARE_TYPES,
    "payment": PAYMENT_OPTIONS,
    "age_group": AGE_GROUPS,
    "language": LANGUAGES,
}
FLAG_LABELS = {"accepting": gettext_lazy("taking new clients"), "telehealth": gettext_lazy("telehealth")}


@dataclass(frozen=True)
class ChosenFilters:
    """The filters a person chose: as hidden fields, to keep them across a new search, and as words."""

    hidden_fields: tuple[tuple[str, str], ...]
    labels: tuple[str, ...]


def chosen_filters(data: dict[str, Any]) -> ChosenFilters:
    fields: list[tuple[str, str]] = []
    labels: list[str] = []
    for name, vocabulary in FILTER_VOCABULARIES.items():
        value = data.get(name) or []
        if vocabulary is PAYMENT_OPTIONS:
            vocabulary = payment_options_for(current_region().value)
        for code in [value] if isinstance(value, str) else value:
            fields.append((name, code))
            labels.append(gettext(vocabulary.label_of(code)) if code in vocabulary.bits else code)
    for name, label in FLAG_LABELS.items():
        if data.get(name):
            fields.append((name, "on"))
            labels.append(str(label))
    return ChosenFilters(hidden_fields=tuple(fields), labels=tuple(labels))
