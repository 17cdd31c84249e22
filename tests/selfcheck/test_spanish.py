"""The self-check in Spanish at /es/check/ and /us/es/check/: every word from the catalogue or the Questionnaires'
translations, the same path and red flags as in English (hazards H-088 to H-090, docs/adr/0044)."""

from __future__ import annotations

import html as html_module

import pytest
from django.test import Client, override_settings
from django.utils import translation

from tests.selfcheck.interrupt_table import SELF_INTERRUPTS, Interrupt, interrupt_params
from tests.selfcheck.walker import walk
from waypost.core.advice import advice_for
from waypost.core.helplines import Region
from waypost.instruments.bands import BANDS_BY_QUESTIONNAIRE
from waypost.instruments.terminology import MORE_THAN_HALF_THE_DAYS, YES
from waypost.selfcheck.availability import offered_questionnaire_ids
from waypost.selfcheck.band_words import BAND_LABELS
from waypost.selfcheck.journey import SAFETY
from waypost.selfcheck.results import SELF_REASONS

SPANISH = "/es"
BOTH_REGIONS = override_settings(WAYPOST_REGION="uk", WAYPOST_REGIONS=["uk", "us"])
# PHQ-9 answers that add up to 12 (moderate), with question 9 at zero so no flag interrupts
MODERATE_MOOD = {f"phq-9.{number}": MORE_THAN_HALF_THE_DAYS for number in range(1, 7)}


def page(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_start_page_is_in_spanish_at_the_spanish_address(member_of_the_public: Client) -> None:
    html = page(member_of_the_public, "/es/check/")

    assert "<h1>Revise su consumo de ketamina, en privado</h1>" in html
    assert "No le pedimos su nombre y no guardamos sus respuestas." in html
    assert 'href="/es/check/question/safety.danger-now"' in html


def test_the_english_start_page_keeps_its_english(member_of_the_public: Client) -> None:
    html = page(member_of_the_public, "/check/")

    assert "<h1>Check your ketamine use, privately</h1>" in html
    assert "Revise" not in html


def test_first_question_its_answers_and_its_part_are_in_spanish(member_of_the_public: Client) -> None:
    html = page(member_of_the_public, "/es/check/question/safety.danger-now")

    assert '<h1 class="fieldset__heading">¿Hay alguien en peligro en este momento?</h1>' in html
    assert "Por ejemplo, alguien a quien no se puede despertar" in html
    assert '<p class="progress">Parte 1 de 5: sobre este chequeo</p>' in html
    assert '<label class="radios__label" for="id_answer_0">Sí</label>' in html
    assert ">Continuar</button>" in html


def test_an_unanswered_question_says_what_to_do_in_spanish(member_of_the_public: Client) -> None:
    html = member_of_the_public.post("/es/check/question/safety.danger-now", {}).content.decode()

    assert "<title>Error: Pregunta 1 \N{EN DASH} " in html
    assert '<a href="#id_answer_0">Elija sí o no</a>' in html


def test_phq_9_is_asked_in_the_publishers_spanish_under_its_printed_stem(member_of_the_public: Client) -> None:
    walk(member_of_the_public, prefix=SPANISH)

    html = page(member_of_the_public, "/es/check/question/phq-9.1?change=1")

    assert (
        '<p class="stem">Durante las últimas 2 semanas, ¿qué tan seguido ha tenido molestias debido a los '
        "siguientes problemas?</p>"
    ) in html
    assert '<h1 class="fieldset__heading">Poco interés o placer en hacer cosas</h1>' in html
    assert '<label class="radios__label" for="id_answer_0">Ningún día</label>' in html
    assert '<p class="progress">Parte 4 de 5: cómo se ha sentido</p>' in html


def test_the_spanish_check_asks_the_same_questions_in_the_same_order(member_of_the_public: Client) -> None:
    english = walk(Client(), MODERATE_MOOD)

    assert walk(member_of_the_public, MODERATE_MOOD, prefix=SPANISH) == english


def test_check_your_answers_shows_spanish_questions_and_answers(member_of_the_public: Client) -> None:
    walk(member_of_the_public, prefix=SPANISH)

    html = page(member_of_the_public, "/es/check/answers")

    assert "<h1>Revise sus respuestas</h1>" in html
    assert '<dt class="summary-list__key">¿Sobre quién es este chequeo?</dt>' in html
    assert '<dd class="summary-list__value">Sobre mí</dd>' in html
    assert 'href="/es/check/question/journey.who?change=1">Cambiar' in html


def test_results_give_the_band_meaning_in_spanish_and_say_which_questionnaires_are_not_offered(
    member_of_the_public: Client,
) -> None:
    walk(member_of_the_public, MODERATE_MOOD, prefix=SPANISH)

    html = page(member_of_the_public, "/es/check/results")

    assert "Sus respuestas sobre el estado de ánimo sugieren: síntomas moderados de depresión." in html
    assert "Respondió que sí a 0 de las 10 señales que le preguntamos." in html
    assert "el DAST-10 y la SDS, todavía no se ofrecen en español" in html
    assert "las preguntas de seguridad son las mismas en todos los idiomas" in html


def test_english_results_keep_their_words_and_have_no_note_about_languages(member_of_the_public: Client) -> None:
    walk(member_of_the_public, MODERATE_MOOD)

    html = page(member_of_the_public, "/check/results")

    assert "Your answers about mood suggest: moderate symptoms of depression." in html
    assert "DAST-10" not in html


def test_the_us_spanish_address_serves_the_spanish_check(member_of_the_public: Client) -> None:
    with BOTH_REGIONS:
        html = page(member_of_the_public, "/us/es/check/question/safety.danger-now")

    assert '<h1 class="fieldset__heading">¿Hay alguien en peligro en este momento?</h1>' in html


def test_dast_10_and_sds_are_switched_off_in_spanish_but_never_the_safety_questions() -> None:
    spanish = offered_questionnaire_ids("es")

    assert "dast-10" not in spanish
    assert "sds" not in spanish
    assert SAFETY in spanish
    assert set(offered_questionnaire_ids("en-gb")) - set(spanish) == {"dast-10", "sds"}


@pytest.mark.parametrize("row", interrupt_params(SELF_INTERRUPTS))
def test_every_red_flag_stops_the_spanish_check_as_it_stops_the_english_one(
    member_of_the_public: Client, row: Interrupt
) -> None:
    spanish_stops: dict[str, str] = {}
    english_stops: dict[str, str] = {}

    walk(member_of_the_public, row.all_choices, stops=spanish_stops, prefix=SPANISH)
    walk(Client(), row.all_choices, stops=english_stops)

    assert spanish_stops.keys() == english_stops.keys()
    assert row.trigger in spanish_stops


def test_a_spanish_stop_page_gives_the_same_call_and_cores_advice_in_spanish(member_of_the_public: Client) -> None:
    stops: dict[str, str] = {}
    choices = {"safety.thoughts-of-ending-life": YES, "safety.plan-to-act": YES}
    walk(member_of_the_public, choices, stops=stops, prefix=SPANISH)
    html = stops["safety.plan-to-act"]

    with translation.override("es"):
        action = translation.gettext(advice_for("ending-life-intent-or-plan", Region.UK).action)
        reason = translation.gettext(SELF_REASONS["ending-life-intent-or-plan"])
    assert '<h1 class="stop__heading">Deténgase y llame al 999 ahora</h1>' in html
    assert 'href="tel:999" class="emergency-call emergency-call--emergency"' in html
    assert html_module.escape(action) in html
    assert reason == "Nos dijo que ha pensado en quitarse la vida y que podría llevarlo a cabo."
    assert html_module.escape(reason) in html
    assert "Seguir con el chequeo" in html


def test_every_band_meaning_shown_has_a_spanish_translation_and_matches_the_published_english() -> None:
    shown = {
        band.label
        for questionnaire_id in ("ketamine-use-signs", "ketamine-signs-observed", "phq-9", "gad-7", "bladder-signs")
        for band in BANDS_BY_QUESTIONNAIRE[questionnaire_id]
    }

    assert set(BAND_LABELS) == shown
    with translation.override("es"):
        spanish = {label: translation.gettext(label) for label in BAND_LABELS}
    assert all(spanish[label] != label for label in BAND_LABELS)
    assert not any("trastorno" in words.lower() or "usted tiene" in words.lower() for words in spanish.values())


def test_fhir_questionnaire_is_served_with_its_spanish_translations(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/fhir/Questionnaire/phq-9")

    body = response.json()
    first = next(item for item in body["item"] if item["linkId"] == "1")
    assert response.status_code == 200
    assert first["_text"]["extension"][0]["extension"][1]["valueString"] == "Poco interés o placer en hacer cosas"
