"""The public contact journey: one question per page, check answers, then a request that is never lost."""

from __future__ import annotations

import logging
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
from waypost.referrals import drafts, journey
from waypost.referrals.choices import Source
from waypost.referrals.details import check_contact_details
from waypost.referrals.forms import from_draft_values, to_draft_values
from waypost.referrals.pages import PAGES, readable
from waypost.referrals.ratelimit import RateLimited
from waypost.referrals.services import submit_contact_request
from waypost.referrals.summary import finished_selfcheck_summary
from waypost.selfcheck.journey import OBSERVED_SIGNS, Mode
from waypost.selfcheck.results import care_cards

SENT_SESSION_KEY = "contact_sent"
logger = logging.getLogger(__name__)


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    first_page = reverse("referrals:page", args=[journey.WHO])
    if request.GET.get("from") == "check":
        first_page += "?from=check"
    context = {"first_page": first_page, "first_contact_within": settings.FIRST_CONTACT_TARGET}
    return render(request, "referrals/start.html", context)


def pages_for(request: HttpRequest, draft: dict[str, Any]) -> tuple[str, ...]:
    can_attach = bool(draft.get("from_check")) and bool(finished_selfcheck_summary(request))
    return journey.contact_pages(draft, can_attach_selfcheck=can_attach)


@never_cache
@sends_origin_on_forms
@require_http_methods(["GET", "HEAD", "POST"])
def page(request: HttpRequest, slug: str) -> HttpResponse:
    draft = drafts.load_draft(request)
    if draft is None and slug != journey.WHO:
        return redirect("referrals:expired")
    draft = draft or {"visited": [], "from_check": request.GET.get("from") == "check"}
    pages = pages_for(request, draft)
    if slug not in pages:
        return redirect_to_next(pages, draft)
    form_class = PAGES[slug].form_class
    form = form_class(request.POST if request.method == "POST" else None, initial=from_draft_values(form_class, draft))
    if request.method == "POST" and form.is_valid():
        return after_answer(request, slug, draft, to_draft_values(form))
    previous = journey.previous_page(pages, slug)
    back_url = reverse("referrals:page", args=[previous]) if previous else reverse("referrals:start")
    if request.GET.get("change") == "1":
        back_url = reverse("referrals:check_answers")
    context = {
        "form": form,
        "slug": slug,
        "back_url": back_url,
        "action": request.get_full_path(),
        "retention_days": settings.RETENTION_DAYS,
    }
    return render(request, "referrals/page.html", context)


def after_answer(request: HttpRequest, slug: str, draft: dict[str, Any], values: dict[str, Any]) -> HttpResponse:
    if values.pop("website", ""):
        draft["is_suspected_bot"] = True
    draft.update(values)
    draft["visited"] = sorted({*draft.get("visited", []), slug})
    pages = pages_for(request, draft)
    draft = answers_on_path(draft, pages)
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
        return redirect("referrals:check_answers")
    return redirect("referrals:page", following)


@never_cache
@sends_origin_on_forms
@require_safe
def check_answers(request: HttpRequest) -> HttpResponse:
    draft = drafts.load_draft(request)
    if draft is None:
        return redirect("referrals:expired")
    pages = pages_for(request, draft)
    if journey.next_page(pages, frozenset(draft.get("visited", []))) is not None:
        return redirect_to_next(pages, draft)
    return render(request, "referrals/check_answers.html", {"rows": answer_rows(pages, draft)})


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
        return redirect("referrals:expired")
    if draft.get("is_suspected_bot"):
        drafts.discard_draft(request)
        return redirect("referrals:sent")
    summary = finished_selfcheck_summary(request) if draft.get("attach_selfcheck") else ()
    payload = {**draft, "selfcheck_summary": [entry.as_json() for entry in summary]}
    details, errors = check_contact_details(payload)
    if details is None:
        # Only a changed or damaged draft gets here: the pages checked each answer already
        logger.warning("A contact draft failed its final check on: %s", ", ".join(sorted(errors)))
        return redirect("referrals:check_answers")
    try:
        submission = submit_contact_request(details=details, source=Source.WEB, client_address=client_address(request))
    except RateLimited:
        return render(request, "referrals/too_many.html", status=429)
    drafts.discard_draft(request)
    request.session[SENT_SESSION_KEY] = {
        "reference": submission.request.reference,
        "flags": sorted({flag for entry in details.selfcheck_summary for flag in entry.flags}),
        # A check about someone else gets its care cards in the carer's words
        "about_someone_else": any(entry.questionnaire == OBSERVED_SIGNS for entry in details.selfcheck_summary),
    }
    return redirect("referrals:sent")


@never_cache
@require_safe
def sent(request: HttpRequest) -> HttpResponse:
    confirmation = request.session.get(SENT_SESSION_KEY) or {}
    flags = [Flag(flag) for flag in confirmation.get("flags", []) if flag in Flag._value2member_map_]
    context = {
        "reference": confirmation.get("reference"),
        "cards": care_cards(flags, Region(settings.WAYPOST_REGION), mode_of_sent(confirmation)),
        "first_contact_within": settings.FIRST_CONTACT_TARGET,
    }
    return render(request, "referrals/sent.html", context)


def mode_of_sent(confirmation: dict[str, object]) -> Mode:
    return Mode.FAMILY if confirmation.get("about_someone_else") else Mode.SELF


@require_safe
def expired(request: HttpRequest) -> HttpResponse:
    return render(request, "referrals/expired.html")
