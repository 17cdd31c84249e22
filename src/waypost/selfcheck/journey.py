"""The self-check journey: which question comes next, given the answers so far.

Pure rules, no Django: the same answers always give the same path. Answers are kept per questionnaire
(questionnaire id -> linkId -> answer code); the journey's own questions live under JOURNEY. Steps built from a
questionnaire carry its words in the language asked for (its translation extensions); the journey's own words
are English marked with `gettext_noop` and translated when shown (selfcheck/presenters.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from waypost.core.wording import gettext_noop
from waypost.instruments.definitions import Item
from waypost.instruments.registry import get_instrument
from waypost.instruments.screening import FIRST_TWO_QUESTIONS, gad2_is_positive, phq2_is_positive
from waypost.instruments.terminology import NO, SOURCE_LANGUAGE, YES

Answers = Mapping[str, Mapping[str, str]]
ScreeningRule = Callable[[Mapping[str, str]], bool]

JOURNEY = "journey"
WHO = "who"
AGE_GROUP = "age-group"
BLADDER_GATE = "bladder-gate"
DANGER_NOW = "danger-now"
SAFETY = "safety"
SIGNS = "ketamine-use-signs"
OBSERVED_SIGNS = "ketamine-signs-observed"
PHQ9 = "phq-9"
GAD7 = "gad-7"
BLADDER = "bladder-signs"
DAST10 = "dast-10"
SDS = "sds"
ALL_ENABLED = frozenset({SAFETY, SIGNS, OBSERVED_SIGNS, PHQ9, GAD7, BLADDER})
# Validated instruments: each item is shown exactly as printed, never cut into a question and a hint.
PUBLISHED_INSTRUMENTS = frozenset({PHQ9, GAD7, DAST10, SDS})
# Their items are fragments that read right only under the printed stem ("Over the last 2 weeks, …").
INSTRUMENTS_WITH_A_STEM = frozenset({PHQ9, GAD7})
STEM_LINK_ID = "intro"
# The carer's red-flag questions about the other person, asked before the signs they have noticed.
FAMILY_SAFETY_LINK_IDS = frozenset(
    {
        "talks-of-ending-life-or-self-harm",
        "hard-to-wake",
        "mixing-with-depressants",
        "blood-in-urine",
        "unable-to-pass-urine",
    }
)


class Mode(StrEnum):
    SELF = "self"
    FAMILY = "family"


class AgeGroup(StrEnum):
    UNDER_18 = "under-18"
    FROM_18_TO_24 = "18-to-24"
    FROM_25 = "25-or-over"
    NOT_SURE = "not-sure"


@dataclass(frozen=True)
class Option:
    code: str
    label: str


@dataclass(frozen=True)
class Step:
    questionnaire_id: str
    link_id: str
    question: str
    options: tuple[Option, ...]
    # The questionnaire's own example, in the step's language; `note` is our guidance, English until shown
    example: str = ""
    note: str = ""
    stem: str = ""

    @property
    def slug(self) -> str:
        return f"{self.questionnaire_id}.{self.link_id}"

    @property
    def hint(self) -> str:
        return " ".join(filter(None, (self.example, self.note)))

    @property
    def is_own(self) -> bool:
        """The journey's own question, whose words (question, note, answers) come from the catalogue."""
        return self.questionnaire_id == JOURNEY


YES_NO = (Option(YES, gettext_noop("Yes")), Option(NO, gettext_noop("No")))
WHO_STEP = Step(
    JOURNEY,
    WHO,
    gettext_noop("Who is this check about?"),
    (Option(Mode.SELF, gettext_noop("Me")), Option(Mode.FAMILY, gettext_noop("Someone I care about"))),
)
AGE_GROUP_STEP = Step(
    JOURNEY,
    AGE_GROUP,
    gettext_noop("How old is the person you are worried about?"),
    (
        Option(AgeGroup.UNDER_18, gettext_noop("Under 18")),
        Option(AgeGroup.FROM_18_TO_24, gettext_noop("18 to 24")),
        Option(AgeGroup.FROM_25, gettext_noop("25 or over")),
        Option(AgeGroup.NOT_SURE, gettext_noop("Not sure")),
    ),
    note=gettext_noop("Services and advice for young people are different, so this helps us show the right ones."),
)
BLADDER_GATE_STEP = Step(
    JOURNEY,
    BLADDER_GATE,
    gettext_noop("In the past few weeks, have you had any problems with your bladder or with passing urine (wee)?"),
    YES_NO,
    note=gettext_noop("For example, needing to go much more often, pain when you go, or blood in your urine."),
)


def step_for_item(questionnaire_id: str, item: Item, hint: str = "", language: str = SOURCE_LANGUAGE) -> Step:
    options = tuple(Option(option.code, option.display) for option in item.options)
    if questionnaire_id in PUBLISHED_INSTRUMENTS:
        stem = stem_of(questionnaire_id, language)
        return Step(questionnaire_id, item.link_id, item.text, options, note=hint, stem=stem)
    question, example = split_question(item.text)
    return Step(questionnaire_id, item.link_id, question, options, example=example, note=hint)


def stem_of(questionnaire_id: str, language: str = SOURCE_LANGUAGE) -> str:
    """The instrument's printed instruction, word for word from its own Questionnaire."""
    if questionnaire_id not in INSTRUMENTS_WITH_A_STEM:
        return ""
    intro = get_instrument(questionnaire_id, language).item(STEM_LINK_ID)
    return intro.text if intro else ""


def split_question(text: str) -> tuple[str, str]:
    """'Is anyone in danger? For example, …' becomes a short heading and a hint beneath it."""
    question, mark, rest = text.partition("? ")
    return (question + mark.strip(), rest.strip()) if mark and rest else (text, "")


def item_steps(
    questionnaire_id: str, answers: Answers, *, only: tuple[str, ...] = (), language: str = SOURCE_LANGUAGE
) -> list[Step]:
    """The instrument's questions in order, honouring its own enableWhen skip logic."""
    own_answers = answers.get(questionnaire_id, {})
    return [
        step
        for item, step in questions_with_steps(questionnaire_id, language)
        if (not only or item.link_id in only) and item.is_enabled(own_answers)
    ]


# Built once, since every page of the check rebuilds the path; keyed by language too, so a Spanish step is never
# served on an English page or the other way round
@cache
def questions_with_steps(questionnaire_id: str, language: str) -> tuple[tuple[Item, Step], ...]:
    """Each question (its skip logic read from the source file) with its step in `language`."""
    return tuple(
        (item, registered_step(questionnaire_id, item.link_id, language))
        for item in get_instrument(questionnaire_id).questions
    )


def registered_step(questionnaire_id: str, link_id: str, language: str = SOURCE_LANGUAGE) -> Step:
    """A registered instrument's item as a step, with its words in `language`."""
    item = get_instrument(questionnaire_id, language).item(link_id)
    if item is None:
        raise KeyError(f"{questionnaire_id} has no item {link_id}")
    return step_for_item(questionnaire_id, item, item_hint(questionnaire_id, link_id), language)


def item_hint(questionnaire_id: str, link_id: str) -> str:
    # A carer's red flags ask about now or about any time; the signs' 3-month window would muddle them.
    if questionnaire_id == OBSERVED_SIGNS and link_id in FAMILY_SAFETY_LINK_IDS:
        return ""
    return instrument_hint(questionnaire_id)


def instrument_hint(questionnaire_id: str) -> str:
    return {
        SIGNS: gettext_noop("Think about the past 12 months."),
        OBSERVED_SIGNS: gettext_noop("Think about the past 3 months, and only about what you have seen or heard."),
    }.get(questionnaire_id, "")


def journey_steps(answers: Answers, enabled: frozenset[str], language: str = SOURCE_LANGUAGE) -> tuple[Step, ...]:
    steps = [*item_steps(SAFETY, answers, only=(DANGER_NOW,), language=language), WHO_STEP]
    mode = answers.get(JOURNEY, {}).get(WHO)
    if mode == Mode.SELF:
        steps += self_steps(answers, enabled, language)
    elif mode == Mode.FAMILY:
        steps += family_steps(answers, enabled, language)
    return tuple(steps)


def family_steps(answers: Answers, enabled: frozenset[str], language: str = SOURCE_LANGUAGE) -> list[Step]:
    observed = item_steps(OBSERVED_SIGNS, answers, language=language) if OBSERVED_SIGNS in enabled else []
    return [AGE_GROUP_STEP, *observed]


def age_group_of(answers: Answers) -> AgeGroup | None:
    code = answers.get(JOURNEY, {}).get(AGE_GROUP)
    return AgeGroup(code) if code in set(AgeGroup) else None


def is_under_18(answers: Answers) -> bool:
    """The carer said the person is under 18: results add young people's services and a safeguarding note."""
    return age_group_of(answers) is AgeGroup.UNDER_18


def self_steps(answers: Answers, enabled: frozenset[str], language: str = SOURCE_LANGUAGE) -> list[Step]:
    steps = item_steps(SIGNS, answers, language=language) if SIGNS in enabled else []
    # The safety questions are Waypost's own and translated, so no language ever goes without them (H-089)
    steps += [step for step in item_steps(SAFETY, answers, language=language) if step.link_id != DANGER_NOW]
    if PHQ9 in enabled:
        steps += screened_steps(PHQ9, answers, is_positive=phq2_is_positive, language=language)
    if GAD7 in enabled:
        steps += screened_steps(GAD7, answers, is_positive=gad2_is_positive, language=language)
    if BLADDER in enabled:
        steps.append(BLADDER_GATE_STEP)
        if answers.get(JOURNEY, {}).get(BLADDER_GATE) == YES:
            steps += item_steps(BLADDER, answers, language=language)
    return steps


def screened_steps(
    questionnaire_id: str, answers: Answers, *, is_positive: ScreeningRule, language: str = SOURCE_LANGUAGE
) -> list[Step]:
    """The first two questions; the rest only when those two screen positive (PHQ-2, GAD-2)."""
    own_answers = answers.get(questionnaire_id, {})
    screening = item_steps(questionnaire_id, answers, only=FIRST_TWO_QUESTIONS, language=language)
    has_screening_answers = all(link_id in own_answers for link_id in FIRST_TWO_QUESTIONS)
    if not (has_screening_answers and is_positive(own_answers)):
        return screening
    # The printed PHQ-9 asks its difficulty item when any problem is checked, as a positive PHQ-2 always is.
    return item_steps(questionnaire_id, answers, language=language)


def expected_steps(answers: Answers, enabled: frozenset[str], language: str = SOURCE_LANGUAGE) -> tuple[Step, ...]:
    """The path so far, assuming 'Me' until the person says who the check is about."""
    if answers.get(JOURNEY, {}).get(WHO) is None:
        answers = with_answer(answers, WHO_STEP, Mode.SELF)
    return journey_steps(answers, enabled, language)


def expected_length(answers: Answers, enabled: frozenset[str]) -> int:
    return len(expected_steps(answers, enabled))


def with_answer(answers: Answers, step: Step, code: str) -> Answers:
    return {**answers, step.questionnaire_id: {**answers.get(step.questionnaire_id, {}), step.link_id: code}}


# --- honest progress ----------------------------------------------------------------------------------

PART_TITLES = {
    SIGNS: gettext_noop("Your ketamine use"),
    SAFETY: gettext_noop("Your safety"),
    PHQ9: gettext_noop("How you have been feeling"),
    GAD7: gettext_noop("How you have been feeling"),
    BLADDER: gettext_noop("Your bladder and kidneys"),
    OBSERVED_SIGNS: gettext_noop("What you have noticed"),
}
STARTING_TITLE = gettext_noop("About this check")
THEIR_SAFETY_TITLE = gettext_noop("Their safety")
# One question a page: read it, choose, press Continue. Rounded up, so the time is never understated.
SECONDS_PER_QUESTION = 10


@dataclass(frozen=True)
class Progress:
    part: int
    parts: int
    title: str
    question_in_part: int
    questions_in_part: int


def part_title(step: Step) -> str:
    if step.questionnaire_id == JOURNEY:
        return PART_TITLES[BLADDER] if step.link_id == BLADDER_GATE else STARTING_TITLE
    if step.questionnaire_id == SAFETY and step.link_id == DANGER_NOW:
        return STARTING_TITLE
    if step.questionnaire_id == OBSERVED_SIGNS and step.link_id in FAMILY_SAFETY_LINK_IDS:
        return THEIR_SAFETY_TITLE
    return PART_TITLES[step.questionnaire_id]


def progress(steps: tuple[Step, ...], step: Step) -> Progress:
    """Where `step` sits; pass `expected_steps(...)` so the parts are known before 'Who is this check about?'."""
    titles = [part_title(each) for each in steps]
    in_order = list(dict.fromkeys(titles))
    title = part_title(step)
    same_part = [each for each, each_title in zip(steps, titles, strict=True) if each_title == title]
    return Progress(in_order.index(title) + 1, len(in_order), title, same_part.index(step) + 1, len(same_part))


@cache
def longest_path(mode: Mode, enabled: frozenset[str]) -> tuple[Step, ...]:
    """Answer each question in the way that opens the most further questions: the most a person can be asked."""
    answers: Answers = with_answer({}, WHO_STEP, mode)
    while (step := next_unanswered(journey_steps(answers, enabled), answers)) is not None:
        choices = [with_answer(answers, step, option.code) for option in step.options]
        answers = max(choices, key=lambda choice: len(journey_steps(choice, enabled)))
    return journey_steps(answers, enabled)


def estimated_minutes(mode: Mode, enabled: frozenset[str]) -> int:
    """For the start page: 'about N minutes', from the longest path, rounded up."""
    return math.ceil(len(longest_path(mode, enabled)) * SECONDS_PER_QUESTION / 60)


def next_unanswered(steps: tuple[Step, ...], answers: Answers) -> Step | None:
    return next((step for step in steps if answer_to(step, answers) is None), None)


def answer_to(step: Step, answers: Answers) -> str | None:
    return answers.get(step.questionnaire_id, {}).get(step.link_id)


def previous_step(steps: tuple[Step, ...], step: Step) -> Step | None:
    index = steps.index(step)
    return steps[index - 1] if index > 0 else None


def answers_on_path(answers: Answers, enabled: frozenset[str]) -> dict[str, dict[str, str]]:
    """Drop answers to questions no longer on the path, e.g. after 'Change' turns a branch off."""
    kept = {questionnaire_id: dict(own) for questionnaire_id, own in answers.items()}
    while True:
        pruned: dict[str, dict[str, str]] = {}
        for step in journey_steps(kept, enabled):
            answer = answer_to(step, kept)
            if answer is not None:
                pruned.setdefault(step.questionnaire_id, {})[step.link_id] = answer
        if pruned == kept:
            return kept
        kept = pruned
