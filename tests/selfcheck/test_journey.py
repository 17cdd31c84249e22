from __future__ import annotations

from waypost.instruments.registry import get_instrument
from waypost.instruments.terminology import MORE_THAN_HALF_THE_DAYS, NEARLY_EVERY_DAY, NO, NOT_AT_ALL, YES
from waypost.selfcheck.journey import (
    ALL_ENABLED,
    Answers,
    answers_on_path,
    expected_length,
    journey_steps,
    next_unanswered,
    split_question,
)

SELF = {"safety": {"danger-now": NO}, "journey": {"who": "self"}}


def slugs(answers: Answers, enabled: frozenset[str] = ALL_ENABLED) -> list[str]:
    return [step.slug for step in journey_steps(answers, enabled)]


def test_starts_with_danger_then_who_the_check_is_about() -> None:
    assert slugs({}) == ["safety.danger-now", "journey.who"]


def test_self_path_asks_signs_safety_screens_and_the_bladder_gate() -> None:
    path = slugs(SELF)

    assert path[2:12] == [f"ketamine-use-signs.{link}" for link in SIGN_LINK_IDS]
    assert path[12:] == [
        "safety.mixing-with-depressants",
        "safety.wish-to-be-dead",
        "safety.thoughts-of-ending-life",
        "safety.recent-behaviour",
        "safety.self-harm-thoughts",
        "phq-9.1",
        "phq-9.2",
        "gad-7.1",
        "gad-7.2",
        "journey.bladder-gate",
    ]


SIGN_LINK_IDS = [item.link_id for item in get_instrument("ketamine-use-signs").scored_items]


def test_withdrawal_feelings_are_not_asked_in_the_journey() -> None:
    assert "ketamine-use-signs.withdrawal-feelings" not in slugs(SELF)


def test_self_path_asks_everyone_about_self_harm_even_when_the_mood_screen_is_negative() -> None:
    answers = {**SELF, "phq-9": {"1": NOT_AT_ALL, "2": NOT_AT_ALL}}

    path = slugs(answers)

    assert "safety.self-harm-thoughts" in path
    assert "phq-9.9" not in path


def test_family_path_does_not_ask_the_carer_about_their_own_self_harm() -> None:
    assert "safety.self-harm-thoughts" not in slugs({"safety": {"danger-now": NO}, "journey": {"who": "family"}})


def test_thoughts_of_ending_life_add_intent_and_plan() -> None:
    answers = {**SELF, "safety": {"danger-now": NO, "thoughts-of-ending-life": YES}}

    path = slugs(answers)

    index = path.index("safety.thoughts-of-ending-life")
    assert path[index + 1 : index + 3] == ["safety.intent-to-act", "safety.plan-to-act"]


def test_positive_phq2_expands_to_the_full_phq9_without_the_difficulty_item() -> None:
    answers = {**SELF, "phq-9": {"1": NEARLY_EVERY_DAY, "2": NOT_AT_ALL}}

    phq_steps = [slug for slug in slugs(answers) if slug.startswith("phq-9.")]

    assert phq_steps == [f"phq-9.{number}" for number in range(1, 10)]


def test_phq2_just_below_three_stays_short() -> None:
    answers = {**SELF, "phq-9": {"1": MORE_THAN_HALF_THE_DAYS, "2": NOT_AT_ALL}}

    assert [slug for slug in slugs(answers) if slug.startswith("phq-9.")] == ["phq-9.1", "phq-9.2"]


def test_positive_gad2_expands_to_the_full_gad7() -> None:
    answers = {**SELF, "gad-7": {"1": MORE_THAN_HALF_THE_DAYS, "2": "LA6569-3"}}

    assert [slug for slug in slugs(answers) if slug.startswith("gad-7.")] == [f"gad-7.{n}" for n in range(1, 8)]


def test_bladder_questions_only_after_a_yes_at_the_gate() -> None:
    answers = {**SELF, "journey": {"who": "self", "bladder-gate": YES}, "bladder-signs": {"currently-using": NO}}

    path = slugs(answers)

    assert "bladder-signs.passing-urine-often" in path
    assert path[-1] == "bladder-signs.symptoms-after-stopping"
    assert not any(slug.startswith("bladder-signs.") for slug in slugs(SELF))


def test_family_path_asks_only_observed_signs() -> None:
    answers = {"safety": {"danger-now": NO}, "journey": {"who": "family"}}

    path = slugs(answers)

    assert len(path) == 12
    assert all(slug.startswith("ketamine-signs-observed.") for slug in path[2:])


def test_switched_off_instruments_are_skipped() -> None:
    enabled = ALL_ENABLED - {"phq-9", "bladder-signs"}

    path = slugs(SELF, enabled)

    assert not any(slug.startswith(("phq-9.", "journey.bladder-gate")) for slug in path)
    assert "gad-7.1" in path


def test_changing_an_answer_drops_answers_that_are_no_longer_asked() -> None:
    answers = {
        **SELF,
        "safety": {"danger-now": NO, "thoughts-of-ending-life": NO, "intent-to-act": YES, "plan-to-act": YES},
    }

    kept = answers_on_path(answers, ALL_ENABLED)

    assert kept["safety"] == {"danger-now": NO, "thoughts-of-ending-life": NO}


def test_switching_to_family_drops_every_answer_about_myself() -> None:
    answers = {
        "safety": {"danger-now": NO, "mixing-with-depressants": YES},
        "journey": {"who": "family"},
        "ketamine-use-signs": {"cravings": YES},
    }

    assert answers_on_path(answers, ALL_ENABLED) == {"safety": {"danger-now": NO}, "journey": {"who": "family"}}


def test_next_unanswered_follows_the_path_order() -> None:
    answers = {**SELF, "ketamine-use-signs": {"larger-or-longer": NO}}

    step = next_unanswered(journey_steps(answers, ALL_ENABLED), answers)

    assert step is not None
    assert step.slug == "ketamine-use-signs.unable-to-cut-down"


def test_expected_length_assumes_me_until_told() -> None:
    assert expected_length({}, ALL_ENABLED) == len(slugs(SELF)) == 22


def test_long_questions_are_split_into_heading_and_hint() -> None:
    assert split_question("Is anyone in danger right now? For example, someone who cannot be woken.") == (
        "Is anyone in danger right now?",
        "For example, someone who cannot be woken.",
    )
    assert split_question("Feeling down, depressed, or hopeless") == ("Feeling down, depressed, or hopeless", "")
