"""Display text for the check-answers page, so its template holds only loops."""

from __future__ import annotations

from dataclasses import dataclass

from waypost.selfcheck.journey import Answers, Mode, Step, answer_to

# Rough minutes per path for the start page, until the journey computes them from its longest path
PATH_MINUTES = {Mode.SELF: 5, Mode.FAMILY: 3}


@dataclass(frozen=True)
class AnswerRow:
    question: str
    answer: str
    slug: str


def check_answer_rows(steps: tuple[Step, ...], answers: Answers) -> tuple[AnswerRow, ...]:
    rows = []
    for step in steps:
        code = answer_to(step, answers)
        label = next((option.label for option in step.options if option.code == code), "Not answered")
        rows.append(AnswerRow(step.question, label, step.slug))
    return tuple(rows)


def progress_line(number: int, count: int) -> str:
    """The quiet line above each question; becomes "Part 2 of 4: …" once the journey names its parts."""
    return f"Question {number} of {count}"
