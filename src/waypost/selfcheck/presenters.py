"""Display text for the check-answers page, so its template holds only loops."""

from __future__ import annotations

from dataclasses import dataclass

from waypost.selfcheck.journey import Answers, Mode, Step, answer_to, estimated_minutes


@dataclass(frozen=True)
class AnswerRow:
    question: str
    answer: str
    slug: str
    change_url: str


def check_answer_rows(steps: tuple[Step, ...], answers: Answers, *, question_url_prefix: str) -> tuple[AnswerRow, ...]:
    """`question_url_prefix` is a question's address without its slug: one reverse() a page, not one a row."""
    rows = []
    for step in steps:
        code = answer_to(step, answers)
        label = next((option.label for option in step.options if option.code == code), "Not answered")
        rows.append(AnswerRow(step.question, label, step.slug, f"{question_url_prefix}{step.slug}?change=1"))
    return tuple(rows)


def path_minutes(enabled: frozenset[str]) -> dict[str, int]:
    """How long each path takes at most, for the start page, so the length never surprises."""
    return {mode.value: estimated_minutes(mode, enabled) for mode in Mode}
