"""Assessment pages. Every view: staff_required → scoped getter → form → service → redirect."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from waypost.accounts.access import signed_in_staff, staff_required
from waypost.core.not_cached import never_cache
from waypost.core.security_headers import sends_origin_on_forms
from waypost.intake.models import ContactRequest
from waypost.treatment import services
from waypost.treatment.access import assessment_of, may_assess
from waypost.treatment.assessment_forms import AssessmentForm, LevelOfCareForm
from waypost.treatment.assessment_presenters import assessment_summary
from waypost.treatment.models import Assessment
from waypost.triage.access import get_request_for_staff
from waypost.triage.risk import risk_summary
from waypost.triage.services import record_view

# Admissions staff may read an assessment; clinicians, supervisors and organisation admins may also write it
ASSESSMENT_FIELDS = (
    "other_substances",
    "visible_blood_in_urine",
    "pregnancy",
    "caring_responsibilities",
    "age_group",
    "language",
    "payment",
    "insurer",
    "member_number",
    "benefits_check",
    "benefits_outcome",
)
NOTICES = {
    "saved": _("The assessment is saved."),
    "decided": _("The level of care is recorded."),
    "conflict": _("Someone else saved this assessment while you were working on it. Check it and try again."),
    "assess-first": _("Rate the six areas and save the assessment before deciding the level of care."),
}


def assessment_url(reference: str, notice: str) -> str:
    return f"{reverse('treatment:assessment', args=[reference])}?notice={notice}"


def initial_from(assessment: Assessment | None) -> dict[str, Any]:
    if assessment is None:
        return {"version": 0, "benefits_check": "not-needed"}
    initial: dict[str, Any] = {name: getattr(assessment, name) or "" for name in ASSESSMENT_FIELDS}
    initial["other_substances"] = [code for code in (assessment.other_substances or "").split(",") if code]
    for name in ("withdrawal", "physical", "mental", "readiness", "relapse", "environment"):
        rating = getattr(assessment, f"{name}_rating")
        initial[f"{name}_rating"] = "" if rating is None else str(rating)
        initial[f"{name}_evidence"] = getattr(assessment, f"{name}_evidence") or ""
    return {**initial, "version": assessment.version}


def page(
    request: HttpRequest,
    contact_request: ContactRequest,
    *,
    form: AssessmentForm | None = None,
    level_form: LevelOfCareForm | None = None,
    status: int = 200,
) -> HttpResponse:
    existing = assessment_of(contact_request)
    suggested = existing.suggested_level if existing else ""
    level_initial = {
        "version": existing.version if existing else 0,
        "level": existing.confirmed_level if existing else "",
    }
    context = {
        "item": contact_request,
        "notice": NOTICES.get(request.GET.get("notice", ""), ""),
        "selfcheck": [f"{line.text} ({line.source})" for line in risk_summary(contact_request)],
        "help_with": contact_request.help_with or "",
        "can_assess": may_assess(signed_in_staff(request), contact_request),
        "form": form or AssessmentForm(initial=initial_from(existing)),
        "summary": assessment_summary(existing) if existing else None,
        "level_form": level_form or LevelOfCareForm(initial=level_initial, suggested=suggested),
        "has_suggestion": bool(suggested),
        "has_errors": bool((form and form.errors) or (level_form and level_form.errors)),
    }
    return render(request, "treatment/assessment.html", context, status=status)


@never_cache
@staff_required
@sends_origin_on_forms
@require_http_methods(["GET", "HEAD", "POST"])
def assessment(request: HttpRequest, reference: str) -> HttpResponse:
    user = signed_in_staff(request)
    contact_request = get_request_for_staff(user, reference)
    if request.method != "POST":
        record_view(actor=user, contact_request=contact_request, page=request.path)
        return page(request, contact_request)
    if not may_assess(user, contact_request):
        raise PermissionDenied("Only clinicians, supervisors and organisation admins may assess")
    form = AssessmentForm(request.POST)
    if not form.is_valid():
        return page(request, contact_request, form=form, status=400)
    try:
        services.record_assessment(
            actor=user,
            request=contact_request,
            answers=form.answers(),
            expected_version=form.cleaned_data["version"],
            page=request.path,
        )
    except services.AssessmentConflict:
        return redirect(assessment_url(reference, "conflict"))
    return redirect(assessment_url(reference, "saved"))


@never_cache
@staff_required
@sends_origin_on_forms
@require_POST
def level_of_care(request: HttpRequest, reference: str) -> HttpResponse:
    user = signed_in_staff(request)
    contact_request = get_request_for_staff(user, reference)
    if not may_assess(user, contact_request):
        raise PermissionDenied("Only clinicians, supervisors and organisation admins may decide the level of care")
    existing = assessment_of(contact_request)
    if existing is None or not existing.suggested_level:
        return redirect(assessment_url(reference, "assess-first"))
    form = LevelOfCareForm(request.POST, suggested=existing.suggested_level)
    if not form.is_valid():
        return page(request, contact_request, level_form=form, status=400)
    try:
        services.decide_level_of_care(
            actor=user,
            request=contact_request,
            level=form.cleaned_data["level"],
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
            page=request.path,
        )
    except services.AssessmentConflict:
        return redirect(assessment_url(reference, "conflict"))
    except services.LevelDecisionRefused:
        return redirect(assessment_url(reference, "assess-first"))
    return redirect(assessment_url(reference, "decided"))
