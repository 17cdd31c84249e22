"""Referral pages: sending (refer, the request's referrals), the provider inbox, one referral, the provider link.

Every staff view: staff_required -> scoped getter -> form -> service -> redirect (as in triage/views.py).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from waypost.accounts.access import organisation_ids_for, signed_in_staff, staff_required
from waypost.accounts.models import Organisation, OrganisationKind
from waypost.core.audit import AuditAction
from waypost.core.not_cached import never_cache
from waypost.core.security_headers import sends_origin_on_forms
from waypost.directory.models import Service
from waypost.intake.choices import Status
from waypost.intake.models import ContactRequest
from waypost.treatment import services
from waypost.treatment.access import get_referral_for_staff, inbox_for_provider, may_assess, sent_referrals_for_request
from waypost.treatment.candidates import matches_for
from waypost.treatment.choices import Channel
from waypost.treatment.forms import AreaForm, LinkAnswerForm, MoveForm, ReferForm
from waypost.treatment.lifecycle import Side, TransitionRefused
from waypost.treatment.matching import Need
from waypost.treatment.models import Assessment, ProviderProfile
from waypost.treatment.presenters import moves_for, rows, shared_labels, shared_lines, status_line, timeline
from waypost.triage.access import get_request_for_staff

# Referrals carry the assessment, so the roles that assess send them; admissions hand the request on
READY_TO_REFER = frozenset({Status.ASSESSED, Status.REFERRED_ON})
NOTICES = {
    "sent": _("The referral was sent."),
    "saved": _("Saved."),
    "conflict": _("Someone else changed this referral while you were looking at it. Check it and try again."),
}


def request_for_referring(request: HttpRequest, reference: str) -> ContactRequest:
    contact_request = get_request_for_staff(signed_in_staff(request), reference)
    if not may_assess(signed_in_staff(request), contact_request):
        raise PermissionDenied("Only clinicians, supervisors and organisation admins may refer")
    return contact_request


def need_for(contact_request: ContactRequest) -> Need:
    assessment = Assessment.objects.filter(contact_request=contact_request).first()
    if assessment is None:
        return Need()
    return Need(
        level_of_care=assessment.confirmed_level or assessment.suggested_level,
        payment=assessment.payment,
        age_group=assessment.age_group,
        language=assessment.language,
    )


@never_cache
@staff_required
@sends_origin_on_forms
@require_http_methods(["GET", "HEAD", "POST"])
def refer(request: HttpRequest, reference: str) -> HttpResponse:
    contact_request = request_for_referring(request, reference)
    is_ready = contact_request.status in READY_TO_REFER
    area_form = AreaForm(request.GET or request.POST or {"area": contact_request.region or ""})
    area = area_form.data.get("area", "") if area_form.is_valid() else ""
    found = matches_for(area=area, need=need_for(contact_request))
    form = ReferForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and is_ready and form.is_valid():
        destination = destination_from(form)
        if destination is not None:
            sent = services.send_referral(
                contact_request=contact_request,
                actor=signed_in_staff(request),
                destination=destination,
                shared_items=form.cleaned_data["shared_items"],
                person_updates=form.cleaned_data["person_updates"],
                page=request.path,
            )
            return redirect(reverse("treatment:referral_detail", args=[sent.referral.reference]) + "?notice=sent")
    context = {"item": contact_request, "is_ready": is_ready, "area_form": area_form, "found": found, "form": form}
    status = 200 if request.method != "POST" else (409 if not is_ready else 400)
    return render(request, "treatment/refer.html", context, status=status)


def destination_from(form: ReferForm) -> services.Destination | None:
    """The provider chosen from the matches, or the one typed in; None (and a form error) if it cannot be used."""
    kind, _, number = form.cleaned_data["destination"].partition(":")
    if not number.isdecimal():
        if form.cleaned_data["destination_name"] and form.cleaned_data["destination_email"]:
            return services.Destination(
                name=form.cleaned_data["destination_name"], email=form.cleaned_data["destination_email"]
            )
        form.add_error("destination_name", _("Select a provider, or enter the name and e-mail of one not listed"))
        return None
    if kind == "provider":
        profile = ProviderProfile.objects.filter(
            organisation_id=int(number), organisation__kind=OrganisationKind.TREATMENT_PROVIDER
        ).select_related("organisation", "service")
        found = profile.first()
        if found is not None:
            organisation: Organisation = found.organisation
            return services.Destination(
                name=organisation.name, receiving_organisation=organisation, service=found.service
            )
    if kind == "service":
        service = Service.objects.filter(pk=int(number)).select_related("organization").first()
        if service is not None:
            email = form.cleaned_data["destination_email"] or service.email or service.organization.email
            if email:
                return services.Destination(name=service.name, service=service, email=email)
            form.add_error("destination_email", _("This service has no e-mail address listed: enter one"))
            return None
    form.add_error(None, _("Select a provider from the list"))
    return None


@never_cache
@staff_required
@require_safe
def request_referrals(request: HttpRequest, reference: str) -> HttpResponse:
    contact_request = get_request_for_staff(signed_in_staff(request), reference)
    referrals = list(sent_referrals_for_request(signed_in_staff(request), contact_request.pk))
    context = {
        "item": contact_request,
        "rows": rows(referrals),
        "block_close": services.open_referrals_block_close(contact_request),
        "may_refer": may_assess(signed_in_staff(request), contact_request),
    }
    return render(request, "treatment/request_referrals.html", context)


def organisation_page(request: HttpRequest) -> Organisation:
    """The treatment-provider organisation whose inbox is shown: ?organisation=<slug>, or the user's first one."""
    providers = Organisation.objects.filter(
        pk__in=organisation_ids_for(signed_in_staff(request)), kind=OrganisationKind.TREATMENT_PROVIDER
    ).order_by("name")
    chosen = request.GET.get("organisation", "")
    organisation = providers.filter(slug=chosen).first() if chosen else providers.first()
    if organisation is None:
        raise Http404("No such provider")
    return organisation


@never_cache
@staff_required
@require_safe
def inbox(request: HttpRequest) -> HttpResponse:
    organisation = organisation_page(request)
    referrals = inbox_for_provider(organisation.pk).select_related("sending_organisation")
    is_open = request.GET.get("show", "") != "ended"
    shown = referrals.filter(ended_at__isnull=is_open)[:200]
    context = {"organisation": organisation, "rows": rows(list(shown)), "is_open": is_open}
    return render(request, "treatment/inbox.html", context)


@never_cache
@staff_required
@sends_origin_on_forms
@require_safe
def referral_detail(request: HttpRequest, reference: str) -> HttpResponse:
    referral, side = get_referral_for_staff(signed_in_staff(request), reference)
    organisation = referral.sending_organisation if side is Side.SENDER else referral.receiving_organisation
    services.record_referral_audit(
        actor=signed_in_staff(request),
        actor_name=signed_in_staff(request).get_username(),
        organisation=organisation or referral.sending_organisation,
        referral=referral,
        action=AuditAction.VIEWED_REFERRAL,
        page=request.path,
    )
    return render(request, "treatment/referral_detail.html", detail_context(request, referral, side))


def detail_context(request: HttpRequest, referral: Any, side: Side, form: MoveForm | None = None) -> dict[str, Any]:
    return {
        "referral": referral,
        "side": side.value,
        "is_sender": side is Side.SENDER,
        "notice": NOTICES.get(request.GET.get("notice", ""), ""),
        "status_line": status_line(referral),
        "timeline": timeline(referral),
        "shared_labels": shared_labels(referral),
        "shared_lines": shared_lines(referral),
        "moves": moves_for(referral, side),
        "form": form or MoveForm(initial={"version": referral.version}),
        "request_reference": referral.contact_request.reference,
    }


@never_cache
@staff_required
@sends_origin_on_forms
@require_POST
def move(request: HttpRequest, reference: str) -> HttpResponse:
    referral, side = get_referral_for_staff(signed_in_staff(request), reference)
    form = MoveForm(request.POST)
    if not form.is_valid():
        context = detail_context(request, referral, side, form)
        return render(request, "treatment/referral_detail.html", context, status=400)
    try:
        services.move_referral(
            referral=referral,
            new_status=form.cleaned_data["new_status"],
            side=side,
            channel=Channel.CONSOLE,
            actor=signed_in_staff(request),
            actor_name=signed_in_staff(request).get_username(),
            expected_version=form.cleaned_data["version"],
            page=request.path,
            reason=form.reason_text(),
            reason_code=form.cleaned_data.get("reason_code") or "",
            intake_at=form.cleaned_data.get("intake_at"),
        )
    except services.ReferralConflict:
        return redirect(reverse("treatment:referral_detail", args=[reference]) + "?notice=conflict")
    except TransitionRefused as refusal:
        form.add_error(None, str(refusal))
        return render(
            request, "treatment/referral_detail.html", detail_context(request, referral, side, form), status=409
        )
    return redirect(reverse("treatment:referral_detail", args=[reference]) + "?notice=saved")


def link_gone(request: HttpRequest) -> HttpResponse:
    context = {"team_phone": settings.TEAM_PHONE, "team_email": settings.TEAM_EMAIL}
    response = render(request, "treatment/link_gone.html", context, status=410)
    response["Cache-Control"] = "no-store"
    return response


@sends_origin_on_forms
@require_http_methods(["GET", "HEAD", "POST"])
def provider_link(request: HttpRequest, token: str) -> HttpResponse:
    """No account: the provider sees only what was consented, and answers once; every view is audited."""
    try:
        link = services.link_for_token(token, now=timezone.now())
    except services.LinkGone:
        return link_gone(request)
    form = LinkAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.answer_by_link(
                link=link,
                new_status=form.cleaned_data["answer"],
                answered_by=form.cleaned_data["answered_by"],
                reason_code=form.cleaned_data.get("reason_code") or "",
                reason=form.reason_text(),
                intake_at=form.cleaned_data.get("intake_at"),
            )
        except (services.LinkGone, services.ReferralConflict, TransitionRefused):
            return link_gone(request)
        response = render(request, "treatment/provider_link_done.html", {"referral": referral})
    else:
        services.record_link_view(link=link, page=request.path)
        context = {"referral": link.referral, "shared_lines": shared_lines(link.referral), "form": form}
        is_invalid = request.method == "POST"
        response = render(request, "treatment/provider_link.html", context, status=400 if is_invalid else 200)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
