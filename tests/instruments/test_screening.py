"""PHQ-2 and GAD-2: whether a journey should go on to the full PHQ-9 or GAD-7."""

from collections.abc import Callable, Mapping

import pytest

from waypost.instruments.errors import InvalidResponse
from waypost.instruments.screening import gad2_is_positive, phq2_is_positive
from waypost.instruments.terminology import (
    MORE_THAN_HALF_THE_DAYS,
    NEARLY_EVERY_DAY,
    NOT_AT_ALL,
    SEVERAL_DAYS,
)

Screen = Callable[[Mapping[str, str]], bool]
SCREENS = [pytest.param(phq2_is_positive, id="phq-2"), pytest.param(gad2_is_positive, id="gad-2")]


@pytest.mark.parametrize("is_positive", SCREENS)
@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (NOT_AT_ALL, NOT_AT_ALL, False),
        (SEVERAL_DAYS, SEVERAL_DAYS, False),
        (MORE_THAN_HALF_THE_DAYS, SEVERAL_DAYS, True),
        (NEARLY_EVERY_DAY, NOT_AT_ALL, True),
        (NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, True),
    ],
)
def test_is_positive_from_three_points_on_the_first_two_questions(
    is_positive: Screen, first: str, second: str, expected: bool
) -> None:
    assert is_positive({"1": first, "2": second}) is expected


@pytest.mark.parametrize("is_positive", SCREENS)
def test_ignores_questions_after_the_first_two(is_positive: Screen) -> None:
    assert not is_positive({"1": SEVERAL_DAYS, "2": SEVERAL_DAYS, "3": NEARLY_EVERY_DAY})


@pytest.mark.parametrize("is_positive", SCREENS)
def test_needs_both_of_the_first_two_answers(is_positive: Screen) -> None:
    with pytest.raises(InvalidResponse, match="needs an answer to question '2'"):
        is_positive({"1": NEARLY_EVERY_DAY})


@pytest.mark.parametrize("is_positive", SCREENS)
def test_rejects_an_answer_that_is_not_an_option(is_positive: Screen) -> None:
    with pytest.raises(InvalidResponse, match="'LA33-6' is not one of the answers to question '1'"):
        is_positive({"1": "LA33-6", "2": NOT_AT_ALL})
