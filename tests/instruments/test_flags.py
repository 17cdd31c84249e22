"""Red-flag rules: one test per rule, each run through the real questionnaire it reads."""

import pytest

from waypost.instruments.flags import URGENCY_BY_FLAG, Flag, Urgency, most_urgent, urgency_of
from waypost.instruments.registry import get_instrument
from waypost.instruments.scoring import score_answers
from waypost.instruments.terminology import (
    MORE_THAN_HALF_THE_DAYS,
    NEARLY_EVERY_DAY,
    NO,
    NOT_AT_ALL,
    SEVERAL_DAYS,
    YES,
)


def flags_for(questionnaire_id: str, answers: dict[str, str]) -> tuple[Flag, ...]:
    return score_answers(questionnaire_id, answers).flags


def test_someone_in_danger_now_is_an_emergency() -> None:
    assert flags_for("safety", {"danger-now": YES}) == (Flag.DANGER_NOW,)
    assert flags_for("safety", {"danger-now": NO}) == ()
    assert urgency_of(Flag.DANGER_NOW) is Urgency.EMERGENCY


@pytest.mark.parametrize("link_id", ["intent-to-act", "plan-to-act"])
def test_thoughts_of_ending_life_with_intent_or_a_plan_are_an_emergency(link_id: str) -> None:
    thinking = {"thoughts-of-ending-life": YES}
    assert Flag.ENDING_LIFE_INTENT_OR_PLAN in flags_for("safety", {**thinking, link_id: YES})
    assert Flag.ENDING_LIFE_INTENT_OR_PLAN not in flags_for("safety", {**thinking, link_id: NO})
    assert urgency_of(Flag.ENDING_LIFE_INTENT_OR_PLAN) is Urgency.EMERGENCY


def test_anything_done_towards_ending_life_in_the_past_three_months_is_an_emergency() -> None:
    assert flags_for("safety", {"recent-behaviour": YES}) == (Flag.ENDING_LIFE_RECENT_BEHAVIOUR,)
    assert flags_for("safety", {"recent-behaviour": NO}) == ()
    assert urgency_of(Flag.ENDING_LIFE_RECENT_BEHAVIOUR) is Urgency.EMERGENCY


@pytest.mark.parametrize("link_id", ["wish-to-be-dead", "thoughts-of-ending-life"])
def test_other_thoughts_of_ending_life_are_urgent(link_id: str) -> None:
    assert flags_for("safety", {link_id: YES}) == (Flag.ENDING_LIFE_THOUGHTS,)
    assert flags_for("safety", {link_id: NO}) == ()
    assert urgency_of(Flag.ENDING_LIFE_THOUGHTS) is Urgency.URGENT


def test_thoughts_of_hurting_yourself_on_purpose_are_urgent() -> None:
    assert flags_for("safety", {"self-harm-thoughts": YES}) == (Flag.SELF_HARM_THOUGHTS,)
    assert flags_for("safety", {"self-harm-thoughts": NO}) == ()
    assert urgency_of(Flag.SELF_HARM_THOUGHTS) is Urgency.URGENT


@pytest.mark.parametrize(
    ("link_id", "flag", "urgency"),
    [
        ("danger-now", Flag.DANGER_NOW, Urgency.EMERGENCY),
        ("intent-to-act", Flag.ENDING_LIFE_INTENT_OR_PLAN, Urgency.EMERGENCY),
        ("plan-to-act", Flag.ENDING_LIFE_INTENT_OR_PLAN, Urgency.EMERGENCY),
        ("recent-behaviour", Flag.ENDING_LIFE_RECENT_BEHAVIOUR, Urgency.EMERGENCY),
        ("wish-to-be-dead", Flag.ENDING_LIFE_THOUGHTS, Urgency.URGENT),
        ("self-harm-thoughts", Flag.SELF_HARM_THOUGHTS, Urgency.URGENT),
        ("mixing-with-depressants", Flag.MIXING_WITH_DEPRESSANTS, Urgency.ADVICE),
    ],
)
def test_each_safety_yes_raises_its_flag_at_its_urgency(link_id: str, flag: Flag, urgency: Urgency) -> None:
    # Intent and plan are asked only after thoughts of ending life, which raise their own urgent flag.
    thinking = {"thoughts-of-ending-life": YES} if link_id in {"intent-to-act", "plan-to-act"} else {}
    raised = flags_for("safety", {**thinking, link_id: YES})
    assert flag in raised
    assert most_urgent(raised) is urgency
    assert urgency_of(flag) is urgency


@pytest.mark.parametrize(
    ("code", "is_raised"),
    [(NOT_AT_ALL, False), (SEVERAL_DAYS, True), (MORE_THAN_HALF_THE_DAYS, True), (NEARLY_EVERY_DAY, True)],
)
def test_phq_9_question_nine_above_zero_raises_self_harm_thoughts(code: str, is_raised: bool) -> None:
    assert flags_for("phq-9", {"9": code}) == ((Flag.SELF_HARM_THOUGHTS,) if is_raised else ())
    assert urgency_of(Flag.SELF_HARM_THOUGHTS) is Urgency.URGENT


def test_visible_blood_in_urine_needs_a_doctor_the_same_day() -> None:
    assert flags_for("bladder-signs", {"blood-in-urine": YES}) == (Flag.BLOOD_IN_URINE,)
    assert flags_for("bladder-signs", {"blood-in-urine": NO}) == ()
    assert urgency_of(Flag.BLOOD_IN_URINE) is Urgency.URGENT


def test_being_unable_to_pass_urine_at_all_is_an_emergency() -> None:
    assert flags_for("bladder-signs", {"unable-to-pass-urine": YES}) == (Flag.URINARY_RETENTION,)
    assert flags_for("bladder-signs", {"unable-to-pass-urine": NO}) == ()
    assert urgency_of(Flag.URINARY_RETENTION) is Urgency.EMERGENCY


def test_kidney_pain_with_fever_needs_a_doctor_the_same_day() -> None:
    assert flags_for("bladder-signs", {"side-pain-with-fever": YES}) == (Flag.KIDNEY_PAIN_WITH_FEVER,)
    assert flags_for("bladder-signs", {"side-pain-with-fever": NO}) == ()
    assert urgency_of(Flag.KIDNEY_PAIN_WITH_FEVER) is Urgency.URGENT


def test_urinary_symptoms_lasting_over_four_weeks_after_stopping_mean_seeing_a_gp() -> None:
    stopped = {"currently-using": NO}
    assert flags_for("bladder-signs", {**stopped, "symptoms-after-stopping": YES}) == (
        Flag.URINARY_SYMPTOMS_AFTER_STOPPING,
    )
    assert flags_for("bladder-signs", {**stopped, "symptoms-after-stopping": NO}) == ()
    assert urgency_of(Flag.URINARY_SYMPTOMS_AFTER_STOPPING) is Urgency.SEE_GP


def test_bladder_symptoms_while_still_using_mean_advice_and_seeing_a_gp() -> None:
    assert flags_for("bladder-signs", {"sudden-urges": YES, "currently-using": YES}) == (
        Flag.BLADDER_SYMPTOMS_WHILE_USING,
    )
    assert flags_for("bladder-signs", {"sudden-urges": YES, "currently-using": NO}) == ()
    assert flags_for("bladder-signs", {"sudden-urges": NO, "currently-using": YES}) == ()
    assert urgency_of(Flag.BLADDER_SYMPTOMS_WHILE_USING) is Urgency.SEE_GP


def test_mixing_ketamine_with_depressants_gets_harm_reduction_advice() -> None:
    assert flags_for("safety", {"mixing-with-depressants": YES}) == (Flag.MIXING_WITH_DEPRESSANTS,)
    assert flags_for("safety", {"mixing-with-depressants": NO}) == ()
    assert urgency_of(Flag.MIXING_WITH_DEPRESSANTS) is Urgency.ADVICE


def test_flags_from_answered_questions_fire_on_an_incomplete_check() -> None:
    score = score_answers("bladder-signs", {"blood-in-urine": YES})
    assert (score.complete, score.flags) == (False, (Flag.BLOOD_IN_URINE,))


def test_lists_several_flags_from_most_to_least_urgent() -> None:
    answers = {
        "mixing-with-depressants": YES,
        "thoughts-of-ending-life": YES,
        "plan-to-act": YES,
        "danger-now": YES,
    }
    assert flags_for("safety", answers) == (
        Flag.DANGER_NOW,
        Flag.ENDING_LIFE_INTENT_OR_PLAN,
        Flag.ENDING_LIFE_THOUGHTS,
        Flag.MIXING_WITH_DEPRESSANTS,
    )


def test_every_flag_has_an_urgency() -> None:
    assert set(URGENCY_BY_FLAG) == set(Flag)


def test_picks_the_most_urgent_care_card() -> None:
    assert most_urgent([Flag.MIXING_WITH_DEPRESSANTS, Flag.BLOOD_IN_URINE]) is Urgency.URGENT
    assert most_urgent([Flag.MIXING_WITH_DEPRESSANTS, Flag.DANGER_NOW]) is Urgency.EMERGENCY
    assert most_urgent([Flag.MIXING_WITH_DEPRESSANTS]) is Urgency.ADVICE
    assert most_urgent([]) is None


# --- someone I care about -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("link_id", "flag", "urgency"),
    [
        ("talks-of-ending-life-or-self-harm", Flag.TALKS_OF_ENDING_LIFE_OR_SELF_HARM, Urgency.URGENT),
        ("hard-to-wake", Flag.HARD_TO_WAKE, Urgency.EMERGENCY),
        ("mixing-with-depressants", Flag.MIXING_WITH_DEPRESSANTS, Urgency.ADVICE),
        ("blood-in-urine", Flag.BLOOD_IN_URINE, Urgency.URGENT),
        ("unable-to-pass-urine", Flag.URINARY_RETENTION, Urgency.EMERGENCY),
    ],
)
def test_each_red_flag_a_carer_observes_raises_its_flag_at_its_urgency(
    link_id: str, flag: Flag, urgency: Urgency
) -> None:
    assert flags_for("ketamine-signs-observed", {link_id: YES}) == (flag,)
    assert flags_for("ketamine-signs-observed", {link_id: NO}) == ()
    assert urgency_of(flag) is urgency


def test_new_family_flags_have_the_agreed_codes() -> None:
    assert Flag.TALKS_OF_ENDING_LIFE_OR_SELF_HARM.value == "talks-of-ending-life-or-self-harm"
    assert Flag.HARD_TO_WAKE.value == "hard-to-wake"


def test_observed_signs_alone_raise_no_flag() -> None:
    signs = {item.link_id: YES for item in get_instrument("ketamine-signs-observed").scored_items}
    assert flags_for("ketamine-signs-observed", signs) == ()


def test_lists_a_carers_red_flags_from_most_to_least_urgent() -> None:
    red_flags = (
        "talks-of-ending-life-or-self-harm",
        "hard-to-wake",
        "mixing-with-depressants",
        "blood-in-urine",
        "unable-to-pass-urine",
    )
    assert flags_for("ketamine-signs-observed", dict.fromkeys(red_flags, YES)) == (
        Flag.HARD_TO_WAKE,
        Flag.URINARY_RETENTION,
        Flag.TALKS_OF_ENDING_LIFE_OR_SELF_HARM,
        Flag.BLOOD_IN_URINE,
        Flag.MIXING_WITH_DEPRESSANTS,
    )
