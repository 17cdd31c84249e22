"""The public contact journey: one question per page, check answers, then a request that is never lost."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from waypost.core.clients import client_address
from waypost.core.helplines import Region
from waypost.core.security_headers import sends_origin_on_forms
from waypost.instruments.flags import Flag
from waypost.intake import drafts, journey
from waypost.intake.choices import Source
from waypost.intake.details import check_contact_details
from waypost.intake.forms import to_draft_values
from waypost.intake.pages import PAGES, build_form, pages_to_ask_again, readable, stored_answer
from waypost.intake.presenters import team_contact
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
    context = {"first_page": first_page, "first_contact_within": settings.FIRST_CONTACT_TARGET}
    return render(request, "intake/start.html", context)


def pages_for(request: HttpRequest, draft: dict[str, Any]) -> tuple[str, ...]:
    can_attach = bool(draft.get("from_check")) and bool(finished_selfcheck_summary(request))
    return journey.contact_pages(draft, can_attach_selfcheck=can_attach)


@never_cache
@sends_origin_on_forms
@require_http_methods(["GET", "HEAD", "POST"])
def page(request: HttpRequest, slug: str) -> HttpResponse:
    draft = drafts.load_draft(request)
    if draft is None and slug != journey.WHO:
        return redirect("intake:expired")
    if draft is None:
        draft = new_draft(request)
        if draft.get("for_whom") and request.method != "POST":
            # Started from the self-check results, which already said who the help is for
            drafts.save_draft(request, draft)
            return redirect_to_next(pages_for(request, draft), draft)
    pages = pages_for(request, draft)
    if slug not in pages:
        return redirect_to_next(pages, draft)
    form = build_form(slug, draft, form_data(request, slug, draft))
    if request.method == "POST" and form.is_valid():
        return after_answer(request, slug, draft, to_draft_values(form))
    previous = journey.previous_page(pages, slug)
    back_url = reverse("intake:page", args=[previous]) if previous else reverse("intake:start")
    if request.GET.get("change") == "1":
        back_url = reverse("intake:check_answers")
    context = {
        "form": form,
        "slug": slug,
        "heading": PAGES[slug].heading,
        "back_url": back_url,
        "action": request.get_full_path(),
        "retention_days": settings.RETENTION_DAYS,
    }
    return render(request, "intake/page.html", context)


def new_draft(request: HttpRequest) -> dict[str, Any]:
    draft: dict[str, Any] = {"visited": [], "from_check": request.GET.get("from") == "check"}
    for_whom = journey.for_whom_after_check(finished_selfcheck_mode(request)) if draft["from_check"] else None
    if for_whom is not None:
        draft |= {"for_whom": for_whom, "visited": [journey.WHO]}
    return draft


def form_data(request: HttpRequest, slug: str, draft: dict[str, Any]) -> Mapping[str, Any] | None:
    if request.method == "POST":
        return request.POST
    is_asked_again = slug not in draft.get("visited", []) and any(
        name in draft for name in PAGES[slug].form_class.base_fields
    )
    # An answer that a later change made wrong is shown with its error, so the person sees why they are back
    return stored_answer(slug, draft) if is_asked_again else None


def after_answer(request: HttpRequest, slug: str, draft: dict[str, Any], values: dict[str, Any]) -> HttpResponse:
    if values.pop("website", ""):
        draft["is_suspected_bot"] = True
    draft.update(values)
    draft["visited"] = sorted({*draft.get("visited", []), slug})
    pages = pages_for(request, draft)
    draft = answers_on_path(draft, pages)
    stale = pages_to_ask_again(draft["visited"], draft)
    draft["visited"] = [visited for visited in draft["visited"] if visited not in stale]
    drafts.save_draft(request, draft)
    return redirect_to_next(pages, draft)


def answers_on_path(draft: dict[str, Any], pages: tuple[str, ...]) -> dict[str, Any]:
    """Forget answers to pages that a changed answer took off the path (e.g. a phone number no longer used)."""
    off_path = [PAGES[slug].form_class for slug in PAGES if slug not in pages]
    dropped = {name for form_class in off_path for name in form_class.base_fields}
    kept = {name: value for name, value in draft.items() if name not in dropped}
    kept["visited"] = [slug for slug in draft.get("visited", []) if slug in pages]
    return kept


def redirect_to_next(pages: tuple[str, ...], draft: dict[str, Any]) -> HttpResponse:
    following = journey.next_page(pages, frozenset(draft.get("visited", [])))
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
    if journey.next_page(pages, frozenset(draft.get("visited", []))) is not None:
        return redirect_to_next(pages, draft)
    return render(request, "intake/check_answers.html", {"rows": answer_rows(pages, draft)})


def answer_rows(pages: tuple[str, ...], draft: dict[str, Any]) -> list[dict[str, str]]:
    return [
        {"label": label, "value": readable(name, draft.get(name)), "slug": slug}
        for slug in pages
        for name, label in PAGES[slug].summary_labels.items()
    ]


@never_cache
@require_POST
def send(request: HttpRequest) -> HttpResponse:
    draft = drafts.load_draft(request)
    if draft is None:
        return redirect("intake:expired")
    if draft.get("is_suspected_bot"):
        drafts.discard_draft(request)
        return redirect("intake:sent")
    summary = finished_selfcheck_summary(request) if draft.get("attach_selfcheck") else ()
    payload = {**draft, "selfcheck_summary": [entry.as_json() for entry in summary]}
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
        "cards": care_cards(flags, Region(settings.WAYPOST_REGION), mode_of_sent(confirmation)),
        "first_contact_within": settings.FIRST_CONTACT_TARGET,
        "team": team_contact(),
    }
    return render(request, "intake/sent.html", context)


def mode_of_sent(confirmation: dict[str, object]) -> Mode:
    return Mode.FAMILY if confirmation.get("about_someone_else") else Mode.SELF


@require_safe
def expired(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/expired.html")
