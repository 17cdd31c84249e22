"""Reading a Questionnaire into the typed view, including the definitions the engine refuses."""

import re
from typing import Any

import pytest

from waypost.instruments.definitions import parse_instrument, parse_item
from waypost.instruments.errors import InvalidDefinition
from waypost.instruments.terminology import ITEM_WEIGHT_URL, LOINC_SYSTEM, NO, YES


def option(code: str, weight: float | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"valueCoding": {"system": LOINC_SYSTEM, "code": code}}
    if weight is not None:
        entry["extension"] = [{"url": ITEM_WEIGHT_URL, "valueDecimal": weight}]
    return entry


def choice_item(link_id: str, **fields: Any) -> dict[str, Any]:
    return {"linkId": link_id, "type": "choice", "answerOption": [option(YES, 1), option(NO, 0)], **fields}


def condition(question: str, code: str) -> dict[str, Any]:
    return {"question": question, "operator": "=", "answerCoding": {"system": LOINC_SYSTEM, "code": code}}


def test_refuses_an_item_type_it_cannot_score() -> None:
    with pytest.raises(InvalidDefinition, match=re.escape("Item 'age' has type 'string', which Waypost cannot score.")):
        parse_item({"linkId": "age", "type": "string"})


def test_refuses_a_fractional_weight() -> None:
    with pytest.raises(InvalidDefinition, match=re.escape("The item weight 0.5 is not a whole number.")):
        parse_item({"linkId": "q", "type": "choice", "answerOption": [option(YES, 0.5)]})


def test_refuses_weights_on_only_some_answers() -> None:
    with pytest.raises(InvalidDefinition, match="gives a weight to some answers but not to others"):
        parse_item({"linkId": "q", "type": "choice", "answerOption": [option(YES, 1), option(NO, None)]})


@pytest.mark.parametrize(
    "entry",
    [
        {"question": "a", "operator": "exists", "answerBoolean": True},
        {"question": "a", "operator": "=", "answerBoolean": True},
    ],
)
def test_refuses_skip_logic_other_than_equals_a_coded_answer(entry: dict[str, Any]) -> None:
    with pytest.raises(InvalidDefinition, match="uses an enableWhen that is not '=' on a coded answer"):
        parse_item(choice_item("b", enableWhen=[entry]))


def test_shows_an_item_when_any_condition_is_met_if_the_behaviour_is_any() -> None:
    item = parse_item(choice_item("c", enableWhen=[condition("a", YES), condition("b", YES)], enableBehavior="any"))
    assert item.is_enabled({"a": NO, "b": YES})
    assert not item.is_enabled({"a": NO, "b": NO})


def test_shows_an_item_only_when_all_conditions_are_met_by_default() -> None:
    item = parse_item(choice_item("c", enableWhen=[condition("a", YES), condition("b", YES)]))
    assert item.is_enabled({"a": YES, "b": YES})
    assert not item.is_enabled({"a": NO, "b": YES})


def test_an_instrument_without_a_total_item_has_no_total_codes() -> None:
    instrument = parse_instrument({"id": "x", "url": "u", "title": "X", "item": [choice_item("a")]})
    assert instrument.total_codes == ()
    assert instrument.maximum_total == 1


def test_a_question_without_answer_options_is_not_scored() -> None:
    assert not parse_item({"linkId": "q", "type": "choice"}).is_scored


def test_an_answer_code_the_item_does_not_offer_scores_nothing() -> None:
    assert parse_item(choice_item("a")).weight_for("LA9999-9") == 0
