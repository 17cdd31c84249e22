"""The person's own recovery space at /recovery/: sign in by code, plan, check-ins, trends, help now, their data."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from waypost.core.helplines import Region, emergency_line
from waypost.core.not_cached import never_cache
from waypost.core.regions import current_language, current_region, region_in_address
from waypost.core.security_headers import sends_origin_on_forms
from waypost.recovery import access, check_ins, services, signing_in
from waypost.recovery import reminders as reminder_settings
from waypost.recovery.forms import CheckInForm, CodeForm, ContactForm, PhraseForm, PlanForm, RemindersForm, SharingForm
from waypost.recovery.models import CheckIn, Enrolment
from waypost.recovery.presenters import (
    DatedAnswers,
    bar_width,
    charts,
    check_in_rows,
    download,
    filled_sections,
    first_moment_of,
    plan_text,
    progress_message,
    week_rows,
)
from waypost.recovery.rules import progress
from waypost.selfcheck.interrupts import stop_page
from waypost.selfcheck.journey import Mode
from waypost.selfcheck.results import crisis_lines

PersonView = Callable[[HttpRequest, Enrolment], HttpResponse]
UNKNOWN = -1
WRONG_KEY = "recovery_wrong_codes"
CODE_MESSAGES = {
    signing_in.CodeResult.WRONG: _("That code is not right. Check the code in your message and try again"),
    signing_in.CodeResult.EXPIRED: _("That code has expired or was already used. Ask for a new code"),
    signing_in.CodeResult.THROTTLED: _("Too many wrong codes. Ask for a new code and try again"),
}


def region() -> Region:
    return current_region()


def person_required(view: PersonView) -> Callable[[HttpRequest], HttpResponse]:
    @never_cache
    @sends_origin_on_forms
    @wraps(view)
    def wrapper(request: HttpRequest) -> HttpResponse:
        enrolment = access.signed_in_enrolment(request)
        if enrolment is None:
            return redirect("recovery:sign_in")
        return view(request, enrolment)

    return wrapper


@never_cache
@sends_origin_on_forms
@require_safe
def start(request: HttpRequest) -> HttpResponse:
    enrolment = access.signed_in_enrolment(request)
    if enrolment is None:
        return render(request, "recovery/start.html")
    history = services.recent_figures(enrolment)
    summary = progress(history)
    message = progress_message(summary, latest_has_used=bool(history) and history[-1].has_used)
    return render(request, "recovery/home.html", {"enrolment": enrolment, "message": message, "signed_in": True})


@never_cache
@sends_origin_on_forms
@require_http_methods(["GET", "HEAD", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        _, contact = form.cleaned_data["contact"]
        enrolment = signing_in.send_sign_in_code(contact=contact, language=current_language())
        request.session[access.PENDING_KEY] = enrolment.pk if enrolment else UNKNOWN
        request.session[WRONG_KEY] = 0
        return redirect("recovery:code")
    return render(request, "recovery/sign_in.html", {"form": form})


@never_cache
@sends_origin_on_forms
@require_http_methods(["GET", "HEAD", "POST"])
def enter_code(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(access.PENDING_KEY)
    if not isinstance(pending, int):
        return redirect("recovery:sign_in")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result = code_result(request, pending, form.cleaned_data["code"])
        if result == signing_in.CodeResult.SIGNED_IN:
            request.session.cycle_key()
            request.session.pop(access.PENDING_KEY, None)
            request.session[access.SESSION_KEY] = pending
            remember_address_language(request, pending)
            return redirect("recovery:start")
        form.add_error("code", CODE_MESSAGES[result])
        status = 429 if result == signing_in.CodeResult.THROTTLED else 200
        return render(request, "recovery/code.html", {"form": form}, status=status)
    return render(request, "recovery/code.html", {"form": form})


def remember_address_language(request: HttpRequest, enrolment_id: int) -> None:
    """Later codes and reminders follow the address the person signed in from (a bare address is the default)."""
    region = region_in_address(request)
    signing_in.remember_language(
        enrolment_id=enrolment_id, language=current_language(), region=region.value if region else ""
    )


def code_result(request: HttpRequest, pending: int, code: str) -> signing_in.CodeResult:
    """Someone who gave an unknown contact is told exactly what a known one would be, so nothing leaks."""
    if pending != UNKNOWN:
        return signing_in.check_sign_in_code(enrolment_id=pending, code=code)
    wrong = int(request.session.get(WRONG_KEY, 0)) + 1
    request.session[WRONG_KEY] = wrong
    return signing_in.CodeResult.THROTTLED if wrong >= signing_in.MAXIMUM_WRONG_CODES else signing_in.CodeResult.WRONG


# Forgets the offline copy of the plan and its worker on this device, so the next person on a shared phone sees none
CLEAR_SITE_DATA = '"cache", "storage"'


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    request.session.flush()
    response = redirect("recovery:signed_out")
    response["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response


@require_safe
def signed_out(request: HttpRequest) -> HttpResponse:
    response = render(request, "recovery/signed_out.html")
    response["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response


@require_safe
def offline_plan_worker(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(render_to_string("recovery/offline_plan_worker.js"), content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    return response


@person_required
@require_safe
def plan(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    stored = access.own_plan(enrolment)
    sections = filled_sections(plan_text(stored.sections if stored else None))
    context = {"sections": sections, "crisis_lines": crisis_lines(region()), "signed_in": True}
    return render(request, "recovery/plan.html", context)


@person_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan_edit(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    stored = access.own_plan(enrolment)
    form = PlanForm(
        request.POST if request.method == "POST" else None, initial=plan_text(stored.sections if stored else None)
    )
    if request.method == "POST" and form.is_valid():
        services.save_plan(
            enrolment=enrolment, sections={key: value.strip() for key, value in form.cleaned_data.items()}
        )
        return redirect("recovery:plan")
    return render(request, "recovery/plan_edit.html", {"form": form, "signed_in": True})


@person_required
@require_http_methods(["GET", "HEAD", "POST"])
def check_in(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    form = CheckInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result = services.record_check_in(enrolment=enrolment, answers=form.answers())
        if result.interrupting:
            stop = stop_page(result.interrupting, region(), Mode.SELF, gettext)
            return render(request, "recovery/stop.html", {"stop": stop, "signed_in": True})
        return redirect("recovery:checked_in")
    return render(request, "recovery/check_in.html", {"form": form, "signed_in": True})


@person_required
@require_safe
def checked_in(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    history = services.recent_figures(enrolment)
    message = progress_message(progress(history), latest_has_used=bool(history) and history[-1].has_used)
    has_used = bool(history) and history[-1].has_used
    return render(request, "recovery/checked_in.html", {"message": message, "has_used": has_used, "signed_in": True})


def dated_answers(rows: list[CheckIn]) -> list[DatedAnswers]:
    return [DatedAnswers(services.day_of(row), check_ins.from_response(json.loads(row.response))) for row in rows]


@person_required
@require_safe
def trends(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    weeks = 12 if request.GET.get("weeks") == "12" else 4
    shown = access.own_check_ins_since(enrolment, first_moment_of(weeks))
    rows = week_rows(dated_answers(shown), weeks=weeks, today=timezone.localdate())
    context = {"weeks": weeks, "rows": rows, "charts": charts(rows), "bar_width": bar_width(weeks), "signed_in": True}
    return render(request, "recovery/trends.html", context)


@person_required
@require_POST
def help_now(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    services.ask_for_help_now(enrolment=enrolment)
    stored = access.own_plan(enrolment)
    context = {
        "emergency": emergency_line(region()),
        "crisis_lines": crisis_lines(region()),
        "people": plan_text(stored.sections if stored else None).get("people", ""),
        "has_alerted_team": enrolment.shares_with_care_team,
        "signed_in": True,
    }
    return render(request, "recovery/help_now.html", context)


@person_required
@require_http_methods(["GET", "HEAD", "POST"])
def sharing(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    initial = {"shares": "yes" if enrolment.shares_with_care_team else "no"}
    form = SharingForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_sharing(enrolment=enrolment, shares_with_care_team=form.cleaned_data["shares"] == "yes")
        return redirect("recovery:your_data")
    return render(request, "recovery/sharing.html", {"form": form, "signed_in": True})


@person_required
@require_safe
def your_data(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    stored = access.own_plan(enrolment)
    context = {
        "enrolment": enrolment,
        "sections": filled_sections(plan_text(stored.sections if stored else None)),
        "rows": check_in_rows(dated_answers(access.own_check_ins(enrolment))),
        "signed_in": True,
    }
    return render(request, "recovery/your_data.html", context)


@person_required
@require_safe
def download_data(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    stored = access.own_plan(enrolment)
    body = download(
        reference=enrolment.reference,
        created_at=enrolment.created_at,
        plan=plan_text(stored.sections if stored else None),
        responses=[json.loads(row.response) for row in access.own_check_ins(enrolment)],
    )
    response = JsonResponse(body, json_dumps_params={"indent": 1})
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@person_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_data(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    if request.method == "POST":
        services.delete_everything(enrolment=enrolment)
        request.session.flush()
        response = render(request, "recovery/deleted.html")
        response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response
    return render(request, "recovery/delete.html", {"signed_in": True})


@person_required
@require_http_methods(["GET", "HEAD", "POST"])
def reminders_page(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    initial = {
        "remind_at": enrolment.remind_at,
        "wording": enrolment.reminder_wording or reminder_settings.DEFAULT_REMINDER_WORDING,
        "quiet_from": enrolment.quiet_from,
        "quiet_until": enrolment.quiet_until,
    }
    form = RemindersForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reminder_settings.set_reminders(
            enrolment=enrolment,
            remind_at=data["remind_at"],
            wording=data["wording"],
            quiet_from=data["quiet_from"],
            quiet_until=data["quiet_until"],
        )
        return redirect("recovery:your_data")
    return render(request, "recovery/reminders.html", {"form": form, "signed_in": True})


@never_cache
@sends_origin_on_forms
@require_http_methods(["GET", "HEAD", "POST"])
def stop_reminders(request: HttpRequest, token: str) -> HttpResponse:
    """From the link in a reminder, without signing in; the GET only asks, so link previews stop nothing."""
    if request.method == "POST":
        stopped = reminder_settings.stop_reminders_by_link(token=token)
        return render(request, "recovery/reminders_stopped.html", {"stopped": stopped})
    return render(request, "recovery/stop_reminders.html", {"token": token})


PHRASE_WRONG_KEY = "recovery_wrong_phrases"
PHRASE_WRONG = _("That phrase is not right. Check each group and try again")
PHRASE_THROTTLED = _("Too many wrong phrases. Close this page and sign in with a code instead")


@never_cache
@sends_origin_on_forms
@require_http_methods(["GET", "HEAD", "POST"])
def sign_in_with_phrase(request: HttpRequest) -> HttpResponse:
    form = PhraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        wrong = int(request.session.get(PHRASE_WRONG_KEY, 0))
        enrolment = (
            None
            if wrong >= signing_in.MAXIMUM_WRONG_CODES
            else signing_in.enrolment_for_phrase(form.cleaned_data["phrase"])
        )
        if enrolment is not None:
            request.session.cycle_key()
            request.session.pop(PHRASE_WRONG_KEY, None)
            request.session[access.SESSION_KEY] = enrolment.pk
            remember_address_language(request, enrolment.pk)
            return redirect("recovery:start")
        request.session[PHRASE_WRONG_KEY] = wrong + 1
        is_throttled = wrong + 1 >= signing_in.MAXIMUM_WRONG_CODES
        form.add_error("phrase", PHRASE_THROTTLED if is_throttled else PHRASE_WRONG)
        return render(request, "recovery/phrase.html", {"form": form}, status=429 if is_throttled else 200)
    return render(request, "recovery/phrase.html", {"form": form})


@person_required
@require_http_methods(["GET", "HEAD", "POST"])
def recovery_phrase(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    phrase = signing_in.create_recovery_phrase(enrolment=enrolment) if request.method == "POST" else ""
    context = {"phrase": phrase, "has_phrase": bool(enrolment.phrase_hash), "signed_in": True}
    return render(request, "recovery/recovery_phrase.html", context)
