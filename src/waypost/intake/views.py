"""The public contact journey: one question per page, check answers, then a request that is never lost."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from waypost.core.clients import client_address
from waypost.core.form_markup import SummaryRow
from waypost.core.not_cached import never_cache
from waypost.core.regions import current_region
from waypost.core.remembered_pages import render_remembered, render_summary
from waypost.core.security_headers import sends_origin_on_forms
from waypost.core.templatetags.site_urls import fixed_url, url_prefix
from waypost.instruments.flags import Flag
from waypost.intake import drafts, journey
from waypost.intake.choices import Source
from waypost.intake.details import check_contact_details
from waypost.intake.first_contact import first_contact_within
from waypost.intake.forms import to_draft_values
from waypost.intake.pages import (
    FIELDS_BY_PAGE,
    PAGES,
    build_form,
    form_options,
    pages_to_ask_again,
    shown_answers,
    stored_answer,
)
from waypost.intake.presenters import answer_rows, team_contact
from waypost.intake.ratelimit import RateLimited
from waypost.intake.services import submit_contact_request
from waypost.intake.summary import finished_selfcheck_mode, finished_selfcheck_summary
from waypost.selfcheck.journey import OBSERVED_SIGNS, Mode
from waypost.selfcheck.results import care_cards

SENT_SESSION_KEY = "contact_sent"
logger = logging.getLogger(__name__)


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    first_page = reverse("intake:page", args=[journey.WHO])
    if request.GET.get("from") == "check":
        first_page += "?from=check"
    context = {"first_page": first_page, "first_contact_within": first_contact_within()}
    return render(request, "intake/start.html", context)


def pages_for(request: HttpRequest, draft: journey.Draft) -> tuple[str, ...]:
    can_attach = draft.from_check and bool(finished_selfcheck_summary(request))
    return journey.contact_pages(draft.answers, can_attach_selfcheck=can_attach)


@never_cache
@sends_origin_on_forms
@require_http_methods(["GET", "HEAD", "POST"])
def page(request: HttpRequest, slug: str) -> HttpResponse:
    draft = drafts.load_draft(request)
    if draft is None and slug != journey.WHO:
        return redirect("intake:expired")
    if draft is None:
        from_check = request.GET.get("from") == "check"
        mode = finished_selfcheck_mode(request) if from_check else None
        draft = journey.new_draft(from_check=from_check, finished_check_mode=mode)
        if draft.answers.get("for_whom") and request.method != "POST":
            # Started from the self-check results, which already said who the help is for
            drafts.save_draft(request, draft)
            return redirect_to_next(pages_for(request, draft), draft)
    pages = pages_for(request, draft)
    if slug not in pages:
        return redirect_to_next(pages, draft)
    data = form_data(request, slug, draft)
    if data is None and (shown := shown_answers(slug, draft.answers)) is not None:
        # A page follows from its slug and what is ticked; typed text is filled in on each copy (ADR 0053)
        back_url = page_back_url(request, pages, slug)
        return render_remembered(
            request,
            "intake/page.html",
            (slug, back_url, repr(form_options(slug, draft.answers)), *shown.vary),
            lambda typed: page_context(request, slug, build_form(slug, {**draft.answers, **typed}), back_url),
            shown.typed,
        )
    form = build_form(slug, draft.answers, data)
    if request.method == "POST" and form.is_valid():
        return after_answer(request, slug, draft, to_draft_values(form))
    context = page_context(request, slug, form, page_back_url(request, pages, slug))
    return render(request, "intake/page.html", context)


def page_back_url(request: HttpRequest, pages: tuple[str, ...], slug: str) -> str:
    if request.GET.get("change") == "1":
        return fixed_url("intake:check_answers")
    previous = journey.previous_page(pages, slug)
    return fixed_url("intake:page", previous) if previous else fixed_url("intake:start")


def page_context(request: HttpRequest, slug: str, form: forms.Form, back_url: str) -> dict[str, Any]:
    return {
        "form": form,
        "slug": slug,
        "heading": PAGES[slug].heading,
        "back_url": back_url,
        "action": request.get_full_path(),
        "retention_days": settings.RETENTION_DAYS,
    }


def form_data(request: HttpRequest, slug: str, draft: journey.Draft) -> Mapping[str, Any] | None:
    if request.method == "POST":
        return request.POST
    is_asked_again = slug not in draft.visited and any(name in draft.answers for name in FIELDS_BY_PAGE[slug])
    # An answer that a later change made wrong is shown with its error, so the person sees why they are back
    return stored_answer(slug, draft.answers) if is_asked_again else None


def after_answer(request: HttpRequest, slug: str, draft: journey.Draft, values: dict[str, Any]) -> HttpResponse:
    if values.pop("website", ""):
        draft = replace(draft, is_suspected_bot=True)
    draft = journey.with_answer(draft, slug, values)
    pages = pages_for(request, draft)
    draft = journey.answers_on_path(draft, pages, FIELDS_BY_PAGE)
    stale = pages_to_ask_again(sorted(draft.visited), draft.answers)
    draft = replace(draft, visited=draft.visited - stale)
    drafts.save_draft(request, draft)
    return redirect_to_next(pages, draft)


def redirect_to_next(pages: tuple[str, ...], draft: journey.Draft) -> HttpResponse:
    following = journey.next_page(pages, draft.visited)
    if following is None:
        return redirect("intake:check_answers")
    return redirect("intake:page", following)


@never_cache
@sends_origin_on_forms
@require_safe
def check_answers(request: HttpRequest) -> HttpResponse:
    draft = drafts.load_draft(request)
    if draft is None:
        return redirect("intake:expired")
    pages = pages_for(request, draft)
    if journey.next_page(pages, draft.visited) is not None:
        return redirect_to_next(pages, draft)
    prefix = url_prefix("intake:page")
    rows = [
        SummaryRow(row.label, row.value, f"{prefix}{row.slug}?change=1", row.label.lower())
        for row in answer_rows(pages, draft.answers)
    ]
    return render_summary(request, "intake/check_answers.html", rows)


@never_cache
@require_POST
def send(request: HttpRequest) -> HttpResponse:
    draft = drafts.load_draft(request)
    if draft is None:
        return redirect("intake:expired")
    if draft.is_suspected_bot:
        drafts.discard_draft(request)
        return redirect("intake:sent")
    summary = finished_selfcheck_summary(request) if draft.answers.get("attach_selfcheck") else ()
    payload = {**draft.answers, "selfcheck_summary": [entry.as_json() for entry in summary]}
    details, errors = check_contact_details(payload)
    if details is None:
        # Only a changed or damaged draft gets here: the pages checked each answer already
        logger.warning("A contact draft failed its final check on: %s", ", ".join(sorted(errors)))
        return redirect("intake:check_answers")
    try:
        submission = submit_contact_request(details=details, source=Source.WEB, client_address=client_address(request))
    except RateLimited:
        return render(request, "intake/too_many.html", status=429)
    drafts.discard_draft(request)
    request.session[SENT_SESSION_KEY] = {
        "reference": submission.request.reference,
        "flags": sorted({flag for entry in details.selfcheck_summary for flag in entry.flags}),
        # A check about someone else gets its care cards in the carer's words
        "about_someone_else": any(entry.questionnaire == OBSERVED_SIGNS for entry in details.selfcheck_summary),
    }
    return redirect("intake:sent")


@never_cache
@require_safe
def sent(request: HttpRequest) -> HttpResponse:
    confirmation = request.session.get(SENT_SESSION_KEY) or {}
    flags = [Flag(flag) for flag in confirmation.get("flags", []) if flag in Flag._value2member_map_]
    context = {
        "reference": confirmation.get("reference"),
        "cards": care_cards(flags, current_region(), mode_of_sent(confirmation), gettext),
        "first_contact_within": first_contact_within(),
        "team": team_contact(),
    }
    return render(request, "intake/sent.html", context)


def mode_of_sent(confirmation: dict[str, object]) -> Mode:
    return Mode.FAMILY if confirmation.get("about_someone_else") else Mode.SELF


@require_safe
def expired(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/expired.html")
