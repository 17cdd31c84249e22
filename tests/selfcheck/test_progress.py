"""Honest progress: the check is shown in named parts whose number never jumps, and the start page's time is true."""

from __future__ import annotations

import pytest

from waypost.instruments.registry import get_instrument
from waypost.instruments.terminology import NEARLY_EVERY_DAY, NO, NOT_AT_ALL, YES
from waypost.selfcheck.journey import (
    ALL_ENABLED,
    SECONDS_PER_QUESTION,
    Answers,
    Mode,
    Progress,
    estimated_minutes,
    expected_steps,
    journey_steps,
    longest_path,
    progress,
)
from waypost.selfcheck.presenters import progress_label

SELF = {"safety": {"danger-now": NO}, "journey": {"who": "self"}}
FAMILY = {"safety": {"danger-now": NO}, "journey": {"who": "family"}}
POSITIVE_MOOD = {"phq-9": {"1": NEARLY_EVERY_DAY, "2": NEARLY_EVERY_DAY}, "gad-7": {"1": NOT_AT_ALL, "2": NOT_AT_ALL}}


def progress_at(answers: Answers, slug: str, enabled: frozenset[str] = ALL_ENABLED) -> Progress:
    steps = expected_steps(answers, enabled)
    return progress(steps, next(step for step in steps if step.slug == slug))


@pytest.mark.parametrize(
    ("answers", "slug", "expected"),
    [
        ({}, "safety.danger-now", Progress(1, 5, "About this check", 1, 2)),
        ({}, "journey.who", Progress(1, 5, "About this check", 2, 2)),
        (SELF, "ketamine-use-signs.larger-or-longer", Progress(2, 5, "Your ketamine use", 1, 11)),
        (SELF, "ketamine-use-signs.withdrawal-feelings", Progress(2, 5, "Your ketamine use", 11, 11)),
        (SELF, "safety.mixing-with-depressants", Progress(3, 5, "Your safety", 1, 5)),
        (SELF, "phq-9.1", Progress(4, 5, "How you have been feeling", 1, 4)),
        (SELF, "gad-7.2", Progress(4, 5, "How you have been feeling", 4, 4)),
        ({**SELF, **POSITIVE_MOOD}, "phq-9.10", Progress(4, 5, "How you have been feeling", 10, 12)),
        (SELF, "journey.bladder-gate", Progress(5, 5, "Your bladder and kidneys", 1, 1)),
        (FAMILY, "journey.age-group", Progress(1, 3, "About this check", 3, 3)),
        (FAMILY, "ketamine-signs-observed.hard-to-wake", Progress(2, 3, "Their safety", 2, 5)),
        (FAMILY, "ketamine-signs-observed.uses-more", Progress(3, 3, "What you have noticed", 1, 10)),
    ],
)
def test_names_the_part_and_counts_questions_within_it(answers: Answers, slug: str, expected: Progress) -> None:
    assert progress_at(answers, slug) == expected


def test_says_part_and_title_as_a_plain_sentence() -> None:
    assert progress_label(progress_at(SELF, "phq-9.1")) == "Part 4 of 5: how you have been feeling"


def test_the_number_of_parts_never_changes_as_branches_open_on_the_self_path() -> None:
    steps = longest_path(Mode.SELF, ALL_ENABLED)
    short = journey_steps(SELF, ALL_ENABLED)

    assert {progress(steps, step).parts for step in steps} == {5}
    assert {progress(short, step).parts for step in short} == {5}
    assert [progress(steps, step).part for step in steps] == sorted(progress(steps, step).part for step in steps)


def test_assumes_me_until_told_so_the_first_pages_already_show_every_part() -> None:
    assert progress_at({}, "safety.danger-now").parts == progress_at(SELF, "safety.danger-now").parts == 5


def test_switched_off_instruments_leave_out_their_part() -> None:
    enabled = ALL_ENABLED - {"phq-9", "gad-7"}

    assert progress_at(SELF, "journey.bladder-gate", enabled) == Progress(4, 4, "Your bladder and kidneys", 1, 1)


def test_the_longest_self_path_asks_every_question_of_every_instrument_it_uses() -> None:
    asked = {step.slug for step in longest_path(Mode.SELF, ALL_ENABLED)}

    for questionnaire_id in ("ketamine-use-signs", "safety", "phq-9", "gad-7", "bladder-signs"):
        questions = get_instrument(questionnaire_id).questions
        assert {f"{questionnaire_id}.{item.link_id}" for item in questions} <= asked
    assert len(asked) == 47


def test_the_longest_family_path_asks_every_observed_question() -> None:
    asked = [step.slug for step in longest_path(Mode.FAMILY, ALL_ENABLED)]

    assert len(asked) == 18
    assert asked[:3] == ["safety.danger-now", "journey.who", "journey.age-group"]


@pytest.mark.parametrize(("mode", "minutes"), [(Mode.SELF, 8), (Mode.FAMILY, 3)])
def test_estimates_minutes_from_the_longest_path_rounded_up(mode: Mode, minutes: int) -> None:
    questions = len(longest_path(mode, ALL_ENABLED))

    assert estimated_minutes(mode, ALL_ENABLED) == minutes
    assert (minutes - 1) * 60 < questions * SECONDS_PER_QUESTION <= minutes * 60


def test_estimates_less_time_when_instruments_are_switched_off() -> None:
    assert estimated_minutes(Mode.SELF, ALL_ENABLED - {"phq-9", "gad-7", "bladder-signs"}) == 4


def test_expected_steps_keep_the_answers_given() -> None:
    answers = {**SELF, "journey": {"who": "self", "bladder-gate": YES}}

    assert expected_steps(answers, ALL_ENABLED) == journey_steps(answers, ALL_ENABLED)
