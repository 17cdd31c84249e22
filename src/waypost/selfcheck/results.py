"""Turn the answers into what the results page says: care cards first, then feedback in the FRAMES shape.

Pure: no Django. Every sentence here speaks of signs and answers, never of a diagnosis. Words are English
msgids: module-level ones marked with `gettext_noop`, and every function that builds text takes the translator
as `gettext` (selfcheck/wording.py), so the views render the same results in the request's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from waypost.core import helplines
from waypost.core.advice import BLADDER_PROBLEMS, WORDS, Advice, advice_for, mood_advice_key
from waypost.core.helplines import Helpline, Region, emergency_line, get_helpline
from waypost.core.wording import Translate, gettext_noop, untranslated
from waypost.instruments.flags import URGENCY_ORDER, Flag, Urgency
from waypost.instruments.scoring import Score, score_answers
from waypost.instruments.terminology import YES
from waypost.selfcheck.journey import (
    BLADDER,
    BLADDER_GATE,
    GAD7,
    JOURNEY,
    OBSERVED_SIGNS,
    PHQ9,
    SAFETY,
    SIGNS,
    WHO,
    Answers,
    Mode,
    is_under_18,
)

SELF_REASONS = {
    "danger-now": gettext_noop("You told us someone is in danger right now."),
    "ending-life-intent-or-plan": gettext_noop(
        "You told us you have thought about ending your life, and might act on it."
    ),
    "ending-life-recent-behaviour": gettext_noop(
        "You told us you tried, or got ready, to end your life in the past 3 months."
    ),
    "ending-life-thoughts": gettext_noop("You told us you have had thoughts of ending your life."),
    "self-harm-thoughts": gettext_noop(
        "You told us you have had thoughts of being better off dead or of hurting yourself."
    ),
    "talks-of-ending-life-or-self-harm": gettext_noop(
        "You told us you have had thoughts of ending your life or harming yourself."
    ),
    "hard-to-wake": gettext_noop("You told us there have been times when you could not be woken."),
    "blood-in-urine": gettext_noop("You have seen blood in your urine."),
    "unable-to-pass-urine": gettext_noop("You cannot pass urine, even though you need to."),
    "kidney-pain-with-fever": gettext_noop("You have pain in your side or back, with a high temperature or shivers."),
    "urinary-symptoms-after-stopping": gettext_noop(
        "Your bladder problems have lasted over 4 weeks since you stopped."
    ),
    "bladder-symptoms-while-using": gettext_noop("You have bladder problems and still use ketamine."),
    "mixing-with-depressants": gettext_noop("You sometimes take ketamine with alcohol, opioids, benzos or GHB."),
}
# Said to someone answering about another person: what they have seen, never "you have"
FAMILY_REASONS = {
    "danger-now": gettext_noop("You told us someone is in danger right now."),
    "hard-to-wake": gettext_noop("You have seen them when they could not be woken, or were very hard to wake."),
    "talks-of-ending-life-or-self-harm": gettext_noop(
        "They have talked about ending their life or harming themselves."
    ),
    "mixing-with-depressants": gettext_noop("They take ketamine with alcohol, opioids, benzos or GHB."),
    "blood-in-urine": gettext_noop("They have blood in their urine."),
    "unable-to-pass-urine": gettext_noop("They cannot pass urine, even though they need to."),
}
BLADDER_FLAGS = frozenset(
    {
        "blood-in-urine",
        "unable-to-pass-urine",
        "kidney-pain-with-fever",
        "urinary-symptoms-after-stopping",
        "bladder-symptoms-while-using",
    }
)
# Observed signs that point at the bladder: going to the toilet much more often, pain low in the tummy
OBSERVED_BLADDER_LINK_IDS = ("toilet-trips", "stomach-pain")
READ_MORE_PAGE = dict.fromkeys(BLADDER_FLAGS, "ketamine-bladder") | {"mixing-with-depressants": "mixing-and-overdose"}
CRISIS_LINE_KEYS = {region: WORDS[region].crisis_keys for region in Region}
DOCTOR = {Region.UK: gettext_noop("GP"), Region.US: gettext_noop("doctor")}
CHILDREN_SERVICES = {
    Region.UK: gettext_noop("your local council's children's services"),
    Region.US: gettext_noop("child protective services"),
}
MOOD_WORDING = {
    PHQ9: (
        gettext_noop("Your mood"),
        gettext_noop("Your first answers about mood did not point to a problem."),
        gettext_noop("Your answers about mood suggest: %(band)s"),
    ),
    GAD7: (
        gettext_noop("Your worry and anxiety"),
        gettext_noop("Your first answers about worry and anxiety did not point to a problem."),
        gettext_noop("Your answers about worry and anxiety suggest: %(band)s"),
    ),
}


@dataclass(frozen=True)
class CareCard:
    urgency: Urgency
    heading: str
    reasons: tuple[str, ...]
    actions: tuple[str, ...]
    helplines: tuple[Helpline, ...] = ()
    page_slug: str = ""


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]
    helplines: tuple[Helpline, ...] = ()


@dataclass(frozen=True)
class Results:
    mode: Mode
    care_cards: tuple[CareCard, ...]
    sections: tuple[Section, ...]
    page_slugs: tuple[str, ...]
    scores: tuple[Score, ...] = field(default=())
    talk_now: tuple[Helpline, ...] = ()
    next_steps: tuple[str, ...] = ()


def scores_for(answers: Answers) -> tuple[Score, ...]:
    return tuple(
        score_answers(questionnaire_id, own)
        for questionnaire_id, own in answers.items()
        if questionnaire_id != JOURNEY and own
    )


def mode_of(answers: Answers) -> Mode:
    return Mode(answers.get(JOURNEY, {}).get(WHO, Mode.SELF))


def build_results(answers: Answers, region: Region, gettext: Translate = untranslated) -> Results:
    mode = mode_of(answers)
    scores = scores_for(answers)
    flags = tuple(dict.fromkeys(flag for score in scores for flag in score.flags))
    by_id = {score.questionnaire: score for score in scores}
    if mode == Mode.FAMILY:
        sections = family_sections(by_id, answers, flags, region, helplines.family_support_lines(region), gettext)
    else:
        sections = self_sections(by_id, answers, region, gettext)
    return Results(
        mode,
        care_cards(flags, region, mode, gettext),
        sections,
        related_pages(mode, by_id, answers),
        scores,
        talk_now_lines(region, mode),
        next_steps(region, mode, gettext),
    )


def care_cards(
    flags: Iterable[Flag], region: Region, mode: Mode = Mode.SELF, gettext: Translate = untranslated
) -> tuple[CareCard, ...]:
    """One card per piece of advice, most urgent first; flags that share advice share a card."""
    flags_by_advice: dict[Advice, list[Flag]] = {}
    for flag in flags:
        flags_by_advice.setdefault(advice_for(flag.value, region), []).append(flag)
    cards = [card_for(advice, tuple(group), mode, gettext) for advice, group in flags_by_advice.items()]
    return tuple(sorted(cards, key=lambda card: URGENCY_ORDER.index(card.urgency)))


def card_for(advice: Advice, flags: tuple[Flag, ...], mode: Mode, gettext: Translate = untranslated) -> CareCard:
    """The advice's words are core's registry's (core/advice.py), looked up in the same catalogue (H-090)."""
    is_family = mode == Mode.FAMILY
    return CareCard(
        advice.urgency,
        gettext(advice.carer_heading if is_family else advice.heading),
        tuple(reason_for(flag, mode, gettext) for flag in flags),
        (gettext(advice.carer_action if is_family else advice.action),),
        tuple(get_helpline(key) for key in advice.helpline_keys),
        READ_MORE_PAGE.get(flag_codes(flags)[0], ""),
    )


def flag_codes(flags: Iterable[Flag]) -> tuple[str, ...]:
    return tuple(flag.value for flag in flags)


def reason_for(flag: Flag, mode: Mode, gettext: Translate = untranslated) -> str:
    return gettext(FAMILY_REASONS[flag.value] if mode == Mode.FAMILY else SELF_REASONS[flag.value])


def crisis_lines(region: Region) -> tuple[Helpline, ...]:
    return tuple(get_helpline(key) for key in CRISIS_LINE_KEYS[region])


def talk_now_lines(region: Region, mode: Mode) -> tuple[Helpline, ...]:
    """Every results page offers a way to talk to someone now, whatever the answers."""
    extra = helplines.family_support_lines(region) if mode == Mode.FAMILY else ()
    return (emergency_line(region), *crisis_lines(region), *extra)


def next_steps(region: Region, mode: Mode, gettext: Translate = untranslated) -> tuple[str, ...]:
    doctor = {"doctor": gettext(DOCTOR[region])}
    if mode == Mode.FAMILY:
        return (
            gettext("Suggest they talk to their %(doctor)s, who can help them cut down or stop safely.") % doctor,
            gettext("If worrying about them affects your own health, talk to your %(doctor)s too.") % doctor,
        )
    return (gettext("Talk to your %(doctor)s. They can help you cut down or stop safely.") % doctor,)


def self_sections(
    by_id: dict[str, Score], answers: Answers, region: Region, gettext: Translate = untranslated
) -> tuple[Section, ...]:
    sections = [signs_section(by_id.get(SIGNS), gettext)]
    sections += mood_sections(by_id, region, gettext)
    if answers.get(JOURNEY, {}).get(BLADDER_GATE) == YES:
        sections.append(bladder_section(region, gettext=gettext))
    sections += [
        Section(
            gettext("It is your choice"),
            (gettext("You decide what happens next. We are here to help if and when you want it."),),
        ),
        Section(
            gettext("You can do this"),
            (
                gettext("It takes courage to answer these questions honestly."),
                gettext("Many people cut down or stop using ketamine. Help works, and it is never too late to ask."),
            ),
        ),
    ]
    return tuple(section for section in sections if section is not None)


SIGNS_ADVICE = {
    "few": gettext_noop("If you use ketamine, learn how to lower the risks. Come back to this check if things change."),
    "some": gettext_noop("It may be a good time to think about cutting down. Talking to someone can help."),
    "several": gettext_noop(
        "These signs suggest ketamine may be harming your life. Talking to someone is a good next step."
    ),
    "many": gettext_noop("These signs suggest ketamine is harming your life. Please think about getting support soon."),
}


def signs_section(score: Score | None, gettext: Translate = untranslated) -> Section | None:
    if score is None or score.band is None:
        return None
    return Section(
        gettext("What your answers suggest"),
        (
            gettext("You answered yes to %(total)s of the 10 signs we asked about.") % {"total": score.total},
            gettext("This is not a diagnosis. It shows signs that ketamine may be causing problems."),
            gettext(SIGNS_ADVICE[score.band]),
        ),
    )


def mood_sections(by_id: dict[str, Score], region: Region, gettext: Translate = untranslated) -> list[Section]:
    sections = []
    for questionnaire_id, (heading, no_problem, suggestion) in MOOD_WORDING.items():
        score = by_id.get(questionnaire_id)
        if score is None:
            continue
        if score.band_label is None:
            text = gettext(no_problem)
        else:
            # The band's published meaning, translated faithfully in the catalogue (hazard H-088)
            text = gettext(suggestion) % {"band": gettext(score.band_label).lower()}
        advice = advice_for(mood_advice_key(questionnaire_id, score.total), region)
        sections.append(Section(gettext(heading), (text, gettext(advice.action))))
    return sections


def bladder_section(region: Region, mode: Mode = Mode.SELF, gettext: Translate = untranslated) -> Section:
    advice = advice_for(BLADDER_PROBLEMS, region)
    if mode == Mode.FAMILY:
        return Section(gettext(advice.carer_heading), (gettext(advice.carer_action),))
    return Section(
        gettext(advice.heading),
        (gettext("The sooner you stop or cut down, the better it can heal."), gettext(advice.action)),
    )


def family_sections(
    by_id: dict[str, Score],
    answers: Answers,
    flags: tuple[Flag, ...],
    region: Region,
    support_lines: tuple[Helpline, ...],
    gettext: Translate = untranslated,
) -> tuple[Section, ...]:
    sections = [noticed_section(by_id.get(OBSERVED_SIGNS), gettext)]
    if has_observed_bladder_signs(answers, flags):
        sections.append(bladder_section(region, Mode.FAMILY, gettext))
    if is_under_18(answers):
        sections.append(young_person_section(region, gettext))
    sections += [
        Section(
            gettext("Looking after yourself"),
            (
                gettext("Worrying about someone is hard. Your own health matters too."),
                gettext("You can get advice for yourself, even if they are not ready to get help."),
            ),
            support_lines,
        ),
        Section(
            gettext("What can help"),
            (
                gettext("Stay calm and kind. Talk when they have not used, and listen more than you speak."),
                gettext(
                    "Tell them what you have seen and that you care. Let them know help is there when they want it."
                ),
            ),
        ),
    ]
    return tuple(section for section in sections if section is not None)


def has_observed_bladder_signs(answers: Answers, flags: tuple[Flag, ...]) -> bool:
    observed = answers.get(OBSERVED_SIGNS, {})
    is_seen = any(observed.get(link_id) == YES for link_id in OBSERVED_BLADDER_LINK_IDS)
    return is_seen or bool(BLADDER_FLAGS.intersection(flag_codes(flags)))


def noticed_section(score: Score | None, gettext: Translate = untranslated) -> Section | None:
    if score is None or not score.band_label:
        return None
    return Section(
        gettext("What you have noticed"),
        (
            gettext("You have noticed %(total)s of the 10 signs we asked about.") % {"total": score.total},
            gettext(score.band_label),
        ),
    )


def young_person_section(region: Region, gettext: Translate = untranslated) -> Section:
    return Section(
        gettext("If they are under 18"),
        (
            gettext(
                "Young people have their own drug services, often through school, college or a youth service. "
                "Their %(doctor)s can tell you what is near you."
            )
            % {"doctor": gettext(DOCTOR[region])},
            gettext(
                "If you think a child or young person is at risk of harm, you can ask %(children_services)s for "
                "advice. If they are in danger now, call %(number)s."
            )
            % {
                "children_services": gettext(CHILDREN_SERVICES[region]),
                "number": emergency_line(region).primary_contact.value,
            },
        ),
        helplines.young_people_lines(region),
    )


def related_pages(mode: Mode, by_id: dict[str, Score], answers: Answers) -> tuple[str, ...]:
    if mode == Mode.FAMILY:
        return ("for-families-and-friends", "warning-signs", "treatment-options")
    slugs = ["reducing-harm", "is-ketamine-addictive"]
    signs = by_id.get(SIGNS)
    if signs is not None and signs.total >= 2:
        slugs.append("treatment-options")
    if answers.get(JOURNEY, {}).get(BLADDER_GATE) == YES or BLADDER in by_id:
        slugs.append("ketamine-bladder")
    safety = by_id.get(SAFETY)
    if safety is not None and Flag.MIXING_WITH_DEPRESSANTS in safety.flags:
        slugs.append("mixing-and-overdose")
    return tuple(slugs)
