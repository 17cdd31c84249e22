"""Spanish in the Questionnaires: the FHIR translation extension, the official PHQ-9 and GAD-7 wording, and scoring
that is identical in both languages by construction (docs/adr/0044-questionnaires-in-spanish.md, hazard H-088)."""

from __future__ import annotations

from typing import Any

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.instruments.builders import answers_totalling
from tests.instruments.test_scoring import BAND_EDGES
from waypost.instruments.definitions import Instrument
from waypost.instruments.registry import get_instrument, get_questionnaire, list_questionnaire_ids
from waypost.instruments.scoring import score_answers
from waypost.instruments.terminology import TRANSLATION_URL
from waypost.instruments.translations import in_language, no_translations, translations_of
from waypost.selfcheck.availability import NOT_OFFERED_IN_LANGUAGE

OFFERED_IN_SPANISH = [qid for qid in list_questionnaire_ids() if qid not in NOT_OFFERED_IN_LANGUAGE["es"]]
MODEST = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
FREQUENCY_IN_SPANISH = ["Ningún día", "Varios días", "Más de la mitad de los días", "Casi todos los días"]
STEM_IN_SPANISH = (
    "Durante las últimas 2 semanas, ¿qué tan seguido ha tenido molestias debido a los siguientes problemas?"
)


def structure_of(instrument: Instrument) -> list[Any]:
    """Everything but the words: linkIds, types, codes, answer codes and systems, weights and skip logic."""
    return [
        (
            item.link_id,
            item.type,
            item.prefix,
            item.codes,
            item.enable_when,
            item.is_required,
            [(option.code, option.system, option.weight) for option in item.options],
        )
        for item in instrument.items
    ] + [instrument.codes, instrument.url]


def spanish_translations(element: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return [entry for entry in element.get(f"_{name}", {}).get("extension", []) if entry["url"] == TRANSLATION_URL]


@pytest.mark.parametrize("questionnaire_id", OFFERED_IN_SPANISH)
def test_validates_as_fhir_r4_with_its_translation_extensions(questionnaire_id: str) -> None:
    raw = get_questionnaire(questionnaire_id)

    questionnaire = Questionnaire.model_validate(raw)

    assert questionnaire.title__ext is not None
    [title] = spanish_translations(raw, "title")
    assert {part["url"]: part for part in title["extension"]}["lang"] == {"url": "lang", "valueCode": "es"}
    assert all(spanish_translations(item, "text") for item in raw["item"])


@pytest.mark.parametrize("questionnaire_id", OFFERED_IN_SPANISH)
def test_every_title_item_and_answer_has_spanish_words_when_offered_in_spanish(questionnaire_id: str) -> None:
    assert get_instrument(questionnaire_id).untranslated("es") == ()


@pytest.mark.parametrize("questionnaire_id", OFFERED_IN_SPANISH)
def test_each_translation_is_one_spanish_entry_beside_the_english_it_translates(questionnaire_id: str) -> None:
    questionnaire = get_questionnaire(questionnaire_id)
    for item in questionnaire["item"]:
        [entry] = spanish_translations(item, "text")
        parts = {part["url"]: part for part in entry["extension"]}
        assert parts["lang"]["valueCode"] == "es"
        assert parts["content"]["valueString"] != item["text"]
        for option in item.get("answerOption", []):
            assert len(spanish_translations(option["valueCoding"], "display")) == 1


def test_dast_10_and_sds_carry_no_spanish_so_nothing_unverified_is_shown() -> None:
    assert NOT_OFFERED_IN_LANGUAGE["es"] == ("dast-10", "sds")
    for questionnaire_id in NOT_OFFERED_IN_LANGUAGE["es"]:
        assert get_instrument(questionnaire_id).untranslated("es")[0] == "title"
        assert "_text" not in str(get_questionnaire(questionnaire_id))


@pytest.mark.parametrize("questionnaire_id", OFFERED_IN_SPANISH)
def test_spanish_and_english_share_link_ids_codes_answer_codes_weights_and_skip_logic(questionnaire_id: str) -> None:
    english, spanish = get_instrument(questionnaire_id), get_instrument(questionnaire_id, "es")

    assert structure_of(spanish) == structure_of(english)
    assert [item.text for item in spanish.items] != [item.text for item in english.items]


@pytest.mark.parametrize(("questionnaire_id", "total", "band"), BAND_EDGES)
def test_scores_every_published_band_edge_the_same_in_both_languages(
    questionnaire_id: str, total: int, band: str
) -> None:
    answers = answers_totalling(questionnaire_id, total)

    english, spanish = score_answers(questionnaire_id, answers), score_answers(questionnaire_id, answers, "es")

    assert spanish == english
    assert (spanish.total, spanish.band, spanish.flags) == (total, band, english.flags)


@pytest.mark.parametrize("questionnaire_id", OFFERED_IN_SPANISH)
@MODEST
@given(data=st.data())
def test_scores_any_answers_the_same_in_both_languages(questionnaire_id: str, data: st.DataObject) -> None:
    instrument = get_instrument(questionnaire_id, "es")
    answers = {
        item.link_id: data.draw(st.sampled_from([option.code for option in item.options]))
        for item in instrument.questions
        if data.draw(st.booleans())
    }

    assert score_answers(questionnaire_id, answers, "es") == score_answers(questionnaire_id, answers)


def test_phq_9_shows_the_publishers_spanish_for_the_usa_word_for_word() -> None:
    phq9 = get_instrument("phq-9", "es-US")

    assert phq9.item("intro").text == STEM_IN_SPANISH  # type: ignore[union-attr]
    assert phq9.item("1").text == "Poco interés o placer en hacer cosas"  # type: ignore[union-attr]
    assert phq9.item("9").text == (  # type: ignore[union-attr]
        "Pensamientos de que estaría mejor muerto(a) o de lastimarse de alguna manera"
    )
    assert [option.display for option in phq9.item("1").options] == FREQUENCY_IN_SPANISH  # type: ignore[union-attr]
    assert [option.display for option in phq9.item("10").options] == [  # type: ignore[union-attr]
        "No ha sido difícil",
        "Un poco difícil",
        "Muy difícil",
        "Extremadamente difícil",
    ]
    assert "'Spanish for the USA'" in get_questionnaire("phq-9")["copyright"]


def test_gad_7_shows_the_publishers_spanish_for_the_usa_word_for_word() -> None:
    gad7 = get_instrument("gad-7", "es")

    assert gad7.item("intro").text == STEM_IN_SPANISH  # type: ignore[union-attr]
    assert gad7.item("1").text == "Se ha sentido nervioso(a), ansioso(a) o con los nervios de punta"  # type: ignore[union-attr]
    assert gad7.item("7").text == "Ha tenido miedo de que algo terrible fuera a pasar"  # type: ignore[union-attr]
    assert [option.display for option in gad7.item("7").options] == FREQUENCY_IN_SPANISH  # type: ignore[union-attr]
    assert "'Spanish for the USA'" in get_questionnaire("gad-7")["copyright"]


def test_english_words_are_untouched_and_each_language_is_parsed_once() -> None:
    assert get_instrument("phq-9", "en-gb") is get_instrument("phq-9")
    assert get_instrument("phq-9", "es") is get_instrument("phq-9", "es-US")
    assert get_instrument("phq-9", "en-gb").item("1").text == "Little interest or pleasure in doing things"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("language", "expected"), [("es", "Sí"), ("es-US", "Sí"), ("en-gb", "Yes"), ("en", "Yes"), ("fr", "Yes")]
)
def test_reads_the_translation_for_the_base_language_and_falls_back_to_the_source(language: str, expected: str) -> None:
    coding = {
        "display": "Yes",
        "_display": {
            "extension": [
                {
                    "url": TRANSLATION_URL,
                    "extension": [{"url": "lang", "valueCode": "es"}, {"url": "content", "valueString": "Sí"}],
                }
            ]
        },
    }
    assert in_language("Yes", translations_of(coding, "display"), language) == expected


def test_a_wording_with_no_translations_reads_the_same_in_every_language() -> None:
    assert dict(no_translations()) == {}
    assert in_language("Little interest or pleasure in doing things", no_translations(), "es-US") == (
        "Little interest or pleasure in doing things"
    )
