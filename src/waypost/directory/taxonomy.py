"""The directory's controlled vocabulary: care types, payment, ages, languages and the single-choice facets.

Pure Python. Each multi-valued facet is stored on a service as a bit set (one bit per term, in the order listed
here), so one index answers a radius search and its filters together. Append new terms at the end of a tuple:
reordering would change the meaning of stored bits. HSDS exports carry the codes, never the bits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, cached_property

# Labels are marked for the catalogue here and translated where they are shown (presenters, forms)
from waypost.core.wording import gettext_noop as _


@dataclass(frozen=True)
class Term:
    code: str
    label: str


@dataclass(frozen=True)
class Vocabulary:
    name: str
    label: str
    terms: tuple[Term, ...]

    def codes(self) -> tuple[str, ...]:
        return tuple(term.code for term in self.terms)

    @cached_property
    def bits(self) -> dict[str, int]:
        return {term.code: 1 << position for position, term in enumerate(self.terms)}

    def mask_of(self, codes: Iterable[str]) -> int:
        """The bit set for these codes; codes outside this vocabulary are ignored."""
        bits = self.bits
        mask = 0
        for code in codes:
            mask |= bits.get(code, 0)
        return mask

    def codes_in(self, mask: int) -> tuple[str, ...]:
        return tuple(term.code for position, term in enumerate(self.terms) if mask & (1 << position))

    def labels_in(self, mask: int) -> tuple[str, ...]:
        return tuple(term.label for position, term in enumerate(self.terms) if mask & (1 << position))

    def label_of(self, code: str) -> str:
        return next((term.label for term in self.terms if term.code == code), code)


CARE_TYPES = Vocabulary(
    "care_type",
    "Type of care",
    (
        Term("withdrawal-inpatient", _("Medically supervised withdrawal (inpatient)")),
        Term("withdrawal-outpatient", _("Medically supervised withdrawal (outpatient)")),
        Term("residential-short", _("Residential (short stay)")),
        Term("residential-long", _("Residential (long stay)")),
        Term("day-programme", _("Partial hospitalisation or day programme")),
        Term("intensive-outpatient", _("Intensive outpatient")),
        Term("outpatient-counselling", _("Outpatient counselling")),
        Term("aftercare", _("Aftercare and recovery support")),
        Term("peer-support", _("Peer support groups")),
        Term("harm-reduction", _("Harm reduction")),
        Term("dual-diagnosis", _("Co-occurring mental health (dual diagnosis)")),
        Term("family-support", _("Family support")),
        Term("urology", _("Urology or bladder clinic")),
        Term("telehealth", _("Telehealth (by phone or video)")),
    ),
)
TELEHEALTH = "telehealth"

PAYMENT_OPTIONS = Vocabulary(
    "payment",
    "Payment",
    (
        Term("free", _("Free or publicly funded (NHS)")),
        Term("private-insurance", _("Private health insurance")),
        Term("medicaid", _("Medicaid")),
        Term("medicare", _("Medicare")),
        Term("self-pay", _("Self-pay")),
        Term("sliding-scale", _("Sliding scale (fee based on income)")),
    ),
)

# Payment as each region speaks of it: the NHS only in the UK, Medicaid and Medicare only in the US (issue 18).
# The terms and their bits stay the same everywhere; only the words and the filters offered change.
REGIONAL_PAYMENT_LABELS = {"uk": {}, "us": {"free": _("Free or publicly funded")}}
PAYMENT_FILTERS_LEFT_OUT = {"uk": ("medicaid", "medicare"), "us": ()}


@cache
def payment_options_for(region: str) -> Vocabulary:
    labels = REGIONAL_PAYMENT_LABELS[region]
    terms = tuple(Term(term.code, labels.get(term.code, term.label)) for term in PAYMENT_OPTIONS.terms)
    return Vocabulary(PAYMENT_OPTIONS.name, PAYMENT_OPTIONS.label, terms)


AGE_GROUPS = Vocabulary(
    "age_group",
    "Ages served",
    (
        Term("children", _("Children (under 13)")),
        Term("young-people", _("Young people (13 to 17)")),
        Term("young-adults", _("Young adults (18 to 25)")),
        Term("adults", _("Adults (26 to 64)")),
        Term("older-adults", _("Older adults (65 and over)")),
    ),
)

# ISO 639-1 codes, with "sgn" (ISO 639-2) for sign languages; other languages are kept but cannot be filtered
LANGUAGES = Vocabulary(
    "language",
    "Languages",
    (
        Term("en", _("English")),
        Term("es", _("Spanish")),
        Term("sgn", _("Sign language (BSL or ASL)")),
        Term("pl", _("Polish")),
        Term("ur", _("Urdu")),
        Term("pa", _("Punjabi")),
        Term("bn", _("Bengali")),
        Term("gu", _("Gujarati")),
        Term("ar", _("Arabic")),
        Term("zh", _("Chinese")),
        Term("pt", _("Portuguese")),
        Term("ro", _("Romanian")),
        Term("so", _("Somali")),
        Term("fr", _("French")),
        Term("tr", _("Turkish")),
        Term("vi", _("Vietnamese")),
        Term("ru", _("Russian")),
        Term("ko", _("Korean")),
        Term("tl", _("Tagalog")),
        Term("ht", _("Haitian Creole")),
        Term("cy", _("Welsh")),
    ),
)

MULTI_VALUED = (CARE_TYPES, PAYMENT_OPTIONS, AGE_GROUPS, LANGUAGES)


class Category(StrEnum):
    """What a service is for. Only ADDICTION services are ever listed in search results."""

    ADDICTION = "addiction"
    # Ketamine given as a treatment for depression: a different thing, kept apart on purpose
    KETAMINE_INFUSION = "ketamine-infusion"
    MENTAL_HEALTH = "mental-health"


CATEGORY_LABELS = {
    Category.ADDICTION: "Help with drug or alcohol use",
    Category.KETAMINE_INFUSION: "Ketamine infusion therapy (a treatment for depression, not addiction help)",
    Category.MENTAL_HEALTH: "Mental health care only",
}


class Status(StrEnum):
    """HSDS service status."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    DEFUNCT = "defunct"
    TEMPORARILY_CLOSED = "temporarily closed"


class Accepting(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


ACCEPTING_LABELS = {
    Accepting.YES: _("Accepting new clients"),
    Accepting.NO: _("Not accepting new clients"),
    Accepting.UNKNOWN: _("Not known whether accepting new clients"),
}


class Gender(StrEnum):
    ANYONE = "anyone"
    WOMEN = "women"
    MEN = "men"


GENDER_LABELS = {Gender.ANYONE: _("Anyone"), Gender.WOMEN: _("Women only"), Gender.MEN: _("Men only")}


class Ownership(StrEnum):
    PUBLIC = "public"
    CHARITY = "charity"
    PRIVATE = "private"
    UNKNOWN = "unknown"


# "NHS" is a British word; elsewhere the public owner is the government
REGIONAL_OWNERSHIP_LABELS = {"uk": {}, "us": {Ownership.PUBLIC: _("Government")}}


def ownership_label(ownership: Ownership, region: str) -> str:
    return REGIONAL_OWNERSHIP_LABELS[region].get(ownership) or OWNERSHIP_LABELS[ownership]


OWNERSHIP_LABELS = {
    Ownership.PUBLIC: "NHS or government",
    Ownership.CHARITY: "Charity or non-profit",
    Ownership.PRIVATE: "Private company",
    Ownership.UNKNOWN: "Not known",
}
