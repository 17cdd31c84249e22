"""The packaged FHIR Questionnaires: valid R4, complete SDC scoring metadata, published codes."""

import re
from importlib import resources
from typing import Any

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire

from waypost.instruments.errors import InstrumentError, UnknownQuestionnaire
from waypost.instruments.registry import get_instrument, get_questionnaire, list_questionnaire_ids
from waypost.instruments.terminology import (
    CALCULATED_EXPRESSION_URL,
    DEFAULT_FHIR_BASE_URL,
    ITEM_WEIGHT_URL,
    LOINC_SYSTEM,
    ORDINAL_VALUE_URL,
    TOTAL_LINK_ID,
)

QUESTIONNAIRE_IDS = list_questionnaire_ids()


def items_by_link_id(questionnaire: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["linkId"]: item for item in questionnaire["item"]}


def extension_value(extensions: list[dict[str, Any]], url: str) -> Any:
    return next(entry for entry in extensions if entry["url"] == url)


def codes_of(element: dict[str, Any]) -> list[str]:
    return [coding["code"] for coding in element.get("code", []) if coding["system"] == LOINC_SYSTEM]


def test_lists_the_eight_questionnaires_in_journey_order() -> None:
    assert QUESTIONNAIRE_IDS == (
        "ketamine-use-signs",
        "ketamine-signs-observed",
        "dast-10",
        "sds",
        "phq-9",
        "gad-7",
        "bladder-signs",
        "safety",
    )


def test_ships_one_json_file_per_questionnaire_and_no_others() -> None:
    folder = resources.files("waypost.instruments") / "questionnaires"
    assert sorted(entry.name for entry in folder.iterdir()) == sorted(f"{qid}.json" for qid in QUESTIONNAIRE_IDS)


@pytest.mark.parametrize("questionnaire_id", QUESTIONNAIRE_IDS)
def test_is_a_valid_fhir_r4_questionnaire(questionnaire_id: str) -> None:
    questionnaire = Questionnaire.model_validate(get_questionnaire(questionnaire_id))
    assert questionnaire.id == questionnaire_id
    assert questionnaire.url == f"{DEFAULT_FHIR_BASE_URL}/Questionnaire/{questionnaire_id}"
    assert questionnaire.status == "active"
    assert questionnaire.version
    assert questionnaire.name
    assert questionnaire.title
    assert questionnaire.copyright


@pytest.mark.parametrize("questionnaire_id", QUESTIONNAIRE_IDS)
def test_every_scored_answer_carries_equal_item_weight_and_ordinal_value(questionnaire_id: str) -> None:
    for item in get_instrument(questionnaire_id).scored_items:
        raw_item = items_by_link_id(get_questionnaire(questionnaire_id))[item.link_id]
        assert raw_item["type"] == "choice"
        for option in raw_item["answerOption"]:
            weight = extension_value(option["extension"], ITEM_WEIGHT_URL)["valueDecimal"]
            assert extension_value(option["extension"], ORDINAL_VALUE_URL)["valueDecimal"] == weight
            assert "valueCoding" in option


@pytest.mark.parametrize("questionnaire_id", QUESTIONNAIRE_IDS)
def test_has_a_read_only_calculated_total_that_sums_the_scored_questions(questionnaire_id: str) -> None:
    instrument = get_instrument(questionnaire_id)
    total = items_by_link_id(get_questionnaire(questionnaire_id))[TOTAL_LINK_ID]
    expression = extension_value(total["extension"], CALCULATED_EXPRESSION_URL)["valueExpression"]
    unscored = [item.link_id for item in instrument.questions if not item.is_scored]
    excluded = " and ".join(f"linkId != '{link_id}'" for link_id in [TOTAL_LINK_ID, *unscored])
    assert (total["type"], total["readOnly"]) == ("integer", True)
    assert expression["language"] == "text/fhirpath"
    assert expression["expression"] == f"%resource.item.where({excluded}).answer.value.weight().sum()"


@pytest.mark.parametrize("questionnaire_id", QUESTIONNAIRE_IDS)
def test_skip_logic_only_looks_back_at_earlier_questions(questionnaire_id: str) -> None:
    seen: list[str] = []
    for item in get_instrument(questionnaire_id).items:
        assert all(condition.question in seen for condition in item.enable_when)
        seen.append(item.link_id)


@pytest.mark.parametrize(
    ("questionnaire_id", "panel", "total"),
    [("dast-10", "82666-9", "82667-7"), ("phq-9", "44249-1", "44261-6"), ("gad-7", "69737-5", "70274-6")],
)
def test_carries_the_loinc_panel_and_total_codes(questionnaire_id: str, panel: str, total: str) -> None:
    questionnaire = get_questionnaire(questionnaire_id)
    assert codes_of(questionnaire) == [panel]
    assert codes_of(items_by_link_id(questionnaire)[TOTAL_LINK_ID]) == [total]


@pytest.mark.parametrize(
    ("questionnaire_id", "item_codes"),
    [
        (
            "phq-9",
            [
                "44250-9",
                "44255-8",
                "44259-0",
                "44254-1",
                "44251-7",
                "44258-2",
                "44252-5",
                "44253-3",
                "44260-8",
            ],
        ),
        ("gad-7", ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"]),
    ],
)
def test_carries_the_loinc_item_codes_in_published_order(questionnaire_id: str, item_codes: list[str]) -> None:
    items = items_by_link_id(get_questionnaire(questionnaire_id))
    assert [codes_of(items[str(number)]) for number in range(1, len(item_codes) + 1)] == [[code] for code in item_codes]


@pytest.mark.parametrize("questionnaire_id", ["phq-9", "gad-7"])
def test_frequency_answers_use_the_loinc_answer_codes_scored_zero_to_three(questionnaire_id: str) -> None:
    for item in get_instrument(questionnaire_id).scored_items:
        assert [(option.code, option.display, option.weight) for option in item.options] == [
            ("LA6568-5", "Not at all", 0),
            ("LA6569-3", "Several days", 1),
            ("LA6570-1", "More than half the days", 2),
            ("LA6571-9", "Nearly every day", 3),
        ]


def test_dast_10_asks_the_published_questions_about_drugs_other_than_alcohol() -> None:
    instrument = get_instrument("dast-10")
    assert instrument.questions[2].text == "Are you always able to stop using drugs when you want to?"
    assert "not including alcoholic beverages during the past 12 months" in instrument.items[0].text
    assert len(instrument.questions) == 10


def test_sds_asks_about_ketamine_with_the_published_anchors() -> None:
    questions = get_instrument("sds").questions
    assert questions[0].text == "Did you ever think your use of ketamine was out of control?"
    assert [option.display for option in questions[4].options] == [
        "Not difficult",
        "Quite difficult",
        "Very difficult",
        "Impossible",
    ]


def test_ketamine_signs_has_ten_counted_signs_and_an_uncounted_withdrawal_question() -> None:
    instrument = get_instrument("ketamine-use-signs")
    withdrawal = instrument.item("withdrawal-feelings")
    assert len(instrument.scored_items) == 10
    assert withdrawal is not None
    assert not withdrawal.is_scored
    assert not withdrawal.is_required


@pytest.mark.parametrize(
    ("questionnaire_id", "copyright_words"),
    [
        (
            "dast-10",
            "Copyright 1982 by Harvey A. Skinner, PhD, and the Centre for Addiction and Mental Health",
        ),
        ("sds", "we found no clear published terms of use"),
        ("phq-9", "No permission required to reproduce, translate, display or distribute."),
        ("gad-7", "No permission required to reproduce, translate, display or distribute."),
        ("ketamine-use-signs", "Waypost's own wording"),
        ("ketamine-signs-observed", "Waypost's own wording"),
        ("bladder-signs", "Waypost's own wording"),
        ("safety", "Waypost's own wording"),
    ],
)
def test_states_the_copyright_and_terms_of_use(questionnaire_id: str, copyright_words: str) -> None:
    assert copyright_words in get_questionnaire(questionnaire_id)["copyright"]


def test_safety_asks_about_intent_and_plan_only_after_thoughts_of_ending_life() -> None:
    instrument = get_instrument("safety")
    gated = {item.link_id: item.enable_when for item in instrument.items if item.enable_when}
    assert set(gated) == {"intent-to-act", "plan-to-act"}
    assert all(
        [(condition.question, condition.answer_code) for condition in conditions]
        == [("thoughts-of-ending-life", "LA33-6")]
        for conditions in gated.values()
    )


def test_gives_each_caller_its_own_copy_of_the_questionnaire() -> None:
    first = get_questionnaire("phq-9")
    first["url"] = "https://elsewhere.example/fhir/Questionnaire/phq-9"
    assert get_questionnaire("phq-9")["url"] == f"{DEFAULT_FHIR_BASE_URL}/Questionnaire/phq-9"


def test_offers_a_typed_view_a_journey_can_render_one_question_at_a_time() -> None:
    question = get_instrument("dast-10").questions[2]
    assert (question.link_id, question.prefix, question.is_scored, question.is_required) == (
        "3",
        "3.",
        True,
        True,
    )
    assert [(option.code, option.display, option.weight) for option in question.options] == [
        ("LA33-6", "Yes", 0),
        ("LA32-8", "No", 1),
    ]


@pytest.mark.parametrize("lookup", [get_questionnaire, get_instrument])
def test_rejects_an_unknown_questionnaire_id(lookup: Any) -> None:
    with pytest.raises(UnknownQuestionnaire, match=re.escape("There is no questionnaire called 'audit'.")) as raised:
        lookup("audit")
    assert isinstance(raised.value, InstrumentError)
    assert isinstance(raised.value, ValueError)


def test_safety_asks_one_plain_self_harm_question_in_our_own_words_without_a_loinc_code() -> None:
    item = get_instrument("safety").item("self-harm-thoughts")
    assert item is not None
    assert item.text == "In the past month, have you had thoughts of hurting yourself on purpose?"
    assert (item.codes, item.enable_when, item.is_required, item.is_scored) == ((), (), True, True)
    assert [(option.code, option.display, option.weight) for option in item.options] == [
        ("LA33-6", "Yes", 1),
        ("LA32-8", "No", 0),
    ]


OBSERVED_RED_FLAGS = (
    "talks-of-ending-life-or-self-harm",
    "hard-to-wake",
    "mixing-with-depressants",
    "blood-in-urine",
    "unable-to-pass-urine",
)


def test_someone_i_care_about_asks_five_red_flag_questions_that_are_not_counted_as_signs() -> None:
    instrument = get_instrument("ketamine-signs-observed")
    red_flags = [item for item in instrument.questions if item.link_id in OBSERVED_RED_FLAGS]
    assert [item.link_id for item in red_flags] == list(OBSERVED_RED_FLAGS)
    assert all(item.is_required and not item.is_scored and not item.codes for item in red_flags)
    assert all([(option.code, option.display) for option in item.options] == YES_NO for item in red_flags)
    assert len(instrument.scored_items) == 10
    assert instrument.maximum_total == 10


YES_NO = [("LA33-6", "Yes"), ("LA32-8", "No")]
