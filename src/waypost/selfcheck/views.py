"""The public self-check. Answers live only in the visitor's signed session cookie; nothing is stored."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from waypost.content.library import existing_pages
from waypost.core.not_cached import never_cache
from waypost.core.remembered_pages import render_remembered, render_summary
from waypost.core.security_headers import sends_origin_on_forms
from waypost.core.templatetags.site_urls import fixed_url, url_prefix
from waypost.instruments.flags import Flag
from waypost.selfcheck import state
from waypost.selfcheck.availability import not_offered_in
from waypost.selfcheck.forms import StepForm
from waypost.selfcheck.interrupts import new_interrupts, still_shown, stop_page
from waypost.selfcheck.journey import (
    Answers,
    Step,
    answer_to,
    next_unanswered,
    previous_step,
    progress,
)
from waypost.selfcheck.presenters import check_answer_rows, hint_of, path_minutes, progress_label, question_of
from waypost.selfcheck.results import build_results, mode_of

FLAGS_BY_CODE = {flag.value: flag for flag in Flag}


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    first_step = state.current_steps({})[0]
    return render(request, "selfcheck/start.html", {"first_step": first_step, "minutes": path_minutes(state.enabled())})


@never_cache
@sends_origin_on_forms
@require_http_methods(["GET", "HEAD", "POST"])
def question(request: HttpRequest, slug: str) -> HttpResponse:
    answers = state.stored_answers(request)
    steps = state.current_steps(answers)
    step = next((candidate for candidate in steps if candidate.slug == slug), None)
    if step is None:
        return redirect_to_next(steps, answers) if state.has_started(request) else redirect("selfcheck:expired")
    if step != steps[0] and not state.has_started(request):
        return redirect("selfcheck:expired")
    facts = question_facts(request, step, steps, answers)
    if request.method == "POST":
        form = StepForm(step, request.POST)
        if form.is_valid():
            return after_answer(request, step, form.cleaned_data["answer"])
        return render(request, "selfcheck/question.html", question_context(step, form, facts))
    chosen = answer_to(step, answers)
    # The page follows from the question, the option chosen and its facts: rendered once for them (ADR 0053)
    return render_remembered(
        request,
        "selfcheck/question.html",
        (step.slug, chosen or "", *facts.values()),
        lambda _typed: question_context(step, StepForm(step, initial={"answer": chosen}), facts),
    )


def question_facts(request: HttpRequest, step: Step, steps: tuple[Step, ...], answers: Answers) -> dict[str, str]:
    """What a question page shows besides the question and its options."""
    return {
        "number": str(steps.index(step) + 1),
        "progress_line": progress_label(progress(state.expected_path(answers, steps), step)),
        "back_url": back_url(request, steps, step),
        "action": request.get_full_path(),
    }


def question_context(step: Step, form: StepForm, facts: dict[str, str]) -> dict[str, object]:
    return {"step": step, "question": question_of(step), "hint": hint_of(step), "form": form, **facts}


def back_url(request: HttpRequest, steps: tuple[Step, ...], step: Step) -> str:
    if request.GET.get("change") == "1":
        return fixed_url("selfcheck:check_answers")
    previous = previous_step(steps, step)
    return step_url(previous) if previous else fixed_url("selfcheck:start")


def after_answer(request: HttpRequest, step: Step, code: str) -> HttpResponse:
    answers = state.save_answer(request, step, code)
    shown = state.shown_interrupts(request)
    fresh = new_interrupts(answers, shown)
    state.remember_interrupts(
        request, shown=still_shown(answers, shown, fresh), pending=tuple(flag.value for flag in fresh)
    )
    if fresh:
        return redirect("selfcheck:stop")
    # A Change needs no special case: once the path is finished, the next stop is check answers anyway
    return redirect_to_next(state.current_steps(answers), answers)


@never_cache
@require_safe
def stop(request: HttpRequest) -> HttpResponse:
    """Stop and call: shown on the very next page after an answer that raises an emergency or urgent flag."""
    if not state.has_started(request):
        return redirect("selfcheck:expired")
    answers = state.stored_answers(request)
    steps = state.current_steps(answers)
    flags = tuple(FLAGS_BY_CODE[code] for code in state.pending_interrupt(request) if code in FLAGS_BY_CODE)
    if not flags:
        return redirect_to_next(steps, answers)
    following = next_unanswered(steps, answers)
    context = {
        "stop": stop_page(flags, state.region(), mode_of(answers), gettext),
        "continue_url": step_url(following) if following else reverse("selfcheck:check_answers"),
    }
    return render(request, "selfcheck/stop.html", context)


def redirect_to_next(steps: tuple[Step, ...], answers: Answers) -> HttpResponse:
    following = next_unanswered(steps, answers)
    return redirect(step_url(following)) if following else redirect("selfcheck:check_answers")


def redirect_unless_finished(request: HttpRequest, steps: tuple[Step, ...], answers: Answers) -> HttpResponse | None:
    """Expired or unfinished checks go elsewhere; None means every question on the path is answered."""
    if not state.has_started(request):
        return redirect("selfcheck:expired")
    if next_unanswered(steps, answers) is not None:
        return redirect_to_next(steps, answers)
    return None


def step_url(step: Step) -> str:
    return fixed_url("selfcheck:question", step.slug)


@never_cache
@sends_origin_on_forms
@require_safe
def check_answers(request: HttpRequest) -> HttpResponse:
    answers = state.stored_answers(request)
    steps = state.current_steps(answers)
    if (elsewhere := redirect_unless_finished(request, steps, answers)) is not None:
        return elsewhere
    rows = check_answer_rows(steps, answers, question_url_prefix=url_prefix("selfcheck:question"))
    return render_summary(request, "selfcheck/check_answers.html", rows)


@never_cache
@sends_origin_on_forms
@require_safe
def results(request: HttpRequest) -> HttpResponse:
    answers = state.stored_answers(request)
    if (elsewhere := redirect_unless_finished(request, state.current_steps(answers), answers)) is not None:
        return elsewhere
    outcome = build_results(answers, state.region(), gettext)
    pages = existing_pages(outcome.page_slugs)
    cards = [
        (card, reverse("content:article", args=[card.page_slug]) if card.page_slug else "")
        for card in outcome.care_cards
    ]
    context = {"results": outcome, "pages": pages, "cards": cards, "not_offered": not_offered_in(state.language())}
    return render(request, "selfcheck/results.html", context)


@require_POST
def clear(request: HttpRequest) -> HttpResponse:
    state.clear(request)
    return redirect(reverse("selfcheck:start") + "?cleared=1")


@require_safe
def expired(request: HttpRequest) -> HttpResponse:
    return render(request, "selfcheck/expired.html", {"first_step": state.current_steps({})[0]})
