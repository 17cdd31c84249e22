"""The care team's side of recovery support: who is enrolled, outreach tasks by risk, invite, end. All audited."""

from __future__ import annotations

import json
import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from waypost.accounts.access import organisation_ids_for, signed_in_staff, staff_required
from waypost.accounts.models import Organisation
from waypost.conversations.access import get_conversation_for_staff
from waypost.conversations.models import Channel
from waypost.conversations.services import record_conversation_viewed
from waypost.core.audit import AuditAction
from waypost.core.not_cached import never_cache
from waypost.core.security_headers import sends_origin_on_forms
from waypost.recovery import access, check_ins, services
from waypost.recovery.forms import InviteForm
from waypost.recovery.models import Enrolment
from waypost.recovery.presenters import (
    DatedAnswers,
    bar_width,
    charts,
    check_in_rows,
    first_moment_of,
    invite_from_request,
    outreach_rows,
    week_rows,
)
from waypost.recovery.rules import Rhythm
from waypost.triage.access import get_request_for_staff
from waypost.triage.services import record_audit

CHAT_GAVE_NO_CONTACT = gettext_lazy(
    "A web chat gives no number or e-mail. Ask the person in the chat how they would like the invitation, "
    "then enter it."
)


@never_cache
@staff_required
@sends_origin_on_forms
@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    user = signed_in_staff(request)
    enrolments = list(access.enrolments_for_staff(user).active().order_by("-created_at")[:200])
    tasks = access.open_tasks_for_staff(user)
    services.record_list_view(
        actor=user, organisation_ids={item.organisation_id for item in enrolments}, page=request.path
    )
    context = {"enrolments": enrolments, "tasks": outreach_rows(tasks)}
    return render(request, "recovery/staff/overview.html", context)


@never_cache
@staff_required
@sends_origin_on_forms
@require_safe
def enrolment_detail(request: HttpRequest, reference: str) -> HttpResponse:
    user = signed_in_staff(request)
    enrolment = access.get_enrolment_for_staff(user, reference)
    services.record_staff_view(actor=user, enrolment=enrolment, page=request.path)
    shared = access.shared_check_ins_for_staff(user, enrolment, first_moment_of(4))
    dated = [DatedAnswers(services.day_of(row), check_ins.from_response(json.loads(row.response))) for row in shared]
    rows = week_rows(dated, weeks=4, today=timezone.localdate())
    context = {
        "enrolment": enrolment,
        "rows": rows,
        "charts": charts(rows) if shared else [],
        "bar_width": bar_width(4),
        "check_ins": check_in_rows(dated[-14:])[::-1],
        "tasks": outreach_rows(
            [task for task in access.open_tasks_for_staff(user) if task.enrolment_id == enrolment.pk]
        ),
    }
    return render(request, "recovery/staff/enrolment_detail.html", context)


def organisations_of(request: HttpRequest) -> list[tuple[int, str]]:
    ids = organisation_ids_for(signed_in_staff(request))
    return list(Organisation.objects.filter(pk__in=sorted(ids)).order_by("name").values_list("pk", "name"))


@never_cache
@staff_required
@sends_origin_on_forms
@require_http_methods(["GET", "HEAD", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    user = signed_in_staff(request)
    initial, notice = prefill_from_request(request) if request.method != "POST" else ({}, "")
    data = request.POST if request.method == "POST" else None
    form = InviteForm(data, initial=initial, organisations=organisations_of(request))
    if request.method == "POST" and form.is_valid():
        channel, contact = form.cleaned_data["contact"]
        try:
            enrolment = services.invite_to_recovery(
                actor=user,
                organisation=Organisation.objects.get(pk=form.cleaned_data["organisation"]),
                channel=channel,
                contact=contact,
                rhythm=Rhythm(form.cleaned_data["rhythm"]),
                shares_with_care_team=form.cleaned_data["shares"] == "yes",
                page=request.path,
            )
        except services.AlreadyEnrolled as error:
            form.add_error("contact", str(error))
        else:
            return redirect("recovery_staff:enrolment", reference=enrolment.reference)
    return render(request, "recovery/staff/invite.html", {"form": form, "notice": notice})


def prefill_from_request(request: HttpRequest) -> tuple[dict[str, object], str]:
    """From a contact request's page (?request=REF): its contact and organisation, scoped and audited."""
    reference, conversation = request.GET.get("request", ""), request.GET.get("conversation", "")
    if conversation:
        return prefill_from_conversation(request, conversation)
    if not reference:
        return {}, ""
    user = signed_in_staff(request)
    contact_request = get_request_for_staff(user, reference)
    record_audit(
        actor=user,
        contact_request=contact_request,
        action=AuditAction.VIEWED_CONTACT_DETAILS,
        page=request.get_full_path(),
        detail="to invite to recovery support",
    )
    contact, notice = invite_from_request(
        phone=contact_request.phone,
        email=contact_request.email,
        can_text=contact_request.can_text,
        safe_to_text=contact_request.safe_to_text,
        can_email=contact_request.can_email,
    )
    return {"contact": contact, "organisation": str(contact_request.organisation_id)}, notice


def prefill_from_conversation(request: HttpRequest, public_id: str) -> tuple[dict[str, object], str]:
    """From a conversation's page (?conversation=ID): a text conversation's number, scoped and audited; a web chat
    gave no contact, so the worker asks the person in the chat first."""
    user = signed_in_staff(request)
    conversation = get_conversation_for_staff(user, parse_public_id(public_id))
    record_conversation_viewed(actor=user, conversation=conversation, page=request.get_full_path())
    initial: dict[str, object] = {"organisation": str(conversation.organisation_id)}
    if conversation.channel == Channel.SMS and conversation.phone:
        return {**initial, "contact": conversation.phone}, ""
    return initial, str(CHAT_GAVE_NO_CONTACT)


def parse_public_id(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise Http404("No such conversation") from None


@staff_required
@require_POST
def end(request: HttpRequest, reference: str) -> HttpResponse:
    user = signed_in_staff(request)
    enrolment: Enrolment = access.get_enrolment_for_staff(user, reference)
    if enrolment.ended_at is None:
        services.end_enrolment(actor=user, enrolment=enrolment, page=request.path)
    return redirect("recovery_staff:enrolment", reference=reference)


@staff_required
@require_POST
def close_task(request: HttpRequest, task_id: int) -> HttpResponse:
    user = signed_in_staff(request)
    task = access.get_task_for_staff(user, task_id)
    if task.closed_at is None:
        services.close_outreach_task(actor=user, task=task, page=request.path)
    return redirect("recovery_staff:overview")
