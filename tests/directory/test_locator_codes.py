from __future__ import annotations

import pytest

from waypost.directory.hsds.importing.locator_codes import (
    KETAMINE_INFUSION,
    MENTAL_HEALTH,
    SUBSTANCE_USE,
    Effect,
    category_for,
    corrected_coordinates,
    effects_of,
    gender_for,
    normalised_label,
    ownership_for,
)
from waypost.directory.taxonomy import Category, Gender, Ownership


@pytest.mark.parametrize(
    ("code", "values", "expected"),
    [
        ("KIT", "", (Effect("kind", KETAMINE_INFUSION),)),
        ("TAP", "Ketamine infusion therapy", (Effect("kind", KETAMINE_INFUSION),)),
        ("OD", "", (Effect("kind", SUBSTANCE_USE), Effect("care_type", "withdrawal-outpatient"))),
        ("SET", "Long-term residential", (Effect("care_type", "residential-long"),)),
        ("SET", "Short-term residential (30 days or less)", (Effect("care_type", "residential-short"),)),
        ("PAY", "Medicaid; Cash or self-payment", (Effect("payment", "medicaid"), Effect("payment", "self-pay"))),
        ("PYAS", "Sliding fee scale (fee is based on income and other factors)", (Effect("payment", "sliding-scale"),)),
        ("LANG", "Spanish", (Effect("language", "es"),)),
        ("SN", "Female", (Effect("gender", "women"),)),
        ("FOP", "Private non-profit organization", (Effect("ownership", "charity"),)),
        ("XYZ", "Something we do not map", ()),
        ("TC", "sa; MH", (Effect("kind", SUBSTANCE_USE), Effect("kind", MENTAL_HEALTH))),
    ],
)
def test_maps_locator_codes_and_labels_to_our_vocabulary(code: str, values: str, expected: tuple[Effect, ...]) -> None:
    assert effects_of(code, values) == expected


@pytest.mark.parametrize(
    ("kinds", "category"),
    [
        ([SUBSTANCE_USE], Category.ADDICTION),
        ([KETAMINE_INFUSION], Category.KETAMINE_INFUSION),
        ([SUBSTANCE_USE, KETAMINE_INFUSION], Category.KETAMINE_INFUSION),
        ([MENTAL_HEALTH], Category.MENTAL_HEALTH),
        ([], Category.MENTAL_HEALTH),
    ],
)
def test_files_anything_offering_ketamine_infusions_apart_from_addiction_help(
    kinds: list[str], category: Category
) -> None:
    assert category_for(kinds) is category


@pytest.mark.parametrize(
    ("codes", "gender"),
    [([], Gender.ANYONE), (["women"], Gender.WOMEN), (["men"], Gender.MEN), (["women", "men"], Gender.ANYONE)],
)
def test_reads_who_a_facility_accepts(codes: list[str], gender: Gender) -> None:
    assert gender_for(codes) is gender


def test_names_an_owner_only_when_the_row_gives_exactly_one() -> None:
    assert ownership_for(["public"]) is Ownership.PUBLIC
    assert ownership_for(["public", "private"]) is Ownership.UNKNOWN
    assert ownership_for([]) is Ownership.UNKNOWN


@pytest.mark.parametrize(
    ("given", "corrected"),
    [((41.88, -87.63), (41.88, -87.63)), ((-87.63, 41.88), (41.88, -87.63)), ((52.0, 172.5), (52.0, 172.5))],
)
def test_unswaps_coordinates_that_came_the_wrong_way_round(
    given: tuple[float, float], corrected: tuple[float, float]
) -> None:
    assert corrected_coordinates(*given) == corrected


def test_normalises_labels_before_matching() -> None:
    assert normalised_label("  Short-term   Residential (30 days or less) ") == "short-term residential"
