"""Checking answers against a questionnaire, and working out which questions are switched on."""

from collections.abc import Mapping

from waypost.instruments.definitions import AnswerOption, Answers, Instrument, Item
from waypost.instruments.errors import InvalidResponse


def check_answers(instrument: Instrument, answers: object) -> dict[str, str]:
    if not isinstance(answers, Mapping):
        raise InvalidResponse("Answers must map each question's linkId to an answer code.")
    checked: dict[str, str] = {}
    for link_id, code in answers.items():
        if not isinstance(link_id, str) or not isinstance(code, str):
            raise InvalidResponse("Answers must map each question's linkId (text) to an answer code (text).")
        require_option(instrument, require_question(instrument, link_id), code)
        checked[link_id] = code
    return checked


def require_known_item(instrument: Instrument, link_id: str) -> Item:
    item = instrument.item(link_id)
    if item is None:
        raise InvalidResponse(f"The questionnaire '{instrument.questionnaire_id}' has no question '{link_id}'.")
    return item


def require_question(instrument: Instrument, link_id: str) -> Item:
    item = require_known_item(instrument, link_id)
    if not item.is_question:
        raise InvalidResponse(
            f"Item '{link_id}' of '{instrument.questionnaire_id}' is not a question that takes an answer."
        )
    return item


def require_option(instrument: Instrument, item: Item, code: str) -> AnswerOption:
    option = item.option_for(code)
    if option is None:
        raise InvalidResponse(
            f"'{code}' is not one of the answers to question '{item.link_id}' of '{instrument.questionnaire_id}'."
        )
    return option


def enabled_answers(instrument: Instrument, answers: Answers) -> dict[str, str]:
    """Keep answers only to switched-on questions: FHIR treats answers to disabled questions as absent."""
    effective: dict[str, str] = {}
    for item in instrument.questions:
        if item.link_id in answers and item.is_enabled(effective):
            effective[item.link_id] = answers[item.link_id]
    return effective


def unanswered_required_questions(instrument: Instrument, effective: Answers) -> tuple[str, ...]:
    return tuple(
        item.link_id
        for item in instrument.questions
        if item.is_required and item.is_enabled(effective) and item.link_id not in effective
    )


def total_of(instrument: Instrument, effective: Answers) -> int:
    return sum(
        item.weight_for(effective[item.link_id]) for item in instrument.scored_items if item.link_id in effective
    )
