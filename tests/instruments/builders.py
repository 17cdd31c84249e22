"""Builders for answers and QuestionnaireResponses used across the instrument tests."""

from collections.abc import Mapping
from typing import Any

from waypost.instruments.registry import get_instrument, get_questionnaire
from waypost.instruments.terminology import DEFAULT_FHIR_BASE_URL


def canonical_url(questionnaire_id: str) -> str:
    return f"{DEFAULT_FHIR_BASE_URL}/Questionnaire/{questionnaire_id}"


def answer_system(questionnaire_id: str, link_id: str, code: str) -> str:
    """The code system the published questionnaire file gives this answer."""
    item = next(item for item in get_questionnaire(questionnaire_id)["item"] if item["linkId"] == link_id)
    option = next(option for option in item["answerOption"] if option["valueCoding"]["code"] == code)
    system: str = option["valueCoding"]["system"]
    return system


def questionnaire_response(questionnaire_id: str, answers: Mapping[str, str], **fields: Any) -> dict[str, Any]:
    items = [
        {
            "linkId": link_id,
            "answer": [{"valueCoding": {"system": answer_system(questionnaire_id, link_id, code), "code": code}}],
        }
        for link_id, code in answers.items()
    ]
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": canonical_url(questionnaire_id),
        "status": "completed",
        "item": items,
        **fields,
    }


def answers_totalling(questionnaire_id: str, total: int) -> dict[str, str]:
    """A complete set of answers whose weights add up to `total`, filling scored questions in order."""
    instrument = get_instrument(questionnaire_id)
    answers: dict[str, str] = {}
    remaining = total
    for item in instrument.questions:
        if not item.is_enabled(answers):
            continue
        if item.is_scored:
            wanted = min(remaining, item.maximum_weight)
            option = next(option for option in item.options if option.weight == wanted)
            remaining -= wanted
        else:
            option = item.options[0]
        answers[item.link_id] = option.code
    assert remaining == 0, f"{questionnaire_id} cannot reach a total of {total}"
    return answers


def all_answers(questionnaire_id: str, code: str) -> dict[str, str]:
    """The same answer code to every scored question."""
    return {item.link_id: code for item in get_instrument(questionnaire_id).scored_items}
