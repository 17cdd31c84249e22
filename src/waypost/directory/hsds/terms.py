"""Waypost's vocabulary as HSDS taxonomy terms, so exports say what each service offers. Pure.

Every term lives in one taxonomy, "waypost-directory", with codes of the form "<facet>:<value>", for example
"care_type:aftercare" or "accepting:yes". Languages use HSDS's own language objects instead.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import cached_property

from waypost.directory.taxonomy import (
    ACCEPTING_LABELS,
    AGE_GROUPS,
    CARE_TYPES,
    CATEGORY_LABELS,
    GENDER_LABELS,
    OWNERSHIP_LABELS,
    PAYMENT_OPTIONS,
)

TAXONOMY_NAME = "waypost-directory"
TAXONOMY_ID = uuid.uuid5(uuid.NAMESPACE_URL, "https://waypost.invalid/taxonomy/waypost-directory")
WAIT_WEEKS_CODE = "typical_wait_weeks"


@dataclass(frozen=True)
class HsdsTerm:
    code: str
    name: str

    @cached_property
    def id(self) -> str:
        return str(uuid.uuid5(TAXONOMY_ID, self.code))


def facet_terms() -> tuple[HsdsTerm, ...]:
    terms = [
        *(
            HsdsTerm(f"{vocabulary.name}:{term.code}", term.label)
            for vocabulary in (CARE_TYPES, PAYMENT_OPTIONS, AGE_GROUPS)
            for term in vocabulary.terms
        ),
        *(HsdsTerm(f"category:{value}", label) for value, label in CATEGORY_LABELS.items()),
        *(HsdsTerm(f"gender:{value}", label) for value, label in GENDER_LABELS.items()),
        *(HsdsTerm(f"accepting:{value}", label) for value, label in ACCEPTING_LABELS.items()),
        *(HsdsTerm(f"ownership:{value}", label) for value, label in OWNERSHIP_LABELS.items()),
        HsdsTerm(WAIT_WEEKS_CODE, "Typical wait in weeks"),
    ]
    return tuple(terms)


TERMS_BY_CODE = {term.code: term for term in facet_terms()}
TERMS_BY_ID = {term.id: term for term in facet_terms()}


def split_code(code: str) -> tuple[str, str]:
    facet, _, value = code.partition(":")
    return facet, value
