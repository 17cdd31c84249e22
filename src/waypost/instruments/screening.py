"""Two-question screens that decide whether a journey expands to the full PHQ-9 or GAD-7."""

from collections.abc import Mapping

from waypost.instruments.answers import require_option, require_question
from waypost.instruments.errors import InvalidResponse
from waypost.instruments.registry import get_instrument

FIRST_TWO_QUESTIONS = ("1", "2")
# PHQ-2 (Kroenke 2003) and GAD-2 (Kroenke 2007): 3 or more out of 6 is positive.
POSITIVE_FROM = 3


def phq2_is_positive(answers: Mapping[str, str]) -> bool:
    """True when PHQ-9 questions 1 and 2 add up to 3 or more; `answers` uses the PHQ-9 linkIds."""
    return first_two_total("phq-9", answers) >= POSITIVE_FROM


def gad2_is_positive(answers: Mapping[str, str]) -> bool:
    """True when GAD-7 questions 1 and 2 add up to 3 or more; `answers` uses the GAD-7 linkIds."""
    return first_two_total("gad-7", answers) >= POSITIVE_FROM


def first_two_total(questionnaire_id: str, answers: Mapping[str, str]) -> int:
    instrument = get_instrument(questionnaire_id)
    total = 0
    for link_id in FIRST_TWO_QUESTIONS:
        if link_id not in answers:
            raise InvalidResponse(
                f"The two-question screen needs an answer to question '{link_id}' of '{questionnaire_id}'."
            )
        option = require_option(instrument, require_question(instrument, link_id), answers[link_id])
        total += option.weight or 0
    return total
