"""The self-check summary a person may attach: which checks, their bands and flags, never the answers."""

from __future__ import annotations

from django.http import HttpRequest

from waypost.intake.details import SummaryEntry
from waypost.selfcheck import state as selfcheck_state
from waypost.selfcheck.journey import WHO_STEP, Answers, Mode, answer_to, next_unanswered
from waypost.selfcheck.results import scores_for


def finished_selfcheck_summary(request: HttpRequest) -> tuple[SummaryEntry, ...]:
    answers = finished_selfcheck_answers(request)
    return tuple(
        SummaryEntry(score.questionnaire, score.band, tuple(flag.value for flag in score.flags))
        for score in scores_for(answers)
    )


def finished_selfcheck_mode(request: HttpRequest) -> Mode | None:
    """Whom a finished self-check was about (me, or someone I care about); None if there is no finished check."""
    mode = answer_to(WHO_STEP, finished_selfcheck_answers(request))
    return next((known for known in Mode if known.value == mode), None)


def finished_selfcheck_answers(request: HttpRequest) -> Answers:
    """The self-check's answers once every question on its path is answered; empty until then."""
    answers = selfcheck_state.stored_answers(request)
    steps = selfcheck_state.current_steps(answers)
    if not answers or next_unanswered(steps, answers) is not None:
        return {}
    return answers
