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
        Term("withdrawal-inpatient", "Medically supervised withdrawal (inpatient)"),
        Term("withdrawal-outpatient", "Medically supervised withdrawal (outpatient)"),
        Term("residential-short", "Residential (short stay)"),
        Term("residential-long", "Residential (long stay)"),
        Term("day-programme", "Partial hospitalisation or day programme"),
        Term("intensive-outpatient", "Intensive outpatient"),
        Term("outpatient-counselling", "Outpatient counselling"),
        Term("aftercare", "Aftercare and recovery support"),
        Term("peer-support", "Peer support groups"),
        Term("harm-reduction", "Harm reduction"),
        Term("dual-diagnosis", "Co-occurring mental health (dual diagnosis)"),
        Term("family-support", "Family support"),
        Term("urology", "Urology or bladder clinic"),
        Term("telehealth", "Telehealth (by phone or video)"),
    ),
)
TELEHEALTH = "telehealth"

PAYMENT_OPTIONS = Vocabulary(
    "payment",
    "Payment",
    (
        Term("free", "Free or publicly funded (NHS)"),
        Term("private-insurance", "Private health insurance"),
        Term("medicaid", "Medicaid"),
        Term("medicare", "Medicare"),
        Term("self-pay", "Self-pay"),
        Term("sliding-scale", "Sliding scale (fee based on income)"),
    ),
)

# Payment as each region speaks of it: the NHS only in the UK, Medicaid and Medicare only in the US (issue 18).
# The terms and their bits stay the same everywhere; only the words and the filters offered change.
REGIONAL_PAYMENT_LABELS = {"uk": {}, "us": {"free": "Free or publicly funded"}}
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
        Term("children", "Children (under 13)"),
        Term("young-people", "Young people (13 to 17)"),
        Term("young-adults", "Young adults (18 to 25)"),
        Term("adults", "Adults (26 to 64)"),
        Term("older-adults", "Older adults (65 and over)"),
    ),
)

# ISO 639-1 codes, with "sgn" (ISO 639-2) for sign languages; other languages are kept but cannot be filtered
LANGUAGES = Vocabulary(
    "language",
    "Languages",
    (
        Term("en", "English"),
        Term("es", "Spanish"),
        Term("sgn", "Sign language (BSL or ASL)"),
        Term("pl", "Polish"),
        Term("ur", "Urdu"),
        Term("pa", "Punjabi"),
        Term("bn", "Bengali"),
        Term("gu", "Gujarati"),
        Term("ar", "Arabic"),
        Term("zh", "Chinese"),
        Term("pt", "Portuguese"),
        Term("ro", "Romanian"),
        Term("so", "Somali"),
        Term("fr", "French"),
        Term("tr", "Turkish"),
        Term("vi", "Vietnamese"),
        Term("ru", "Russian"),
        Term("ko", "Korean"),
        Term("tl", "Tagalog"),
        Term("ht", "Haitian Creole"),
        Term("cy", "Welsh"),
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
    Accepting.YES: "Accepting new clients",
    Accepting.NO: "Not accepting new clients",
    Accepting.UNKNOWN: "Not known whether accepting new clients",
}


class Gender(StrEnum):
    ANYONE = "anyone"
    WOMEN = "women"
    MEN = "men"


GENDER_LABELS = {Gender.ANYONE: "Anyone", Gender.WOMEN: "Women only", Gender.MEN: "Men only"}


class Ownership(StrEnum):
    PUBLIC = "public"
    CHARITY = "charity"
    PRIVATE = "private"
    UNKNOWN = "unknown"


# "NHS" is a British word; elsewhere the public owner is the government
REGIONAL_OWNERSHIP_LABELS = {"uk": {}, "us": {Ownership.PUBLIC: "Government"}}


def ownership_label(ownership: Ownership, region: str) -> str:
    return REGIONAL_OWNERSHIP_LABELS[region].get(ownership) or OWNERSHIP_LABELS[ownership]


OWNERSHIP_LABELS = {
    Ownership.PUBLIC: "NHS or government",
    Ownership.CHARITY: "Charity or non-profit",
    Ownership.PRIVATE: "Private company",
    Ownership.UNKNOWN: "Not known",
}
