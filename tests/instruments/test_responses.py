"""Scoring FHIR QuestionnaireResponses, nested answers included, and every way one can be wrong."""

from typing import Any

import pytest

from tests.instruments.builders import canonical_url, questionnaire_response
from waypost.instruments.errors import InvalidResponse
from waypost.instruments.responses import questionnaire_id_from_canonical
from waypost.instruments.scoring import score_questionnaire_response
from waypost.instruments.terminology import LOINC_SYSTEM, NEARLY_EVERY_DAY, NO, YES


def coded(code: str, system: str = LOINC_SYSTEM) -> dict[str, Any]:
    return {"valueCoding": {"system": system, "code": code}}


def response_with_items(items: Any, **fields: Any) -> dict[str, Any]:
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": canonical_url("dast-10"),
        "item": items,
        **fields,
    }


def test_reads_answers_nested_inside_groups_and_answers() -> None:
    items = [
        {
            "linkId": "intro",
            "item": [{"linkId": "1", "answer": [{**coded(YES), "item": [{"linkId": "2", "answer": [coded(YES)]}]}]}],
        },
    ]
    assert score_questionnaire_response("dast-10", response_with_items(items)).total == 2


def test_ignores_the_total_a_renderer_calculated_and_recalculates_it() -> None:
    items = [{"linkId": "1", "answer": [coded(YES)]}, {"linkId": "total", "answer": [{"valueInteger": 10}]}]
    assert score_questionnaire_response("dast-10", response_with_items(items)).total == 1


def test_accepts_questions_left_unanswered() -> None:
    items = [{"linkId": "1", "answer": [coded(YES)]}, {"linkId": "2"}, {"linkId": "3", "answer": []}]
    score = score_questionnaire_response("dast-10", response_with_items(items))
    assert (score.total, score.complete) == (1, False)


def test_accepts_an_answer_without_a_code_system() -> None:
    items = [{"linkId": "1", "answer": [{"valueCoding": {"code": YES}}]}]
    assert score_questionnaire_response("dast-10", response_with_items(items)).total == 1


def test_accepts_a_response_that_does_not_name_its_questionnaire() -> None:
    response = questionnaire_response("phq-9", {"9": NEARLY_EVERY_DAY})
    del response["questionnaire"]
    assert score_questionnaire_response("phq-9", response).total == 3


@pytest.mark.parametrize(
    ("canonical", "questionnaire_id"),
    [
        ("https://waypost.example/fhir/Questionnaire/phq-9", "phq-9"),
        ("https://clinic.example.org/fhir/Questionnaire/phq-9|1.0.0", "phq-9"),
        ("Questionnaire/gad-7", "gad-7"),
        ("sds", "sds"),
    ],
)
def test_reads_the_questionnaire_id_from_its_canonical_url(canonical: str, questionnaire_id: str) -> None:
    assert questionnaire_id_from_canonical(canonical) == questionnaire_id


@pytest.mark.parametrize(
    ("response", "message"),
    [
        ("not json", "A QuestionnaireResponse must be a JSON object."),
        ({"resourceType": "Patient"}, "Expected a QuestionnaireResponse, but resourceType is 'Patient'."),
        (
            response_with_items([], questionnaire=canonical_url("phq-9")),
            "This response answers questionnaire 'https://waypost.example/fhir/Questionnaire/phq-9', not 'dast-10'.",
        ),
        (
            response_with_items([], questionnaire=42),
            "This response answers questionnaire '42', not 'dast-10'.",
        ),
        (response_with_items({"linkId": "1"}), "Each 'item' in a QuestionnaireResponse must be a list."),
        (response_with_items(["1"]), "Every item in the response must be an object with a text linkId."),
        (
            response_with_items([{"linkId": 1}]),
            "Every item in the response must be an object with a text linkId.",
        ),
        (response_with_items([{"linkId": "99"}]), "The questionnaire 'dast-10' has no question '99'."),
        (
            response_with_items([{"linkId": "1", "answer": coded(YES)}]),
            "The answer to question '1' must be a list of answer objects.",
        ),
        (
            response_with_items([{"linkId": "1", "answer": ["LA33-6"]}]),
            "The answer to question '1' must be a list of answer objects.",
        ),
        (
            response_with_items([{"linkId": "1", "answer": [coded(YES), coded(NO)]}]),
            "Question '1' has more than one answer, but it takes only one.",
        ),
        (
            response_with_items([{"linkId": "1", "answer": [coded(YES)]}, {"linkId": "1", "answer": [coded(NO)]}]),
            "Question '1' is answered more than once in this response.",
        ),
        (
            response_with_items([{"linkId": "1", "answer": [{"valueBoolean": True}]}]),
            "The answer to question '1' must be a valueCoding with a code.",
        ),
        (
            response_with_items([{"linkId": "1", "answer": [{"valueCoding": {"code": 1}}]}]),
            "The answer to question '1' must be a valueCoding with a code.",
        ),
        (
            response_with_items([{"linkId": "1", "answer": [coded("maybe")]}]),
            "'maybe' is not one of the answers to question '1' of 'dast-10'.",
        ),
        (
            response_with_items([{"linkId": "1", "answer": [coded(YES, "http://snomed.info/sct")]}]),
            "The answer to question '1' uses code system 'http://snomed.info/sct', not 'http://loinc.org'.",
        ),
    ],
)
def test_rejects_a_response_that_does_not_fit_with_one_clear_sentence(response: Any, message: str) -> None:
    with pytest.raises(InvalidResponse) as raised:
        score_questionnaire_response("dast-10", response)
    assert str(raised.value) == message
