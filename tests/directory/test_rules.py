from __future__ import annotations

import pytest

from waypost.directory.rules import Facets, Filters, is_listed, looks_like_ketamine_infusion, matches
from waypost.directory.taxonomy import CARE_TYPES, PAYMENT_OPTIONS, Category, Status

OFFERS = Facets(
    care_types=CARE_TYPES.mask_of(["aftercare", "telehealth"]),
    payment_options=PAYMENT_OPTIONS.mask_of(["free"]),
    age_groups=0b11,
    languages=0b1,
    is_accepting=False,
)


@pytest.mark.parametrize(
    ("category", "status", "listed"),
    [
        (Category.ADDICTION, Status.ACTIVE, True),
        (Category.KETAMINE_INFUSION, Status.ACTIVE, False),
        (Category.MENTAL_HEALTH, Status.ACTIVE, False),
        (Category.ADDICTION, Status.TEMPORARILY_CLOSED, False),
        (Category.ADDICTION, Status.DEFUNCT, False),
    ],
)
def test_lists_only_active_addiction_services(category: Category, status: Status, listed: bool) -> None:
    assert is_listed(category, status) is listed


@pytest.mark.parametrize(
    ("filters", "is_match"),
    [
        (Filters(), True),
        (Filters(care_types=CARE_TYPES.mask_of(["aftercare", "harm-reduction"])), True),
        (Filters(care_types=CARE_TYPES.mask_of(["harm-reduction"])), False),
        (Filters(payment_options=PAYMENT_OPTIONS.mask_of(["medicaid"])), False),
        (Filters(age_groups=0b10, languages=0b1), True),
        (Filters(languages=0b10), False),
        (Filters(accepting_only=True), False),
        (Filters(telehealth_only=True), True),
        (Filters(telehealth_only=True, care_types=CARE_TYPES.mask_of(["aftercare"])), True),
        # Telehealth is tested on its own: offering it does not satisfy a choice of other care types
        (Filters(telehealth_only=True, care_types=CARE_TYPES.mask_of(["harm-reduction"])), False),
    ],
)
def test_matches_any_option_within_a_filter_and_every_filter_given(filters: Filters, is_match: bool) -> None:
    assert matches(OFFERS, filters) is is_match


@pytest.mark.parametrize(
    ("text", "is_infusion"),
    [
        ("Ketamine Infusion Clinic", True),
        ("ketamine-assisted psychotherapy", True),
        ("Help for people who use ketamine", False),
        ("Ketamine bladder clinic", False),
    ],
)
def test_spots_infusion_clinics_that_do_not_say_their_category(text: str, is_infusion: bool) -> None:
    assert looks_like_ketamine_infusion(text) is is_infusion
