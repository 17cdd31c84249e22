"""The scoring engine: the source of truth for totals, bands and flags."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from waypost.instruments.answers import (
    check_answers,
    enabled_answers,
    total_of,
    unanswered_required_questions,
)
from waypost.instruments.bands import classify_total
from waypost.instruments.flags import Flag, raised_flags
from waypost.instruments.registry import get_instrument
from waypost.instruments.responses import answers_from_response
from waypost.instruments.terminology import SOURCE_LANGUAGE


@dataclass(frozen=True)
class Score:
    questionnaire: str
    total: int
    band: str | None
    band_label: str | None
    complete: bool
    flags: tuple[Flag, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "questionnaire": self.questionnaire,
            "total": self.total,
            "band": self.band,
            "band_label": self.band_label,
            "complete": self.complete,
            "flags": [flag.value for flag in self.flags],
        }


def score_answers(questionnaire_id: str, answers: Mapping[str, str], language: str = SOURCE_LANGUAGE) -> Score:
    """Score coded answers (linkId to answer code); answers to switched-off questions are ignored.

    `language` picks whose item list checks the answers; only words differ between languages, so the score
    is the same in every one (tests/instruments/test_translations.py proves it on every published vector).
    """
    instrument = get_instrument(questionnaire_id, language)
    effective = enabled_answers(instrument, check_answers(instrument, answers))
    total = total_of(instrument, effective)
    is_complete = not unanswered_required_questions(instrument, effective)
    # An incomplete response has a running total but no band: a band needs every scored answer.
    band, band_label = classify_total(questionnaire_id, total) if is_complete else (None, None)
    return Score(
        questionnaire=questionnaire_id,
        total=total,
        band=band,
        band_label=band_label,
        complete=is_complete,
        flags=raised_flags(questionnaire_id, effective),
    )


def score_questionnaire_response(questionnaire_id: str, response: Mapping[str, Any]) -> Score:
    """Score a FHIR QuestionnaireResponse given as a JSON-like dict."""
    instrument = get_instrument(questionnaire_id)
    return score_answers(questionnaire_id, answers_from_response(instrument, response))
