"""One source of advice: for each red flag and each result band, who to contact and how fast, per region.

Pure: no Django. The results page, its care cards, the stop-and-call pages, the learn pages (through the
`{advice:key}` marker) and /urgent all read these sentences, so the same sign never gets two answers.
Keys are the flags' string codes (`Flag.value`) plus the band keys below, so a new flag needs one entry here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from waypost.core.helplines import Region
from waypost.instruments.flags import Urgency

MOOD_SELF_CARE = "mood-self-care"
MOOD_SEE_DOCTOR_SOON = "mood-see-doctor-soon"
MOOD_SEE_DOCTOR_WITHIN_DAYS = "mood-see-doctor-within-days"
BLADDER_PROBLEMS = "bladder-problems"
BAND_KEYS = (MOOD_SELF_CARE, MOOD_SEE_DOCTOR_SOON, MOOD_SEE_DOCTOR_WITHIN_DAYS, BLADDER_PROBLEMS)

# Published cut-offs: PHQ-9 and GAD-7 at 10 or more need a clinician; PHQ-9 20+ and GAD-7 15+ are severe
MOOD_SEE_DOCTOR_FROM = 10
MOOD_WITHIN_DAYS_FROM = {"phq-9": 20, "gad-7": 15}

URGENT_PAGE_KEYS = ("unable-to-pass-urine", "blood-in-urine", "kidney-pain-with-fever", "ending-life-thoughts")


@dataclass(frozen=True)
class Advice:
    urgency: Urgency
    heading: str
    action: str
    carer_heading: str
    carer_action: str
    # Registry keys of the routes to offer, most fitting first: the first call route becomes the big button
    helpline_keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class Words:
    """What a region calls its services, so each sentence below is written once for every region."""

    emergency_number: str
    emergency_department: str
    same_day: str
    same_day_for_them: str
    doctor: str
    emergency_key: str
    crisis_keys: tuple[str, ...]
    same_day_keys: tuple[str, ...]


WORDS = {
    Region.UK: Words(
        emergency_number="999",
        emergency_department="A&E",
        same_day="Call NHS 111 or see your GP today. In Northern Ireland, call your GP or GP out-of-hours service.",
        same_day_for_them="Help them call NHS 111 or see their GP today. "
        "In Northern Ireland, they can call their GP or GP out-of-hours service.",
        doctor="GP",
        emergency_key="uk-emergency",
        crisis_keys=("uk-samaritans", "uk-nhs-111", "uk-shout"),
        same_day_keys=("uk-nhs-111",),
    ),
    Region.US: Words(
        emergency_number="911",
        emergency_department="an emergency department",
        same_day="Go to an urgent care centre or see a doctor today.",
        same_day_for_them="Help them go to an urgent care centre or see a doctor today.",
        doctor="doctor",
        emergency_key="us-emergency",
        crisis_keys=("us-988", "us-crisis-text-line"),
        same_day_keys=(),
    ),
}


def danger_advice(key: str, words: Words) -> Advice:
    number = words.emergency_number
    return Advice(
        Urgency.EMERGENCY,
        f"Call {number} now",
        f"Call {number} or go to {words.emergency_department} now. If you can, stay with someone you trust.",
        f"Call {number} for them now",
        f"Call {number} for them now, or take them to {words.emergency_department}. Stay with them until help comes.",
        (words.emergency_key, *words.crisis_keys),
    )


def danger_now_advice(key: str, words: Words) -> Advice:
    number = words.emergency_number
    action = (
        f"Call {number} now, or go to {words.emergency_department}. If it is safe, stay with them until help comes."
    )
    heading = f"Call {number} now"
    return Advice(Urgency.EMERGENCY, heading, action, heading, action, (words.emergency_key,))


def hard_to_wake_advice(key: str, words: Words) -> Advice:
    number = words.emergency_number
    return Advice(
        Urgency.EMERGENCY,
        f"Call {number} if they cannot be woken",
        f"If you cannot be woken or your breathing is slow, someone must call {number}.",
        f"Call {number} for them if they cannot be woken",
        f"If they cannot be woken, or their breathing is slow or noisy, call {number} for them now. "
        "Stay with them. Lie them on their side.",
        (words.emergency_key,),
    )


def crisis_advice(key: str, words: Words) -> Advice:
    number = words.emergency_number
    return Advice(
        Urgency.URGENT,
        "Talk to someone today",
        "Talk to someone today. These lines are free, day and night. "
        f"If you might act on your thoughts, call {number}.",
        "Help them talk to someone today",
        "Talk with them today and help them call a crisis line. You can call one for advice too. "
        f"If they might act on these thoughts now, call {number} for them and stay with them.",
        (*words.crisis_keys, words.emergency_key),
    )


def retention_advice(key: str, words: Words) -> Advice:
    number, place = words.emergency_number, words.emergency_department
    return Advice(
        Urgency.EMERGENCY,
        f"Go to {place} or call {number} now",
        f"Go to {place} or call {number} now. Not being able to pass urine at all needs a doctor straight away.",
        f"Take them to {place} or call {number} for them now",
        f"Take them to {place} or call {number} for them now. "
        "Not being able to pass urine at all needs a doctor straight away.",
        (words.emergency_key,),
    )


def same_day_advice(key: str, words: Words) -> Advice:
    return Advice(
        Urgency.URGENT,
        "See a doctor today",
        words.same_day,
        "They need to see a doctor today",
        words.same_day_for_them,
        words.same_day_keys,
    )


def see_doctor_advice(key: str, words: Words) -> Advice:
    doctor = words.doctor
    return Advice(
        Urgency.SEE_GP,
        f"Book an appointment with your {doctor}",
        f"Book an appointment with your {doctor}. Ask if you should see a urologist, a doctor who treats the bladder.",
        f"They should see their {doctor}",
        f"Encourage them to see their {doctor}. Ketamine can harm the bladder, and stopping helps it heal.",
    )


def mixing_advice(key: str, words: Words) -> Advice:
    return Advice(
        Urgency.ADVICE,
        "Mixing ketamine with other drugs is risky",
        "Together they can slow or stop your breathing. If you do mix, use less, do not use alone, "
        "and make sure someone can get help.",
        "Mixing ketamine with other drugs is risky",
        "Together they can slow or stop breathing. "
        f"If they are very sleepy or hard to wake after mixing, call {words.emergency_number} for them.",
        (),
    )


def mood_advice(key: str, words: Words) -> Advice:
    doctor = words.doctor
    by_key = {
        MOOD_SELF_CARE: (
            Urgency.ADVICE,
            "If how you feel starts to worry you, talk to someone. Sleep, food, moving and seeing friends can help.",
        ),
        MOOD_SEE_DOCTOR_SOON: (
            Urgency.SEE_GP,
            f"Book an appointment with your {doctor} soon. Low mood and anxiety can be treated.",
        ),
        MOOD_SEE_DOCTOR_WITHIN_DAYS: (
            Urgency.SEE_GP,
            f"See your {doctor} in the next few days. Low mood and anxiety can be treated.",
        ),
    }
    urgency, action = by_key[key]
    return Advice(urgency, "How you feel", action, "How they feel", action)


def bladder_advice(key: str, words: Words) -> Advice:
    return Advice(
        Urgency.SEE_GP,
        "Your bladder",
        f"Ketamine can harm the bladder. If the problems do not go away, see your {words.doctor}.",
        "Their bladder",
        f"Ketamine can harm the bladder. The sooner they cut down or stop, the better it can heal. "
        f"Encourage them to see their {words.doctor}.",
    )


BUILDERS = {
    "danger-now": danger_now_advice,
    "ending-life-intent-or-plan": danger_advice,
    "ending-life-recent-behaviour": danger_advice,
    "hard-to-wake": hard_to_wake_advice,
    "ending-life-thoughts": crisis_advice,
    "self-harm-thoughts": crisis_advice,
    "talks-of-ending-life-or-self-harm": crisis_advice,
    "unable-to-pass-urine": retention_advice,
    "blood-in-urine": same_day_advice,
    "kidney-pain-with-fever": same_day_advice,
    "urinary-symptoms-after-stopping": see_doctor_advice,
    "bladder-symptoms-while-using": see_doctor_advice,
    "mixing-with-depressants": mixing_advice,
    MOOD_SELF_CARE: mood_advice,
    MOOD_SEE_DOCTOR_SOON: mood_advice,
    MOOD_SEE_DOCTOR_WITHIN_DAYS: mood_advice,
    BLADDER_PROBLEMS: bladder_advice,
}

ADVICE: Mapping[tuple[str, Region], Advice] = {
    (key, region): build(key, WORDS[region]) for key, build in BUILDERS.items() for region in Region
}


def advice_for(key: str, region: Region) -> Advice:
    try:
        return ADVICE[key, Region(region)]
    except KeyError:
        raise KeyError(f"No advice for {key!r}; known keys: {', '.join(BUILDERS)}") from None


def mood_advice_key(questionnaire_id: str, total: int) -> str:
    if total >= MOOD_WITHIN_DAYS_FROM[questionnaire_id]:
        return MOOD_SEE_DOCTOR_WITHIN_DAYS
    return MOOD_SEE_DOCTOR_SOON if total >= MOOD_SEE_DOCTOR_FROM else MOOD_SELF_CARE
