from __future__ import annotations

import re

import pytest
import textstat

from waypost.core.helplines import Region
from waypost.instruments.flags import Flag, Urgency
from waypost.instruments.registry import get_instrument
from waypost.instruments.terminology import NEARLY_EVERY_DAY, NO, NOT_AT_ALL, YES
from waypost.selfcheck.results import Results, build_results, care_cards

SIGNS = [item.link_id for item in get_instrument("ketamine-use-signs").scored_items]
OBSERVED_SIGNS = [item.link_id for item in get_instrument("ketamine-signs-observed").scored_items]
OBSERVED_QUESTIONS = [item.link_id for item in get_instrument("ketamine-signs-observed").questions]
RESULTS_GRADE_CEILING = 6.5  # Flesch-Kincaid grade 6.5 is a reading age of about 11 to 12
DIAGNOSIS_WORDS = re.compile(r"\byou (are|have) (an? )?(addict|addicted|addiction|disorder|depression)\b", re.I)


def self_answers(*, yes_signs: int = 0, **extra: dict[str, str]) -> dict[str, dict[str, str]]:
    answers: dict[str, dict[str, str]] = {
        "safety": {
            "danger-now": NO,
            "mixing-with-depressants": NO,
            "wish-to-be-dead": NO,
            "thoughts-of-ending-life": NO,
            "recent-behaviour": NO,
        },
        "journey": {"who": "self", "bladder-gate": NO},
        "ketamine-use-signs": {link: YES if index < yes_signs else NO for index, link in enumerate(SIGNS)},
        "phq-9": {"1": NOT_AT_ALL, "2": NOT_AT_ALL},
        "gad-7": {"1": NOT_AT_ALL, "2": NOT_AT_ALL},
    }
    for questionnaire_id, own in extra.items():
        answers[questionnaire_id.replace("_", "-")] = {**answers.get(questionnaire_id.replace("_", "-"), {}), **own}
    return answers


def all_text(results: Results) -> str:
    parts = [paragraph for section in results.sections for paragraph in section.paragraphs]
    parts += [section.heading for section in results.sections]
    for card in results.care_cards:
        parts += [card.heading, *card.reasons, *card.actions]
    return " ".join(parts)


@pytest.mark.parametrize(
    ("yes_signs", "expected"),
    [(0, "few"), (1, "few"), (2, "some"), (3, "some"), (4, "several"), (5, "several"), (6, "many"), (10, "many")],
)
def test_feedback_follows_the_number_of_signs(yes_signs: int, expected: str) -> None:
    results = build_results(self_answers(yes_signs=yes_signs), Region.UK)

    signs = next(score for score in results.scores if score.questionnaire == "ketamine-use-signs")
    assert signs.band == expected
    assert f"You answered yes to {yes_signs} of the 10 signs we asked about." in all_text(results)


def test_no_flags_means_no_care_cards() -> None:
    assert build_results(self_answers(), Region.UK).care_cards == ()


@pytest.mark.parametrize(
    ("flag", "urgency", "heading"),
    [
        (Flag.DANGER_NOW, Urgency.EMERGENCY, "Call 999 now"),
        (Flag.ENDING_LIFE_INTENT_OR_PLAN, Urgency.EMERGENCY, "Call 999 now"),
        (Flag.ENDING_LIFE_RECENT_BEHAVIOUR, Urgency.EMERGENCY, "Call 999 now"),
        (Flag.ENDING_LIFE_THOUGHTS, Urgency.URGENT, "Talk to someone today"),
        (Flag.SELF_HARM_THOUGHTS, Urgency.URGENT, "Talk to someone today"),
        (Flag.BLOOD_IN_URINE, Urgency.URGENT, "See a doctor today"),
        (Flag.URINARY_RETENTION, Urgency.EMERGENCY, "Call 999 now"),
        (Flag.KIDNEY_PAIN_WITH_FEVER, Urgency.URGENT, "See a doctor today"),
        (Flag.URINARY_SYMPTOMS_AFTER_STOPPING, Urgency.SEE_GP, "Book an appointment with your GP"),
        (Flag.BLADDER_SYMPTOMS_WHILE_USING, Urgency.SEE_GP, "Book an appointment with your GP"),
        (Flag.MIXING_WITH_DEPRESSANTS, Urgency.ADVICE, "Mixing ketamine with other drugs is risky"),
        (Flag.HARD_TO_WAKE, Urgency.EMERGENCY, "Call 999 now"),
        (Flag.TALKS_OF_ENDING_LIFE_OR_SELF_HARM, Urgency.URGENT, "Talk to someone today"),
    ],
)
def test_each_flag_shows_its_care_card(flag: Flag, urgency: Urgency, heading: str) -> None:
    cards = care_cards([flag], Region.UK)

    assert [(card.urgency, card.heading) for card in cards] == [(urgency, heading)]


def test_emergency_card_replaces_the_crisis_card_and_lists_crisis_lines() -> None:
    cards = care_cards([Flag.ENDING_LIFE_THOUGHTS, Flag.ENDING_LIFE_INTENT_OR_PLAN], Region.UK)

    assert [card.heading for card in cards] == ["Call 999 now"]
    assert [line.key for line in cards[0].helplines] == ["uk-emergency", "uk-samaritans", "uk-nhs-111", "uk-shout"]


def test_cards_come_most_urgent_first() -> None:
    cards = care_cards([Flag.MIXING_WITH_DEPRESSANTS, Flag.BLOOD_IN_URINE, Flag.DANGER_NOW], Region.UK)

    assert [card.urgency for card in cards] == [Urgency.EMERGENCY, Urgency.URGENT, Urgency.ADVICE]


def test_us_cards_use_us_numbers_and_words() -> None:
    cards = care_cards([Flag.ENDING_LIFE_THOUGHTS, Flag.URINARY_SYMPTOMS_AFTER_STOPPING], Region.US)

    assert [line.key for line in cards[0].helplines] == ["us-988", "us-crisis-text-line"]
    assert cards[1].heading == "Book an appointment with your doctor"


def test_phq9_item_nine_leads_to_the_crisis_card() -> None:
    answers = self_answers(phq_9={"1": NEARLY_EVERY_DAY, "2": NEARLY_EVERY_DAY, "9": "LA6569-3"})
    answers["phq-9"].update({str(number): NOT_AT_ALL for number in range(3, 9)})

    results = build_results(answers, Region.UK)

    assert [card.heading for card in results.care_cards] == ["Talk to someone today"]
    assert "Your answers about mood suggest: mild symptoms of depression." in all_text(results)


def test_bladder_answers_add_the_bladder_page() -> None:
    answers = self_answers(journey={"bladder-gate": YES}, bladder_signs={"blood-in-urine": YES})

    results = build_results(answers, Region.UK)

    assert "ketamine-bladder" in results.page_slugs
    assert results.care_cards[0].heading == "See a doctor today"


def test_family_results_speak_to_the_person_who_cares() -> None:
    answers = {
        "safety": {"danger-now": NO},
        "journey": {"who": "family", "age-group": "25-or-over"},
        "ketamine-signs-observed": dict.fromkeys(OBSERVED_QUESTIONS, NO) | dict.fromkeys(OBSERVED_SIGNS[:3], YES),
    }

    results = build_results(answers, Region.UK)

    text = all_text(results)
    assert "You have noticed 3 of the 10 signs we asked about." in text
    assert "Looking after yourself" in text
    assert results.page_slugs[0] == "for-families-and-friends"


@pytest.mark.parametrize("yes_signs", [0, 3, 10])
def test_results_never_use_diagnosis_wording_and_read_plainly(yes_signs: int) -> None:
    answers = self_answers(
        yes_signs=yes_signs,
        safety={"mixing-with-depressants": YES, "thoughts-of-ending-life": YES, "intent-to-act": NO, "plan-to-act": NO},
        journey={"bladder-gate": YES},
        bladder_signs={"passing-urine-often": YES, "currently-using": YES},
    )

    text = all_text(build_results(answers, Region.UK))

    assert DIAGNOSIS_WORDS.search(text) is None
    assert textstat.flesch_kincaid_grade(text) <= RESULTS_GRADE_CEILING
