"""The answers so far, kept only in the visitor's signed, expiring session cookie: never on the server."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from waypost.core.helplines import Region
from waypost.core.regions import current_language, current_region
from waypost.selfcheck.availability import offered_questionnaire_ids
from waypost.selfcheck.journey import JOURNEY, WHO, Answers, Step, answers_on_path, expected_steps, journey_steps

SESSION_KEY = "selfcheck"


def enabled() -> frozenset[str]:
    return frozenset(offered_questionnaire_ids(language()))


def language() -> str:
    return current_language()


def has_started(request: HttpRequest) -> bool:
    return SESSION_KEY in request.session


def stored_state(request: HttpRequest) -> dict[str, Any]:
    state: Any = request.session.get(SESSION_KEY, {})
    return state if isinstance(state, dict) else {}


def stored_answers(request: HttpRequest) -> dict[str, dict[str, str]]:
    answers = stored_state(request).get("answers", {})
    return answers if is_well_formed(answers) else {}


def stored_codes(request: HttpRequest, name: str) -> tuple[str, ...]:
    codes = stored_state(request).get(name, [])
    return tuple(codes) if isinstance(codes, list) and all(isinstance(code, str) for code in codes) else ()


def shown_interrupts(request: HttpRequest) -> tuple[str, ...]:
    return stored_codes(request, "shown")


def pending_interrupt(request: HttpRequest) -> tuple[str, ...]:
    return stored_codes(request, "interrupt")


def remember_interrupts(request: HttpRequest, *, shown: tuple[str, ...], pending: tuple[str, ...]) -> None:
    """Which flags have had their stop page (each shows once), and which one the next page must show."""
    request.session[SESSION_KEY] = {**stored_state(request), "shown": list(shown), "interrupt": list(pending)}


def is_well_formed(answers: Any) -> bool:
    return isinstance(answers, dict) and all(
        isinstance(own, dict) and all(isinstance(value, str) for value in own.values()) for own in answers.values()
    )


def save_answer(request: HttpRequest, step: Step, code: str) -> Answers:
    answers = stored_answers(request)
    answers.setdefault(step.questionnaire_id, {})[step.link_id] = code
    answers = answers_on_path(answers, enabled())
    request.session[SESSION_KEY] = {**stored_state(request), "answers": answers}
    return answers


def clear(request: HttpRequest) -> None:
    request.session.flush()


def current_steps(answers: Answers) -> tuple[Step, ...]:
    return journey_steps(answers, enabled(), language())


def expected_path(answers: Answers, steps: tuple[Step, ...]) -> tuple[Step, ...]:
    """The path the progress line counts: once "who" is answered it is the current one, so it is not built twice."""
    if answers.get(JOURNEY, {}).get(WHO) is not None:
        return steps
    return expected_steps(answers, enabled(), language())


def region() -> Region:
    return current_region()
