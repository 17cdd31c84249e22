"""Which services are listed, and which match a person's filters. Pure: search.py does the same in SQL, and the
tests check the two agree on random data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from waypost.directory.taxonomy import CARE_TYPES, TELEHEALTH, Accepting, Category, Status


def is_listed(category: str, status: str) -> bool:
    """Only active addiction services appear in search. Ketamine infusion clinics never do (taxonomy.Category)."""
    return category == Category.ADDICTION and status == Status.ACTIVE


def is_accepting(accepting: str) -> bool:
    return accepting == Accepting.YES


@dataclass(frozen=True)
class Facets:
    """What a listing offers, as bit sets over the taxonomy vocabularies."""

    care_types: int
    payment_options: int
    age_groups: int
    languages: int
    is_accepting: bool


@dataclass(frozen=True)
class Filters:
    """What a person asked for. Within a facet any ticked option will do; every facet given must match."""

    care_types: int = 0
    payment_options: int = 0
    age_groups: int = 0
    languages: int = 0
    accepting_only: bool = False
    telehealth_only: bool = False

    def required_masks(self) -> list[tuple[str, int]]:
        """(facet name, bits of which at least one must be set) for each test this person's choices make.

        Telehealth is a care type, so it adds a second test on care_types rather than a facet of its own.
        """
        masks = [
            ("care_types", self.care_types),
            ("payment_options", self.payment_options),
            ("age_groups", self.age_groups),
            ("languages", self.languages),
        ]
        required = [(name, mask) for name, mask in masks if mask]
        if self.telehealth_only:
            required.append(("care_types", CARE_TYPES.mask_of([TELEHEALTH])))
        return required


def matches(facets: Facets, filters: Filters) -> bool:
    if filters.accepting_only and not facets.is_accepting:
        return False
    return all(getattr(facets, name) & mask for name, mask in filters.required_masks())


KETAMINE_INFUSION_WORDS = re.compile(r"\bketamine[- ](?:infusions?|assisted|clinics?)\b", re.IGNORECASE)


def looks_like_ketamine_infusion(text: str) -> bool:
    """A safety net for imported data that does not say its category: infusion clinics describe themselves so."""
    return KETAMINE_INFUSION_WORDS.search(text) is not None
