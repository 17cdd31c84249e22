"""Turn the answers into what the results page says: care cards first, then feedback in the FRAMES shape.

Pure: no Django. Every sentence here speaks of signs and answers, never of a diagnosis.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from waypost.core.helplines import Helpline, Region, emergency_line, get_helpline
from waypost.instruments.flags import Flag, Urgency, urgency_of
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
)

MENTAL_HEALTH_FLAGS = frozenset(
    {
        Flag.DANGER_NOW,
        Flag.ENDING_LIFE_INTENT_OR_PLAN,
        Flag.ENDING_LIFE_RECENT_BEHAVIOUR,
        Flag.ENDING_LIFE_THOUGHTS,
        Flag.SELF_HARM_THOUGHTS,
        Flag.TALKS_OF_ENDING_LIFE_OR_SELF_HARM,
        Flag.HARD_TO_WAKE,
    }
)
REASONS = {
    Flag.DANGER_NOW: "You told us someone is in danger right now.",
    Flag.ENDING_LIFE_INTENT_OR_PLAN: "You told us you have thought about ending your life, and might act on it.",
    Flag.ENDING_LIFE_RECENT_BEHAVIOUR: "You told us you tried, or got ready, to end your life in the past 3 months.",
    Flag.ENDING_LIFE_THOUGHTS: "You told us you have had thoughts of ending your life.",
    Flag.SELF_HARM_THOUGHTS: "You told us you have had thoughts of being better off dead or of hurting yourself.",
    Flag.BLOOD_IN_URINE: "You have seen blood in your urine.",
    Flag.URINARY_RETENTION: "You cannot pass urine, even though you need to.",
    Flag.KIDNEY_PAIN_WITH_FEVER: "You have pain in your side or back, with a high temperature or shivers.",
    Flag.URINARY_SYMPTOMS_AFTER_STOPPING: "Your bladder problems have lasted over 4 weeks since you stopped.",
    Flag.BLADDER_SYMPTOMS_WHILE_USING: "You have bladder problems and still use ketamine.",
    Flag.MIXING_WITH_DEPRESSANTS: "You sometimes take ketamine with alcohol, opioids, benzos or GHB.",
    # Minimal carer wording for the family red flags; the page engineer rewrites these cards.
    Flag.TALKS_OF_ENDING_LIFE_OR_SELF_HARM: "You told us they talk about ending their life or hurting themselves.",
    Flag.HARD_TO_WAKE: "You told us there have been times when they could not be woken, or were very hard to wake.",
}
CRISIS_LINE_KEYS = {
    Region.UK: ("uk-samaritans", "uk-nhs-111", "uk-shout"),
    Region.US: ("us-988", "us-crisis-text-line"),
}
DOCTOR = {Region.UK: "GP", Region.US: "doctor"}


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


@dataclass(frozen=True)
class Results:
    mode: Mode
    care_cards: tuple[CareCard, ...]
    sections: tuple[Section, ...]
    page_slugs: tuple[str, ...]
    scores: tuple[Score, ...] = field(default=())


def scores_for(answers: Answers) -> tuple[Score, ...]:
    return tuple(
        score_answers(questionnaire_id, own)
        for questionnaire_id, own in answers.items()
        if questionnaire_id != JOURNEY and own
    )


def build_results(answers: Answers, region: Region) -> Results:
    mode = Mode(answers[JOURNEY][WHO])
    scores = scores_for(answers)
    flags = tuple(dict.fromkeys(flag for score in scores for flag in score.flags))
    by_id = {score.questionnaire: score for score in scores}
    sections = family_sections(by_id) if mode == Mode.FAMILY else self_sections(by_id, answers, region)
    return Results(mode, care_cards(flags, region), sections, related_pages(mode, by_id, answers), scores)


def care_cards(flags: Iterable[Flag], region: Region) -> tuple[CareCard, ...]:
    flags = tuple(flags)
    cards = [
        emergency_card(flags, region),
        crisis_card(flags, region),
        same_day_bladder_card(flags, region),
        see_doctor_card(flags, region),
        mixing_card(flags),
    ]
    return tuple(card for card in cards if card is not None)


def reasons_for(flags: Iterable[Flag], urgency: Urgency, *, is_mental_health: bool | None = None) -> tuple[str, ...]:
    return tuple(
        REASONS[flag]
        for flag in flags
        if urgency_of(flag) == urgency
        and (is_mental_health is None or (flag in MENTAL_HEALTH_FLAGS) == is_mental_health)
    )


def crisis_lines(region: Region) -> tuple[Helpline, ...]:
    return tuple(get_helpline(key) for key in CRISIS_LINE_KEYS[region])


def emergency_card(flags: tuple[Flag, ...], region: Region) -> CareCard | None:
    reasons = reasons_for(flags, Urgency.EMERGENCY)
    if not reasons:
        return None
    number = emergency_line(region).primary_contact.value
    return CareCard(
        Urgency.EMERGENCY,
        f"Call {number} now",
        reasons,
        (
            f"Call {number} or go to the emergency department now.",
            "If you can, stay with someone you trust until help comes.",
        ),
        (emergency_line(region), *crisis_lines(region)),
    )


def crisis_card(flags: tuple[Flag, ...], region: Region) -> CareCard | None:
    reasons = reasons_for(flags, Urgency.URGENT, is_mental_health=True)
    if not reasons or reasons_for(flags, Urgency.EMERGENCY):
        return None
    return CareCard(
        Urgency.URGENT,
        "Talk to someone today",
        reasons,
        (
            "You do not have to deal with these thoughts alone. These lines are free, day and night.",
            f"If you feel you might act on your thoughts, call {emergency_line(region).primary_contact.value}.",
        ),
        crisis_lines(region),
    )


def same_day_bladder_card(flags: tuple[Flag, ...], region: Region) -> CareCard | None:
    reasons = reasons_for(flags, Urgency.URGENT, is_mental_health=False)
    if not reasons:
        return None
    if region == Region.UK:
        action = "Get medical help today: call 111, or ask your GP for an urgent appointment."
        lines: tuple[Helpline, ...] = (get_helpline("uk-nhs-111"),)
    else:
        action = "Get medical help today: call your doctor, or go to an urgent care centre."
        lines = ()
    return CareCard(
        Urgency.URGENT,
        "See a doctor today",
        reasons,
        (action, "Tell them you use or have used ketamine. It helps them find the cause."),
        lines,
        "ketamine-bladder",
    )


def see_doctor_card(flags: tuple[Flag, ...], region: Region) -> CareCard | None:
    reasons = reasons_for(flags, Urgency.SEE_GP)
    if not reasons:
        return None
    doctor = DOCTOR[region]
    return CareCard(
        Urgency.SEE_GP,
        f"Book an appointment with your {doctor}",
        reasons,
        (
            f"Tell your {doctor} about your ketamine use. They are there to help, not to judge.",
            "Ask if you should see a urologist. This is a doctor who treats the bladder.",
            "Stopping ketamine is the most important thing you can do for your bladder.",
        ),
        (),
        "ketamine-bladder",
    )


def mixing_card(flags: tuple[Flag, ...]) -> CareCard | None:
    reasons = reasons_for(flags, Urgency.ADVICE)
    if not reasons:
        return None
    return CareCard(
        Urgency.ADVICE,
        "Mixing ketamine with other drugs is risky",
        reasons,
        (
            "Together they can slow or stop your breathing.",
            "If you do mix, use less, do not use alone, and make sure someone can get help.",
        ),
        (),
        "mixing-and-overdose",
    )


def self_sections(by_id: dict[str, Score], answers: Answers, region: Region) -> tuple[Section, ...]:
    sections = [signs_section(by_id.get(SIGNS))]
    sections += mood_sections(by_id)
    if answers.get(JOURNEY, {}).get(BLADDER_GATE) == YES:
        sections.append(bladder_section(region))
    sections += [
        Section(
            "It is your choice",
            ("You decide what happens next. We are here to help if and when you want it.",),
        ),
        Section(
            "You can do this",
            (
                "It takes courage to answer these questions honestly.",
                "Many people cut down or stop using ketamine. Help works, and it is never too late to ask.",
            ),
        ),
    ]
    return tuple(section for section in sections if section is not None)


SIGNS_ADVICE = {
    "few": "If you use ketamine, learn how to lower the risks. Come back to this check if things change.",
    "some": "It may be a good time to think about cutting down. Talking to someone can help.",
    "several": "These signs suggest ketamine may be harming your life. Talking to someone is a good next step.",
    "many": "These signs suggest ketamine is harming your life. Please think about getting support soon.",
}


def signs_section(score: Score | None) -> Section | None:
    if score is None or score.band is None:
        return None
    return Section(
        "What your answers suggest",
        (
            f"You answered yes to {score.total} of the 10 signs we asked about.",
            "This is not a diagnosis. It shows signs that ketamine may be causing problems.",
            SIGNS_ADVICE[score.band],
        ),
    )


def mood_sections(by_id: dict[str, Score]) -> list[Section]:
    sections = []
    for questionnaire_id, topic in ((PHQ9, "mood"), (GAD7, "worry and anxiety")):
        score = by_id.get(questionnaire_id)
        if score is None:
            continue
        if score.band_label is None:
            text = f"Your first answers about {topic} did not point to a problem."
        else:
            text = f"Your answers about {topic} suggest: {score.band_label.lower()}"
        advice = "If how you feel worries you, talk to a doctor. Low mood and anxiety can be treated."
        sections.append(Section(f"Your {topic}", (text, advice)))
    return sections


def bladder_section(region: Region) -> Section:
    return Section(
        "Your bladder",
        (
            "Ketamine can harm the bladder. The sooner you stop or cut down, the better it can heal.",
            f"If the problems do not go away, see your {DOCTOR[region]}.",
        ),
    )


def family_sections(by_id: dict[str, Score]) -> tuple[Section, ...]:
    score = by_id.get(OBSERVED_SIGNS)
    sections = []
    if score is not None and score.band_label:
        sections.append(
            Section(
                "What you have noticed",
                (f"You have noticed {score.total} of the 10 signs we asked about.", score.band_label),
            )
        )
    sections += [
        Section(
            "Looking after yourself",
            (
                "Worrying about someone is hard. Your own health matters too.",
                "You can get advice for yourself, even if they are not ready to get help.",
            ),
        ),
        Section(
            "What can help",
            (
                "Stay calm and kind. Talk when they have not used, and listen more than you speak.",
                "Tell them what you have seen and that you care. Let them know help is there when they want it.",
            ),
        ),
    ]
    return tuple(sections)


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
