from __future__ import annotations

import ast
import re
from pathlib import Path
from types import ModuleType

import pytest
import textstat

from waypost.core.advice import BLADDER_PROBLEMS, advice_for
from waypost.core.helplines import Region, emergency_line, get_helpline
from waypost.instruments.flags import RULES_BY_QUESTIONNAIRE, Flag, Urgency
from waypost.instruments.registry import get_instrument
from waypost.instruments.terminology import NEARLY_EVERY_DAY, NO, NOT_AT_ALL, YES
from waypost.selfcheck import interrupts as interrupts_module
from waypost.selfcheck import results as results_module
from waypost.selfcheck.journey import OBSERVED_SIGNS as OBSERVED
from waypost.selfcheck.journey import Mode
from waypost.selfcheck.results import (
    CRISIS_LINE_KEYS,
    FAMILY_REASONS,
    SELF_REASONS,
    Results,
    build_results,
    care_cards,
    family_sections,
)

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
        (Flag.URINARY_RETENTION, Urgency.EMERGENCY, "Go to A&E or call 999 now"),
        (Flag.KIDNEY_PAIN_WITH_FEVER, Urgency.URGENT, "See a doctor today"),
        (Flag.URINARY_SYMPTOMS_AFTER_STOPPING, Urgency.SEE_GP, "Book an appointment with your GP"),
        (Flag.BLADDER_SYMPTOMS_WHILE_USING, Urgency.SEE_GP, "Book an appointment with your GP"),
        (Flag.MIXING_WITH_DEPRESSANTS, Urgency.ADVICE, "Mixing ketamine with other drugs is risky"),
        (Flag.HARD_TO_WAKE, Urgency.EMERGENCY, "Call 999 if they cannot be woken"),
        (Flag.TALKS_OF_ENDING_LIFE_OR_SELF_HARM, Urgency.URGENT, "Talk to someone today"),
    ],
)
def test_each_flag_shows_its_care_card(flag: Flag, urgency: Urgency, heading: str) -> None:
    cards = care_cards([flag], Region.UK)

    assert [(card.urgency, card.heading) for card in cards] == [(urgency, heading)]


def test_emergency_card_lists_the_emergency_number_and_crisis_lines_before_the_crisis_card() -> None:
    cards = care_cards([Flag.ENDING_LIFE_THOUGHTS, Flag.ENDING_LIFE_INTENT_OR_PLAN], Region.UK)

    assert [card.heading for card in cards] == ["Call 999 now", "Talk to someone today"]
    assert [line.key for line in cards[0].helplines] == ["uk-emergency", "uk-samaritans", "uk-nhs-111", "uk-shout"]


def test_flags_that_share_advice_share_one_card() -> None:
    cards = care_cards([Flag.ENDING_LIFE_INTENT_OR_PLAN, Flag.ENDING_LIFE_RECENT_BEHAVIOUR], Region.UK)

    assert len(cards) == 1
    assert cards[0].reasons == (
        "You told us you have thought about ending your life, and might act on it.",
        "You told us you tried, or got ready, to end your life in the past 3 months.",
    )


def test_cards_come_most_urgent_first() -> None:
    cards = care_cards([Flag.MIXING_WITH_DEPRESSANTS, Flag.BLOOD_IN_URINE, Flag.DANGER_NOW], Region.UK)

    assert [card.urgency for card in cards] == [Urgency.EMERGENCY, Urgency.URGENT, Urgency.ADVICE]


def test_us_cards_use_us_numbers_and_words() -> None:
    cards = care_cards([Flag.ENDING_LIFE_THOUGHTS, Flag.URINARY_SYMPTOMS_AFTER_STOPPING], Region.US)

    assert [line.key for line in cards[0].helplines] == ["us-988", "us-crisis-text-line", "us-emergency"]
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


def family_answers(**observed: str) -> dict[str, dict[str, str]]:
    return {
        "safety": {"danger-now": NO},
        "journey": {"who": "family"},
        "ketamine-signs-observed": dict.fromkeys(OBSERVED_SIGNS, NO) | dict(observed),
    }


def phq9_answers(*item_scores: int) -> dict[str, str]:
    codes = ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"]
    return {str(number): codes[score] for number, score in enumerate(item_scores, start=1)}


@pytest.mark.parametrize(
    ("item_scores", "advice"),
    [
        ((1, 1), "If how you feel starts to worry you, talk to someone."),
        ((2, 2, 2, 2, 2, 0, 0, 0, 0), "Book an appointment with your GP soon."),
        ((3, 3, 3, 3, 3, 3, 2, 0, 0), "See your GP in the next few days."),
    ],
)
def test_mood_feedback_is_graded_so_severe_and_mild_read_differently(item_scores: tuple[int, ...], advice: str) -> None:
    results = build_results(self_answers(phq_9=phq9_answers(*item_scores)), Region.UK)

    mood = next(section for section in results.sections if section.heading == "Your mood")
    assert mood.paragraphs[1].startswith(advice)


# "you" about the person's own use, said to a carer, is the hazard: "talk to your doctor… cut down or stop"
YOU_ABOUT_USE = re.compile(r"\byou(r)? (use|using|ketamine|cut down|stop|bladder|urine)\b|help you cut down", re.I)


def family_text(results: Results) -> str:
    return " ".join([all_text(results), *results.next_steps])


def test_family_results_speak_of_them_never_of_your_use() -> None:
    results = build_results(family_answers(**{OBSERVED_SIGNS[0]: YES}), Region.UK)

    text = family_text(results)
    assert YOU_ABOUT_USE.search(text) is None, YOU_ABOUT_USE.search(text)
    assert "Suggest they talk to their GP, who can help them cut down or stop safely." in results.next_steps


def test_self_results_still_speak_to_the_person() -> None:
    results = build_results(self_answers(), Region.UK)

    assert results.next_steps == ("Talk to your GP. They can help you cut down or stop safely.",)


@pytest.mark.parametrize(
    "flags",
    [(Flag.BLOOD_IN_URINE,), (Flag.URINARY_RETENTION,), (Flag.MIXING_WITH_DEPRESSANTS, Flag.BLOOD_IN_URINE)],
)
def test_family_care_cards_speak_to_the_carer(flags: tuple[Flag, ...]) -> None:
    cards = care_cards(flags, Region.UK, Mode.FAMILY)

    text = " ".join(part for card in cards for part in (card.heading, *card.reasons, *card.actions))
    assert YOU_ABOUT_USE.search(text) is None
    assert "them" in text


def test_family_results_give_bladder_guidance_when_bladder_signs_are_observed() -> None:
    results = build_results(family_answers(**{"blood-in-urine": YES}), Region.UK)

    assert [card.heading for card in results.care_cards] == ["They need to see a doctor today"]
    bladder = next(section for section in results.sections if section.heading == "Their bladder")
    assert bladder.paragraphs == (advice_for(BLADDER_PROBLEMS, Region.UK).carer_action,)


@pytest.mark.parametrize("link_id", ["toilet-trips", "stomach-pain"])
def test_family_results_give_bladder_guidance_when_bladder_signs_are_seen_without_a_flag(link_id: str) -> None:
    results = build_results(family_answers(**{link_id: YES}), Region.US)

    bladder = next(section for section in results.sections if section.heading == "Their bladder")
    assert bladder.paragraphs == (advice_for(BLADDER_PROBLEMS, Region.US).carer_action,)


def test_family_results_without_bladder_signs_have_no_bladder_section() -> None:
    results = build_results(family_answers(), Region.UK)

    assert "Their bladder" not in [section.heading for section in results.sections]


@pytest.mark.parametrize(
    ("region", "services", "helplines"),
    [
        (Region.UK, "your local council's children's services", ["uk-childline"]),
        (Region.US, "child protective services", []),
    ],
)
def test_under_18s_get_young_peoples_services_and_a_safeguarding_note(
    region: Region, services: str, helplines: list[str]
) -> None:
    answers = family_answers()
    answers["journey"]["age-group"] = "under-18"

    results = build_results(answers, region)

    section = next(section for section in results.sections if section.heading == "If they are under 18")
    assert "Young people have their own drug services" in section.paragraphs[0]
    assert f"you can ask {services} for advice" in section.paragraphs[1]
    assert [line.key for line in section.helplines] == helplines


def test_adults_get_no_under_18_section() -> None:
    answers = family_answers()
    answers["journey"]["age-group"] = "25-or-over"

    assert "If they are under 18" not in [section.heading for section in build_results(answers, Region.UK).sections]


@pytest.mark.parametrize(("region", "keys"), [(Region.UK, ["uk-frank"]), (Region.US, ["us-988", "us-samhsa-helpline"])])
def test_family_results_show_family_support_routes_from_the_registry(region: Region, keys: list[str]) -> None:
    results = build_results(family_answers(), region)

    support = next(section for section in results.sections if section.heading == "Looking after yourself")
    assert [line.key for line in support.helplines] == keys


def test_family_sections_take_any_support_lines_so_the_registry_can_wire_its_own() -> None:
    lines = (get_helpline("uk-samaritans"),)

    sections = family_sections({}, family_answers(), (), Region.UK, lines)

    assert next(section for section in sections if section.heading == "Looking after yourself").helplines == lines


@pytest.mark.parametrize("region", list(Region))
@pytest.mark.parametrize("mode", list(Mode))
def test_every_results_page_offers_someone_to_talk_to_now(region: Region, mode: Mode) -> None:
    answers = family_answers() if mode == Mode.FAMILY else self_answers()

    results = build_results(answers, region)

    assert results.talk_now[0] == emergency_line(region)
    assert {line.key for line in results.talk_now} >= set(CRISIS_LINE_KEYS[region])


@pytest.mark.parametrize("flag", list(Flag))
def test_every_flag_has_a_reason_told_to_the_person(flag: Flag) -> None:
    assert SELF_REASONS[flag.value].startswith(("You ", "Your "))


# Flags the family path can raise: danger now (asked first) and whatever the observed-signs rules raise
FAMILY_FLAGS = [Flag.DANGER_NOW, *(rule.flag for rule in RULES_BY_QUESTIONNAIRE.get(OBSERVED, ()))]


@pytest.mark.parametrize("flag", FAMILY_FLAGS)
def test_every_flag_the_family_path_can_raise_has_a_reason_told_to_the_carer(flag: Flag) -> None:
    assert flag.value in FAMILY_REASONS


@pytest.mark.parametrize("module", [results_module, interrupts_module])
def test_results_and_interrupts_are_pure_python_without_django(module: ModuleType) -> None:
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))

    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.startswith("django") for name in imported)
