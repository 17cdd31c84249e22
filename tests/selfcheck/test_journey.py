from __future__ import annotations

import pytest

from waypost.instruments.flags import Flag
from waypost.instruments.registry import get_instrument, get_questionnaire
from waypost.instruments.scoring import score_answers
from waypost.instruments.terminology import (
    MORE_THAN_HALF_THE_DAYS,
    NEARLY_EVERY_DAY,
    NO,
    NOT_AT_ALL,
    SEVERAL_DAYS,
    YES,
)
from waypost.selfcheck.journey import (
    ALL_ENABLED,
    Answers,
    Step,
    age_group_of,
    answers_on_path,
    expected_length,
    is_under_18,
    journey_steps,
    next_unanswered,
    split_question,
    step_for_item,
)

SELF = {"safety": {"danger-now": NO}, "journey": {"who": "self"}}


def slugs(answers: Answers, enabled: frozenset[str] = ALL_ENABLED) -> list[str]:
    return [step.slug for step in journey_steps(answers, enabled)]


def test_starts_with_danger_then_who_the_check_is_about() -> None:
    assert slugs({}) == ["safety.danger-now", "journey.who"]


def test_self_path_asks_signs_safety_screens_and_the_bladder_gate() -> None:
    path = slugs(SELF)

    assert path[2:13] == [f"ketamine-use-signs.{link}" for link in [*SIGN_LINK_IDS, "withdrawal-feelings"]]
    assert path[13:] == [
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


def test_withdrawal_feelings_are_asked_after_the_ten_signs_and_say_they_do_not_change_the_result() -> None:
    steps = journey_steps(SELF, ALL_ENABLED)

    step = steps[12]
    assert step.slug == "ketamine-use-signs.withdrawal-feelings"
    assert step.question == "When you go without ketamine, do you feel unwell, low, anxious or restless?"
    assert step.hint.startswith("We ask this to understand your experience; it does not change your result.")


def test_a_yes_to_withdrawal_feelings_leaves_the_count_of_signs_unchanged() -> None:
    signs = dict.fromkeys(SIGN_LINK_IDS[:3], YES) | dict.fromkeys(SIGN_LINK_IDS[3:], NO)

    with_withdrawal = score_answers("ketamine-use-signs", {**signs, "withdrawal-feelings": YES})

    assert (with_withdrawal.total, with_withdrawal.band) == (3, "some")
    assert with_withdrawal == score_answers("ketamine-use-signs", {**signs, "withdrawal-feelings": NO})


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


def test_positive_phq2_expands_to_the_full_phq9_then_its_unscored_difficulty_item() -> None:
    answers = {**SELF, "phq-9": {"1": NEARLY_EVERY_DAY, "2": NOT_AT_ALL}}

    phq_steps = [slug for slug in slugs(answers) if slug.startswith("phq-9.")]

    assert phq_steps == [f"phq-9.{number}" for number in range(1, 11)]


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


FAMILY = {"safety": {"danger-now": NO}, "journey": {"who": "family"}}
OBSERVED_RED_FLAGS = [
    "talks-of-ending-life-or-self-harm",
    "hard-to-wake",
    "mixing-with-depressants",
    "blood-in-urine",
    "unable-to-pass-urine",
]


def test_family_path_asks_their_age_group_then_red_flags_then_observed_signs() -> None:
    path = slugs(FAMILY)

    observed = [item.link_id for item in get_instrument("ketamine-signs-observed").scored_items]
    assert path == [
        "safety.danger-now",
        "journey.who",
        "journey.age-group",
        *[f"ketamine-signs-observed.{link_id}" for link_id in [*OBSERVED_RED_FLAGS, *observed]],
    ]
    assert len(path) == 18


def test_family_red_flag_questions_ask_about_the_other_person() -> None:
    steps = [step for step in journey_steps(FAMILY, ALL_ENABLED) if step.link_id in OBSERVED_RED_FLAGS]

    assert all(" they " in f" {step.question} " or "their" in step.question for step in steps)
    assert all([option.label for option in step.options] == ["Yes", "No"] for step in steps)


def test_family_red_flags_carry_no_three_month_hint_so_right_now_means_right_now() -> None:
    steps = {step.link_id: step for step in journey_steps(FAMILY, ALL_ENABLED)}

    assert all(steps[link_id].hint == "" for link_id in OBSERVED_RED_FLAGS)
    assert steps["unable-to-pass-urine"].question.startswith("Right now, ")
    assert steps["uses-more"].hint == "Think about the past 3 months, and only about what you have seen or heard."


def test_age_group_offers_four_answers_and_only_under_18_counts_as_under_18() -> None:
    step = next(step for step in journey_steps(FAMILY, ALL_ENABLED) if step.slug == "journey.age-group")

    assert [(option.code, option.label) for option in step.options] == [
        ("under-18", "Under 18"),
        ("18-to-24", "18 to 24"),
        ("25-or-over", "25 or over"),
        ("not-sure", "Not sure"),
    ]
    for option in step.options:
        answers = {**FAMILY, "journey": {"who": "family", "age-group": option.code}}
        assert is_under_18(answers) is (option.code == "under-18")
        assert age_group_of(answers) == option.code
    assert is_under_18(FAMILY) is False
    assert age_group_of(FAMILY) is None


def test_switching_to_me_drops_the_age_group_and_the_observed_answers() -> None:
    answers = {
        "safety": {"danger-now": NO},
        "journey": {"who": "self", "age-group": "under-18"},
        "ketamine-signs-observed": {"hard-to-wake": YES},
    }

    assert answers_on_path(answers, ALL_ENABLED) == SELF


def test_a_carers_red_flag_answers_reach_the_scores_the_results_and_summary_read() -> None:
    answers = {**FAMILY, "ketamine-signs-observed": {"hard-to-wake": YES, "talks-of-ending-life-or-self-harm": YES}}

    kept = answers_on_path(answers, ALL_ENABLED)

    assert score_answers("ketamine-signs-observed", kept["ketamine-signs-observed"]).flags == (
        Flag.HARD_TO_WAKE,
        Flag.TALKS_OF_ENDING_LIFE_OR_SELF_HARM,
    )


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
    assert expected_length({}, ALL_ENABLED) == len(slugs(SELF)) == 23


PHQ9_STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
GAD7_STEM = "Over the last 2 weeks, how often have you been bothered by the following problems?"
PUBLISHED = ("phq-9", "gad-7", "dast-10", "sds")


def every_branch_open(mode: str = "self") -> dict[str, dict[str, str]]:
    return {
        "safety": {"danger-now": NO, "thoughts-of-ending-life": YES},
        "journey": {"who": mode, "bladder-gate": YES},
        "phq-9": {"1": NEARLY_EVERY_DAY, "2": NEARLY_EVERY_DAY},
        "gad-7": {"1": NEARLY_EVERY_DAY, "2": NEARLY_EVERY_DAY},
        "bladder-signs": {"currently-using": NO},
    }


def published_item_texts(questionnaire_id: str) -> dict[str, str]:
    """Read straight from the FHIR JSON, not through Waypost's parser."""
    return {item["linkId"]: item["text"] for item in get_questionnaire(questionnaire_id)["item"]}


def published_steps() -> list[Step]:
    steps = journey_steps(every_branch_open(), ALL_ENABLED)
    return [step for step in steps if step.questionnaire_id in PUBLISHED]


def test_every_published_item_is_asked_whole_with_its_published_stem() -> None:
    steps = published_steps()

    assert [step.slug for step in steps] == [f"phq-9.{n}" for n in range(1, 11)] + [f"gad-7.{n}" for n in range(1, 8)]
    for step in steps:
        texts = published_item_texts(step.questionnaire_id)
        assert (step.question, step.hint) == (texts[step.link_id], "")
        assert step.stem == texts["intro"]


@pytest.mark.parametrize("questionnaire_id", PUBLISHED)
def test_published_items_are_never_split_even_where_they_hold_a_question_mark(questionnaire_id: str) -> None:
    instrument = get_instrument(questionnaire_id)
    for item in instrument.questions:
        step = step_for_item(questionnaire_id, item)
        assert (step.question, step.hint) == (published_item_texts(questionnaire_id)[item.link_id], "")


def test_phq9_item_8_is_shown_whole_under_the_published_stem() -> None:
    step = next(step for step in published_steps() if step.slug == "phq-9.8")

    assert step.stem == PHQ9_STEM
    assert step.question == (
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or "
        "restless that you have been moving around a lot more than usual"
    )
    assert step.hint == ""


def test_gad7_is_asked_under_its_published_stem_in_its_printed_punctuation() -> None:
    steps = [step for step in published_steps() if step.questionnaire_id == "gad-7"]

    assert {step.stem for step in steps} == {GAD7_STEM}
    assert [step.question for step in steps] == [
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen",
    ]


def test_phq9_difficulty_item_is_asked_whole_after_the_full_phq9_and_left_out_of_the_total() -> None:
    answers = every_branch_open()
    answers["phq-9"] = {str(number): NOT_AT_ALL for number in range(3, 10)} | answers["phq-9"]

    steps = journey_steps(answers, ALL_ENABLED)

    step = steps[[step.slug for step in steps].index("phq-9.9") + 1]
    assert step.slug == "phq-9.10"
    assert step.question == published_item_texts("phq-9")["10"]
    assert [option.label for option in step.options] == [
        "Not difficult at all",
        "Somewhat difficult",
        "Very difficult",
        "Extremely difficult",
    ]
    with_difficulty = {**answers["phq-9"], "10": "LA6574-3"}
    assert score_answers("phq-9", with_difficulty).total == score_answers("phq-9", answers["phq-9"]).total == 6


def test_short_phq2_does_not_ask_the_difficulty_item() -> None:
    answers = {**SELF, "phq-9": {"1": NOT_AT_ALL, "2": SEVERAL_DAYS}}

    assert "phq-9.10" not in slugs(answers)


def test_long_questions_are_split_into_heading_and_hint() -> None:
    assert split_question("Is anyone in danger right now? For example, someone who cannot be woken.") == (
        "Is anyone in danger right now?",
        "For example, someone who cannot be woken.",
    )
    assert split_question("Feeling down, depressed, or hopeless") == ("Feeling down, depressed, or hopeless", "")
