"""Red-flag rules: deterministic, one function per rule, never inferred.

Each rule reads coded answers (linkId to answer code) to one questionnaire. Answers that are missing
never raise a flag, so flags from a partly answered check still fire. Every rule is independent: the
care card to show is chosen from the most urgent flag (see `most_urgent`).
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from waypost.instruments.definitions import Answers
from waypost.instruments.terminology import MORE_THAN_HALF_THE_DAYS, NEARLY_EVERY_DAY, SEVERAL_DAYS, YES


class Urgency(StrEnum):
    EMERGENCY = "emergency"
    URGENT = "urgent"
    SEE_GP = "see-gp"
    ADVICE = "advice"


class Flag(StrEnum):
    DANGER_NOW = "danger-now"
    ENDING_LIFE_INTENT_OR_PLAN = "ending-life-intent-or-plan"
    ENDING_LIFE_RECENT_BEHAVIOUR = "ending-life-recent-behaviour"
    ENDING_LIFE_THOUGHTS = "ending-life-thoughts"
    SELF_HARM_THOUGHTS = "self-harm-thoughts"
    BLOOD_IN_URINE = "blood-in-urine"
    URINARY_RETENTION = "unable-to-pass-urine"
    KIDNEY_PAIN_WITH_FEVER = "kidney-pain-with-fever"
    URINARY_SYMPTOMS_AFTER_STOPPING = "urinary-symptoms-after-stopping"
    BLADDER_SYMPTOMS_WHILE_USING = "bladder-symptoms-while-using"
    MIXING_WITH_DEPRESSANTS = "mixing-with-depressants"
    TALKS_OF_ENDING_LIFE_OR_SELF_HARM = "talks-of-ending-life-or-self-harm"
    HARD_TO_WAKE = "hard-to-wake"


URGENCY_BY_FLAG: Mapping[Flag, Urgency] = {
    # Emergency: call the emergency number or go to A&E now.
    Flag.DANGER_NOW: Urgency.EMERGENCY,
    Flag.ENDING_LIFE_INTENT_OR_PLAN: Urgency.EMERGENCY,
    Flag.ENDING_LIFE_RECENT_BEHAVIOUR: Urgency.EMERGENCY,
    # Acute urinary retention needs a catheter now, so it cannot wait for a same-day appointment.
    Flag.URINARY_RETENTION: Urgency.EMERGENCY,
    # Someone who cannot be woken may be overdosing: a carer should call the emergency number for them.
    Flag.HARD_TO_WAKE: Urgency.EMERGENCY,
    # Urgent: crisis lines today, or a doctor the same day.
    Flag.ENDING_LIFE_THOUGHTS: Urgency.URGENT,
    Flag.SELF_HARM_THOUGHTS: Urgency.URGENT,
    Flag.TALKS_OF_ENDING_LIFE_OR_SELF_HARM: Urgency.URGENT,
    Flag.BLOOD_IN_URINE: Urgency.URGENT,
    Flag.KIDNEY_PAIN_WITH_FEVER: Urgency.URGENT,
    # See a GP: the GP can refer to urology and to drug services.
    Flag.URINARY_SYMPTOMS_AFTER_STOPPING: Urgency.SEE_GP,
    Flag.BLADDER_SYMPTOMS_WHILE_USING: Urgency.SEE_GP,
    # Advice: harm-reduction information.
    Flag.MIXING_WITH_DEPRESSANTS: Urgency.ADVICE,
}

URGENCY_ORDER = (Urgency.EMERGENCY, Urgency.URGENT, Urgency.SEE_GP, Urgency.ADVICE)

URINARY_SYMPTOM_LINK_IDS = (
    "passing-urine-often",
    "sudden-urges",
    "pain-passing-urine",
    "lower-tummy-pain",
    "blood-in-urine",
    "unable-to-pass-urine",
    "side-pain-with-fever",
)
PHQ9_SELF_HARM_LINK_ID = "9"


def urgency_of(flag: Flag) -> Urgency:
    return URGENCY_BY_FLAG[flag]


def most_urgent(flags: Iterable[Flag]) -> Urgency | None:
    urgencies = {urgency_of(flag) for flag in flags}
    return next((urgency for urgency in URGENCY_ORDER if urgency in urgencies), None)


def is_yes(answers: Answers, link_id: str) -> bool:
    return answers.get(link_id) == YES


# --- safety -------------------------------------------------------------------------------------------


def is_someone_in_danger_now(answers: Answers) -> bool:
    return is_yes(answers, "danger-now")


def has_intent_or_plan_to_end_life(answers: Answers) -> bool:
    return is_yes(answers, "intent-to-act") or is_yes(answers, "plan-to-act")


def has_recent_behaviour_towards_ending_life(answers: Answers) -> bool:
    return is_yes(answers, "recent-behaviour")


def has_thoughts_of_ending_life(answers: Answers) -> bool:
    return is_yes(answers, "wish-to-be-dead") or is_yes(answers, "thoughts-of-ending-life")


def has_thoughts_of_self_harm(answers: Answers) -> bool:
    return is_yes(answers, "self-harm-thoughts")


def is_mixing_with_depressants(answers: Answers) -> bool:
    return is_yes(answers, "mixing-with-depressants")


# --- phq-9 --------------------------------------------------------------------------------------------


def has_self_harm_thoughts(answers: Answers) -> bool:
    """PHQ-9 question 9 above 'Not at all' needs a suicide-risk follow-up (standard practice)."""
    return answers.get(PHQ9_SELF_HARM_LINK_ID) in {SEVERAL_DAYS, MORE_THAN_HALF_THE_DAYS, NEARLY_EVERY_DAY}


# --- bladder-signs ------------------------------------------------------------------------------------


def has_visible_blood_in_urine(answers: Answers) -> bool:
    return is_yes(answers, "blood-in-urine")


def is_unable_to_pass_urine(answers: Answers) -> bool:
    return is_yes(answers, "unable-to-pass-urine")


def has_kidney_pain_with_fever(answers: Answers) -> bool:
    return is_yes(answers, "side-pain-with-fever")


def has_urinary_symptoms_after_stopping(answers: Answers) -> bool:
    """Symptoms lasting over 4 weeks after stopping: a GP should consider urology (BNSSG pathway)."""
    return is_yes(answers, "symptoms-after-stopping")


def has_bladder_symptoms_while_using(answers: Answers) -> bool:
    is_using = is_yes(answers, "currently-using")
    return is_using and any(is_yes(answers, link_id) for link_id in URINARY_SYMPTOM_LINK_IDS)


# --- ketamine-signs-observed (a carer answers about someone else) --------------------------------------


def talks_of_ending_life_or_self_harm(answers: Answers) -> bool:
    return is_yes(answers, "talks-of-ending-life-or-self-harm")


def has_been_hard_to_wake(answers: Answers) -> bool:
    return is_yes(answers, "hard-to-wake")


@dataclass(frozen=True)
class FlagRule:
    flag: Flag
    is_raised: Callable[[Answers], bool]


RULES_BY_QUESTIONNAIRE: Mapping[str, tuple[FlagRule, ...]] = {
    "safety": (
        FlagRule(Flag.DANGER_NOW, is_someone_in_danger_now),
        FlagRule(Flag.ENDING_LIFE_INTENT_OR_PLAN, has_intent_or_plan_to_end_life),
        FlagRule(Flag.ENDING_LIFE_RECENT_BEHAVIOUR, has_recent_behaviour_towards_ending_life),
        FlagRule(Flag.ENDING_LIFE_THOUGHTS, has_thoughts_of_ending_life),
        FlagRule(Flag.SELF_HARM_THOUGHTS, has_thoughts_of_self_harm),
        FlagRule(Flag.MIXING_WITH_DEPRESSANTS, is_mixing_with_depressants),
    ),
    "phq-9": (FlagRule(Flag.SELF_HARM_THOUGHTS, has_self_harm_thoughts),),
    "bladder-signs": (
        FlagRule(Flag.BLOOD_IN_URINE, has_visible_blood_in_urine),
        FlagRule(Flag.URINARY_RETENTION, is_unable_to_pass_urine),
        FlagRule(Flag.KIDNEY_PAIN_WITH_FEVER, has_kidney_pain_with_fever),
        FlagRule(Flag.URINARY_SYMPTOMS_AFTER_STOPPING, has_urinary_symptoms_after_stopping),
        FlagRule(Flag.BLADDER_SYMPTOMS_WHILE_USING, has_bladder_symptoms_while_using),
    ),
    # The observed questions about blood, retention and mixing share their linkIds with the self-check's own.
    "ketamine-signs-observed": (
        FlagRule(Flag.HARD_TO_WAKE, has_been_hard_to_wake),
        FlagRule(Flag.URINARY_RETENTION, is_unable_to_pass_urine),
        FlagRule(Flag.TALKS_OF_ENDING_LIFE_OR_SELF_HARM, talks_of_ending_life_or_self_harm),
        FlagRule(Flag.BLOOD_IN_URINE, has_visible_blood_in_urine),
        FlagRule(Flag.MIXING_WITH_DEPRESSANTS, is_mixing_with_depressants),
    ),
}


def raised_flags(questionnaire_id: str, answers: Answers) -> tuple[Flag, ...]:
    """Flags in rule order, which runs from most to least urgent within each questionnaire."""
    return tuple(rule.flag for rule in RULES_BY_QUESTIONNAIRE.get(questionnaire_id, ()) if rule.is_raised(answers))
