from __future__ import annotations

import pytest

from waypost.directory.taxonomy import AGE_GROUPS, CARE_TYPES, LANGUAGES, MULTI_VALUED, PAYMENT_OPTIONS


def test_offers_the_care_types_the_issue_lists_in_a_fixed_order() -> None:
    assert CARE_TYPES.codes() == (
        "withdrawal-inpatient",
        "withdrawal-outpatient",
        "residential-short",
        "residential-long",
        "day-programme",
        "intensive-outpatient",
        "outpatient-counselling",
        "aftercare",
        "peer-support",
        "harm-reduction",
        "dual-diagnosis",
        "family-support",
        "urology",
        "telehealth",
    )
    assert PAYMENT_OPTIONS.codes() == ("free", "private-insurance", "medicaid", "medicare", "self-pay", "sliding-scale")


@pytest.mark.parametrize(
    ("codes", "mask"),
    [((), 0), (("withdrawal-inpatient",), 1), (("aftercare", "withdrawal-inpatient"), 0b10000001), (("nonsense",), 0)],
)
def test_stores_care_types_as_bits_in_listed_order(codes: tuple[str, ...], mask: int) -> None:
    assert CARE_TYPES.mask_of(codes) == mask


@pytest.mark.parametrize("vocabulary", MULTI_VALUED, ids=lambda vocabulary: vocabulary.name)
def test_reads_back_every_code_it_stores(vocabulary: object) -> None:
    from waypost.directory.taxonomy import Vocabulary

    assert isinstance(vocabulary, Vocabulary)
    for code in vocabulary.codes():
        assert vocabulary.codes_in(vocabulary.mask_of([code])) == (code,)
    assert vocabulary.codes_in(vocabulary.mask_of(vocabulary.codes())) == vocabulary.codes()
    # Stored in a 32-bit integer column on both databases
    assert len(vocabulary.terms) < 31


def test_labels_unknown_codes_with_the_code_itself() -> None:
    assert LANGUAGES.label_of("es") == "Spanish"
    assert LANGUAGES.label_of("xx") == "xx"
    assert AGE_GROUPS.labels_in(AGE_GROUPS.mask_of(["adults"])) == ("Adults (26 to 64)",)
