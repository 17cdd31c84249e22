"""Display text for the question and check-answers pages, in the request's language, so templates hold only loops.

A questionnaire's step already carries its words in the page's language (its FHIR translations); the journey's
own questions, notes, answers and part titles are English msgids looked up here.
"""

from __future__ import annotations

from django.utils.translation import gettext

from waypost.core.form_markup import SummaryRow
from waypost.core.wording import first_lower
from waypost.selfcheck.journey import Answers, Mode, Option, Progress, Step, answer_to, estimated_minutes


def question_of(step: Step) -> str:
    return gettext(step.question) if step.is_own else step.question


def hint_of(step: Step) -> str:
    """The questionnaire's example is already in the step's language; only our note is looked up."""
    note = gettext(step.note) if step.note else ""  # gettext("") would be the catalogue's header
    return " ".join(filter(None, (step.example, note)))


def label_of(step: Step, option: Option) -> str:
    return gettext(option.label) if step.is_own else option.label


def progress_label(progress: Progress) -> str:
    """'Part 2 of 5: your ketamine use', in the page's language."""
    return gettext("Part %(part)s of %(parts)s: %(title)s") % {
        "part": progress.part,
        "parts": progress.parts,
        "title": first_lower(gettext(progress.title)),
    }


def check_answer_rows(steps: tuple[Step, ...], answers: Answers, *, question_url_prefix: str) -> tuple[SummaryRow, ...]:
    """`question_url_prefix` is a question's address without its slug (`url_prefix`): each row adds its own."""
    rows = []
    not_answered = gettext("Not answered")
    for step in steps:
        code = answer_to(step, answers)
        label = next((label_of(step, option) for option in step.options if option.code == code), not_answered)
        question = question_of(step)
        change_url = f"{question_url_prefix}{step.slug}?change=1"
        changes = gettext("your answer to: %(question)s") % {"question": question}
        rows.append(SummaryRow(question, label, change_url, changes))
    return tuple(rows)


def path_minutes(enabled: frozenset[str]) -> dict[str, int]:
    """How long each path takes at most, for the start page, so the length never surprises."""
    return {mode.value: estimated_minutes(mode, enabled) for mode in Mode}
