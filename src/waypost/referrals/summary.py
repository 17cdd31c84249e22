"""The self-check summary a person may attach: which checks, their bands and flags, never the answers."""

from __future__ import annotations

from django.http import HttpRequest

from waypost.referrals.details import SummaryEntry
from waypost.selfcheck import state as selfcheck_state
from waypost.selfcheck.journey import next_unanswered
from waypost.selfcheck.results import scores_for


def finished_selfcheck_summary(request: HttpRequest) -> tuple[SummaryEntry, ...]:
    answers = selfcheck_state.stored_answers(request)
    steps = selfcheck_state.current_steps(answers)
    if not answers or next_unanswered(steps, answers) is not None:
        return ()
    return tuple(
        SummaryEntry(score.questionnaire, score.band, tuple(flag.value for flag in score.flags))
        for score in scores_for(answers)
    )
