"""One source of advice: for each red flag and each result band, who to contact and how fast, per region.

Pure apart from translation: each sentence is written once in English and looked up in the reader's language
(the active translation) when asked for, cached per key, region and language (docs/adr/0043).
The results page, its care cards, the stop-and-call pages, the learn pages (through the
`{advice:key}` marker) and /urgent all read these sentences, so the same sign never gets two answers.
Keys are the flags' string codes (`Flag.value`) plus the band keys below, so a new flag needs one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from waypost.core.helplines import Region, get_helpline
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
        emergency_department=gettext_noop("A&E"),
        same_day=gettext_noop(
            "Call NHS 111 or see your GP today. In Northern Ireland, call your GP or GP out-of-hours service."
        ),
        same_day_for_them=gettext_noop(
            "Help them call NHS 111 or see their GP today. "
            "In Northern Ireland, they can call their GP or GP out-of-hours service."
        ),
        doctor=gettext_noop("GP"),
        emergency_key="uk-emergency",
        crisis_keys=("uk-samaritans", "uk-nhs-111", "uk-shout"),
        same_day_keys=("uk-nhs-111",),
    ),
    Region.US: Words(
        emergency_number="911",
        emergency_department=gettext_noop("an emergency department"),
        same_day=gettext_noop("Go to an urgent care centre or see a doctor today."),
        same_day_for_them=gettext_noop("Help them go to an urgent care centre or see a doctor today."),
        doctor=gettext_noop("doctor"),
        emergency_key="us-emergency",
        crisis_keys=("us-988", "us-crisis-text-line"),
        same_day_keys=(),
    ),
}


def words_in_reader_language(words: Words) -> Words:
    return replace(
        words,
        emergency_department=_(words.emergency_department),
        same_day=_(words.same_day),
        same_day_for_them=_(words.same_day_for_them),
        doctor=_(words.doctor),
    )


def danger_advice(key: str, words: Words) -> Advice:
    values = {"number": words.emergency_number, "place": words.emergency_department}
    return Advice(
        Urgency.EMERGENCY,
        _("Call %(number)s now") % values,
        _("Call %(number)s or go to %(place)s now. If you can, stay with someone you trust.") % values,
        _("Call %(number)s for them now") % values,
        _("Call %(number)s for them now, or take them to %(place)s. Stay with them until help comes.") % values,
        (words.emergency_key, *words.crisis_keys),
    )


def danger_now_advice(key: str, words: Words) -> Advice:
    values = {"number": words.emergency_number, "place": words.emergency_department}
    action = _("Call %(number)s now, or go to %(place)s. If it is safe, stay with them until help comes.") % values
    heading = _("Call %(number)s now") % values
    return Advice(Urgency.EMERGENCY, heading, action, heading, action, (words.emergency_key,))


def hard_to_wake_advice(key: str, words: Words) -> Advice:
    values = {"number": words.emergency_number}
    return Advice(
        Urgency.EMERGENCY,
        _("Call %(number)s if they cannot be woken") % values,
        _("If you cannot be woken or your breathing is slow, someone must call %(number)s.") % values,
        _("Call %(number)s for them if they cannot be woken") % values,
        _(
            "If they cannot be woken, or their breathing is slow or noisy, call %(number)s for them now. "
            "Stay with them. Lie them on their side."
        )
        % values,
        (words.emergency_key,),
    )


def crisis_advice(key: str, words: Words) -> Advice:
    values = {"number": words.emergency_number}
    return Advice(
        Urgency.URGENT,
        _("Talk to someone today"),
        _(
            "Talk to someone today. These lines are free, day and night. "
            "If you might act on your thoughts, call %(number)s."
        )
        % values,
        _("Help them talk to someone today"),
        _(
            "Talk with them today and help them call a crisis line. You can call one for advice too. "
            "If they might act on these thoughts now, call %(number)s for them and stay with them."
        )
        % values,
        (*words.crisis_keys, words.emergency_key),
    )


def retention_advice(key: str, words: Words) -> Advice:
    values = {"number": words.emergency_number, "place": words.emergency_department}
    return Advice(
        Urgency.EMERGENCY,
        _("Go to %(place)s or call %(number)s now") % values,
        _("Go to %(place)s or call %(number)s now. Not being able to pass urine at all needs a doctor straight away.")
        % values,
        _("Take them to %(place)s or call %(number)s for them now") % values,
        _(
            "Take them to %(place)s or call %(number)s for them now. "
            "Not being able to pass urine at all needs a doctor straight away."
        )
        % values,
        (words.emergency_key,),
    )


def same_day_advice(key: str, words: Words) -> Advice:
    return Advice(
        Urgency.URGENT,
        _("See a doctor today"),
        words.same_day,
        _("They need to see a doctor today"),
        words.same_day_for_them,
        words.same_day_keys,
    )


def see_doctor_advice(key: str, words: Words) -> Advice:
    values = {"doctor": words.doctor}
    return Advice(
        Urgency.SEE_GP,
        _("Book an appointment with your %(doctor)s") % values,
        _(
            "Book an appointment with your %(doctor)s. "
            "Ask if you should see a urologist, a doctor who treats the bladder."
        )
        % values,
        _("They should see their %(doctor)s") % values,
        _("Encourage them to see their %(doctor)s. Ketamine can harm the bladder, and stopping helps it heal.")
        % values,
    )


def mixing_advice(key: str, words: Words) -> Advice:
    return Advice(
        Urgency.ADVICE,
        _("Mixing ketamine with other drugs is risky"),
        _(
            "Together they can slow or stop your breathing. If you do mix, use less, do not use alone, "
            "and make sure someone can get help."
        ),
        _("Mixing ketamine with other drugs is risky"),
        _(
            "Together they can slow or stop breathing. "
            "If they are very sleepy or hard to wake after mixing, call %(number)s for them."
        )
        % {"number": words.emergency_number},
        (),
    )


def mood_advice(key: str, words: Words) -> Advice:
    values = {"doctor": words.doctor}
    by_key = {
        MOOD_SELF_CARE: (
            Urgency.ADVICE,
            _("If how you feel starts to worry you, talk to someone. Sleep, food, moving and seeing friends can help."),
        ),
        MOOD_SEE_DOCTOR_SOON: (
            Urgency.SEE_GP,
            _("Book an appointment with your %(doctor)s soon. Low mood and anxiety can be treated.") % values,
        ),
        MOOD_SEE_DOCTOR_WITHIN_DAYS: (
            Urgency.SEE_GP,
            _("See your %(doctor)s in the next few days. Low mood and anxiety can be treated.") % values,
        ),
    }
    urgency, action = by_key[key]
    return Advice(urgency, _("How you feel"), action, _("How they feel"), action)


def bladder_advice(key: str, words: Words) -> Advice:
    values = {"doctor": words.doctor}
    return Advice(
        Urgency.SEE_GP,
        _("Your bladder"),
        _("Ketamine can harm the bladder. If the problems do not go away, see your %(doctor)s.") % values,
        _("Their bladder"),
        _(
            "Ketamine can harm the bladder. The sooner they cut down or stop, the better it can heal. "
            "Encourage them to see their %(doctor)s."
        )
        % values,
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


def advice_for(key: str, region: Region) -> Advice:
    """The advice in the reader's language (the active translation)."""
    if key not in BUILDERS:
        raise KeyError(f"No advice for {key!r}; known keys: {', '.join(BUILDERS)}")
    return advice_in(key, Region(region), get_language() or "")


# Keyed by language as well as region: a process serves both, and must never mix them (H-087)
@lru_cache(maxsize=256)
def advice_in(key: str, region: Region, active_language: str) -> Advice:
    advice = BUILDERS[key](key, words_in_reader_language(WORDS[region]))
    return replace(advice, helpline_keys=tuple(stand_in_key(line) for line in advice.helpline_keys))


def stand_in_key(key: str) -> str:
    """On a Spanish page the Spanish-speaking route replaces the English one (988 → press 2, AYUDA)."""
    return get_helpline(key).key


def mood_advice_key(questionnaire_id: str, total: int) -> str:
    if total >= MOOD_WITHIN_DAYS_FROM[questionnaire_id]:
        return MOOD_SEE_DOCTOR_WITHIN_DAYS
    return MOOD_SEE_DOCTOR_SOON if total >= MOOD_SEE_DOCTOR_FROM else MOOD_SELF_CARE
