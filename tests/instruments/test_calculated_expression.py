"""Python totals agree with each Questionnaire's own SDC calculatedExpression, evaluated by fhirpathpy.

fhirpathpy has no `weight()`, so the test registers one. As in fhirpath.js, `weight()` first looks for
an itemWeight on the answer's own Coding; the test copies each chosen answerOption's extensions (read
straight from the JSON file, not through Waypost's parser) onto the answer Coding before evaluating.
"""

import copy
from decimal import Decimal
from typing import Any

import pytest
from fhirpathpy import compile as compile_fhirpath
from fhirpathpy.models import models
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.instruments.builders import questionnaire_response
from waypost.instruments.bands import BANDS_BY_QUESTIONNAIRE, LABELS_WITHOUT_BAND
from waypost.instruments.definitions import Instrument
from waypost.instruments.registry import get_instrument, get_questionnaire, list_questionnaire_ids
from waypost.instruments.scoring import Score, score_questionnaire_response
from waypost.instruments.terminology import CALCULATED_EXPRESSION_URL, ITEM_WEIGHT_URL, TOTAL_LINK_ID

MODEST = settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def weight(codings: list[Any]) -> list[Decimal]:
    """FHIRPath `weight()`: the itemWeight carried on each answer Coding."""
    return [
        Decimal(str(extension["valueDecimal"]))
        for coding in codings
        for extension in coding.get("extension", [])
        if extension["url"] == ITEM_WEIGHT_URL
    ]


def calculated_expression(questionnaire: dict[str, Any]) -> str:
    total = next(item for item in questionnaire["item"] if item["linkId"] == TOTAL_LINK_ID)
    extension = next(entry for entry in total["extension"] if entry["url"] == CALCULATED_EXPRESSION_URL)
    expression: str = extension["valueExpression"]["expression"]
    return expression


def with_weights_on_answers(questionnaire: dict[str, Any], response: dict[str, Any]) -> dict[str, Any]:
    annotated = copy.deepcopy(response)
    items = {item["linkId"]: item for item in questionnaire["item"]}
    for answered in annotated["item"]:
        coding = answered["answer"][0]["valueCoding"]
        options = items[answered["linkId"]]["answerOption"]
        chosen = next(option for option in options if option["valueCoding"]["code"] == coding["code"])
        coding["extension"] = copy.deepcopy(chosen.get("extension", []))
    return annotated


def fhirpath_total(questionnaire_id: str, response: dict[str, Any]) -> Decimal:
    questionnaire = get_questionnaire(questionnaire_id)
    return evaluate_calculated_total(questionnaire, with_weights_on_answers(questionnaire, response))


def evaluate_calculated_total(questionnaire: dict[str, Any], annotated_response: dict[str, Any]) -> Decimal:
    evaluate = compile_fhirpath(
        calculated_expression(questionnaire),
        models["r4"],
        {"userInvocationTable": {"weight": {"fn": weight, "arity": {0: []}}}},
    )
    [total] = evaluate(annotated_response, {"resource": annotated_response})
    return Decimal(str(total))


@st.composite
def answers_to(draw: st.DrawFn, instrument: Instrument, *, may_skip: bool) -> dict[str, str]:
    """Answers in question order, as a renderer collects them: switched-off questions stay unanswered."""
    answers: dict[str, str] = {}
    for item in instrument.questions:
        if not item.is_enabled(answers) or (may_skip and draw(st.booleans())):
            continue
        answers[item.link_id] = draw(st.sampled_from([option.code for option in item.options]))
    return answers


def score_matching_the_calculated_expression(questionnaire_id: str, answers: dict[str, str]) -> Score:
    """Score the answers as a QuestionnaireResponse, checking the total is in range and agrees with FHIRPath."""
    response = questionnaire_response(questionnaire_id, answers)
    score = score_questionnaire_response(questionnaire_id, response)
    assert 0 <= score.total <= get_instrument(questionnaire_id).maximum_total
    assert score.total == fhirpath_total(questionnaire_id, response)
    return score


@pytest.mark.parametrize("questionnaire_id", list_questionnaire_ids())
@MODEST
@given(data=st.data())
def test_complete_responses_score_in_range_and_match_the_calculated_expression(
    questionnaire_id: str, data: st.DataObject
) -> None:
    answers = data.draw(answers_to(get_instrument(questionnaire_id), may_skip=False))
    score = score_matching_the_calculated_expression(questionnaire_id, answers)
    assert score.complete
    assert (score.band is not None) is (questionnaire_id in BANDS_BY_QUESTIONNAIRE)
    assert score.band_label


@pytest.mark.parametrize("questionnaire_id", list_questionnaire_ids())
@MODEST
@given(data=st.data())
def test_partial_responses_score_in_range_and_match_the_calculated_expression(
    questionnaire_id: str, data: st.DataObject
) -> None:
    answers = data.draw(answers_to(get_instrument(questionnaire_id), may_skip=True))
    score = score_matching_the_calculated_expression(questionnaire_id, answers)
    if not score.complete:
        assert (score.band, score.band_label) == (None, None)


@pytest.mark.parametrize("questionnaire_id", list(BANDS_BY_QUESTIONNAIRE))
def test_bands_cover_every_possible_total_exactly_once(questionnaire_id: str) -> None:
    bands = BANDS_BY_QUESTIONNAIRE[questionnaire_id]
    covered = [total for band in bands for total in range(band.minimum, band.maximum + 1)]
    assert covered == list(range(get_instrument(questionnaire_id).maximum_total + 1))


def test_only_the_sds_and_the_safety_check_go_without_bands() -> None:
    assert set(LABELS_WITHOUT_BAND) == {"sds", "safety"}
    assert set(BANDS_BY_QUESTIONNAIRE) == set(list_questionnaire_ids()) - {"sds", "safety"}


def test_the_calculated_expression_also_scores_dast_item_three_in_reverse() -> None:
    all_no = questionnaire_response("dast-10", {str(number): "LA32-8" for number in range(1, 11)})
    assert fhirpath_total("dast-10", all_no) == 1


def test_the_calculated_expression_leaves_out_the_phq_9_difficulty_question_even_if_it_had_a_weight() -> None:
    questionnaire = get_questionnaire("phq-9")
    response = questionnaire_response("phq-9", {"1": "LA6571-9", "10": "LA6574-3"})
    annotated = with_weights_on_answers(questionnaire, response)
    annotated["item"][1]["answer"][0]["valueCoding"]["extension"] = [{"url": ITEM_WEIGHT_URL, "valueDecimal": 3}]
    assert evaluate_calculated_total(questionnaire, annotated) == 3
