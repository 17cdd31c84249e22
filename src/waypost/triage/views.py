"""The staff console. Every view: staff_required → scoped getter → form → service → redirect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from waypost.accounts.access import (
    can_supervise,
    is_organisation_admin,
    signed_in_staff,
    staff_required,
)
from waypost.accounts.models import Organisation, User
from waypost.conversations.access import conversations_made_into
from waypost.core.audit import AuditEvent
from waypost.core.not_cached import never_cache
from waypost.core.security_headers import sends_origin_on_forms
from waypost.intake.choices import OPEN_STATUSES, Outcome, Status, shown_label, translated_choices
from waypost.intake.models import ContactRequest
from waypost.notifications.access import messages_needing_attention
from waypost.treatment.access import assessment_of, has_referrals_not_ended, may_assess, sent_referrals_for_request
from waypost.treatment.assessment_presenters import AssessmentSummary, assessment_summary
from waypost.treatment.presenters import rows as referral_rows
from waypost.triage import services
from waypost.triage.access import (
    audit_events_for_supervisor,
    duplicate_candidates,
    get_request_for_organisation_admin,
    get_request_for_staff,
    get_request_for_supervisor,
    merged_from,
    merged_into,
    supervised_organisation,
)
from waypost.triage.audit_export import write_audit_csv
from waypost.triage.audit_filters import AuditFilterForm, filter_query, filtered_events
from waypost.triage.audit_labels import audit_action_choices
from waypost.triage.dashboard import PERIOD_DAYS, build_dashboard, period_from
from waypost.triage.forms import (
    AttemptForm,
    CloseForm,
    FollowUpForm,
    MergeForm,
    NoteForm,
    ReassignForm,
    StatusForm,
    VersionForm,
)
from waypost.triage.presenters import (
    contact_preferences,
    timeline,
)
from waypost.triage.queue import (
    PAGE_SIZE,
    SEARCHABLE_STATUSES,
    page_of_requests,
    parse_filters,
    queue_rows,
    status_counts,
    team_for,
)
from waypost.triage.queue_table import queue_table_rows
from waypost.triage.risk import risk_summary

MAXIMUM_PAGE = 100_000
# Session key naming the request whose action was just audited, so the redirect to it is not audited twice
JUST_AUDITED = "triage_just_audited"
NOTICES = {
    "conflict": _("Someone else changed this request while you were looking at it. Check the details and try again."),
    "taken": _("Someone else has already taken this request."),
    "claimed": _("You have taken this request."),
    "saved": _("Saved."),
    "closed": _("The request is closed."),
    "follow-up": _("The follow-up is set. The request comes back to the top of the queue when it is due."),
    "merged": _("The duplicate was merged into this request."),
    "not-merged": _(
        "These requests were not merged. Only an open request can be merged, and only into another open request "
        "that was not itself merged into it."
    ),
    "erased": _("The personal details were erased. Only the reference and dates are kept."),
}
RELEASE_REFUSED = _("Only the person who took this request, or a supervisor, can release it.")


def detail_url(reference: str, notice: str = "") -> str:
    url = reverse("triage:request_detail", args=[reference])
    return f"{url}?notice={notice}" if notice else url


def page_number_from(request: HttpRequest) -> int:
    # isdecimal, not isdigit: int() refuses digits such as "²" that isdigit accepts; a number past
    # MAXIMUM_PAGE would overflow the database's offset
    page = request.GET.get("page", "")
    return int(page) if page.isdecimal() and 1 <= int(page) <= MAXIMUM_PAGE else 1


def team_of(contact_request: ContactRequest) -> QuerySet[User]:
    """The people a request can be given to: everyone in its organisation."""
    return User.objects.filter(memberships__organisation_id=contact_request.organisation_id or 0).order_by("username")


@never_cache
@staff_required
@require_safe
def queue(request: HttpRequest) -> HttpResponse:
    user = signed_in_staff(request)
    filters = parse_filters(request.GET)
    page_number = page_number_from(request)
    start = (page_number - 1) * PAGE_SIZE
    now = timezone.now()
    requests = page_of_requests(user, filters, now, start=start, size=PAGE_SIZE + 1)
    query = filters.as_query()
    rows = queue_rows(requests[:PAGE_SIZE], now)
    context = {
        "rows": rows,
        "table_rows": queue_table_rows(rows),
        "counts": [(shown_label(Status(key)), key, value) for key, value in status_counts(user).items()],
        "filters": filters,
        "statuses": [(status.value, shown_label(status)) for status in SEARCHABLE_STATUSES],
        "outcomes": translated_choices(Outcome.choices),
        "team": team_for(user),
        "page_number": page_number,
        "has_next": len(requests) > PAGE_SIZE,
        "previous_page": urlencode({**query, "page": page_number - 1}),
        "next_page": urlencode({**query, "page": page_number + 1}),
    }
    return render(request, "triage/queue.html", context)


@never_cache
@staff_required
@sends_origin_on_forms
@require_safe
def request_detail(request: HttpRequest, reference: str) -> HttpResponse:
    user = signed_in_staff(request)
    contact_request = get_request_for_staff(user, reference)
    # The page shown straight after an action is not a separate view: the action's own audit entry covers it
    if request.session.pop(JUST_AUDITED, None) != reference:
        services.record_view(actor=user, contact_request=contact_request, page=request.path)
    return render(request, "triage/request_detail.html", detail_context(request, contact_request))


def assessment_summary_of(contact_request: ContactRequest) -> AssessmentSummary | None:
    assessment = assessment_of(contact_request)
    return assessment_summary(assessment) if assessment else None


def detail_context(request: HttpRequest, contact_request: ContactRequest, **forms: Any) -> dict[str, Any]:
    user = signed_in_staff(request)
    organisation_id = contact_request.organisation_id or 0
    version = {"version": contact_request.version}
    return {
        "item": contact_request,
        "notice": NOTICES.get(request.GET.get("notice", ""), ""),
        "preferences": contact_preferences(contact_request),
        "timeline": timeline(contact_request),
        "risk": risk_summary(contact_request),
        "duplicates": duplicate_candidates(user, contact_request),
        "merged_into": merged_into(user, contact_request),
        "merged_from": merged_from(user, contact_request),
        "from_conversations": conversations_made_into(user, contact_request.pk),
        "is_mine": contact_request.assigned_to_id == user.pk,
        "is_open": contact_request.status in OPEN_STATUSES,
        "can_supervise": can_supervise(user, organisation_id),
        "is_organisation_admin": is_organisation_admin(user, organisation_id),
        "status_form": forms.get("status_form") or StatusForm(initial={**version, "status": contact_request.status}),
        "attempt_form": forms.get("attempt_form") or AttemptForm(initial=version),
        "note_form": forms.get("note_form") or NoteForm(),
        "close_form": forms.get("close_form") or CloseForm(initial=version, has_red_flag=contact_request.has_red_flag),
        "follow_up_form": forms.get("follow_up_form") or FollowUpForm(initial=version),
        "reassign_form": forms.get("reassign_form") or ReassignForm(initial=version, team=team_of(contact_request)),
        "version_form": VersionForm(initial=version),
        "merge_form": forms.get("merge_form") or MergeForm(),
        "assessment_summary": assessment_summary_of(contact_request),
        "referral_rows": referral_rows(list(sent_referrals_for_request(user, contact_request.pk))),
        "may_assess": may_assess(user, contact_request),
    }


@never_cache
@staff_required
@require_safe
def contact_details(request: HttpRequest, reference: str) -> HttpResponse:
    """Decrypted contact details are shown on their own page, and every view of them is audited."""
    user = signed_in_staff(request)
    contact_request = get_request_for_staff(user, reference)
    services.record_view(actor=user, contact_request=contact_request, page=request.path, shows_contact_details=True)
    context = {"item": contact_request, "preferences": contact_preferences(contact_request)}
    return render(request, "triage/contact_details.html", context)


def post_action(
    handler: Callable[[HttpRequest, ContactRequest], HttpResponse],
    getter: Callable[[User, str], ContactRequest] = get_request_for_staff,
) -> Callable[[HttpRequest, str], HttpResponse]:
    """A POST action on one request: signed in, scoped, conflicts turned into a clear notice."""

    @never_cache
    @staff_required
    @sends_origin_on_forms
    @require_POST
    def view(request: HttpRequest, reference: str) -> HttpResponse:
        contact_request = getter(signed_in_staff(request), reference)
        try:
            response = handler(request, contact_request)
        except services.TriageConflict as conflict:
            return redirect(detail_url(reference, notice_for(conflict)))
        if response.status_code == 302 and response["Location"].startswith(detail_url(reference)):
            request.session[JUST_AUDITED] = reference
        return response

    view.__name__ = handler.__name__
    return view


def notice_for(conflict: services.TriageConflict) -> str:
    if isinstance(conflict, services.RequestAlreadyTaken):
        return "taken"
    if isinstance(conflict, services.MergeRefused):
        return "not-merged"
    return "conflict"


def render_with_errors(request: HttpRequest, contact_request: ContactRequest, **forms: Any) -> HttpResponse:
    """The request page again, answering 400, with the form that failed showing its errors."""
    context = detail_context(request, contact_request, **forms)
    return render(request, "triage/request_detail.html", context, status=400)


def claim_handler(request: HttpRequest, contact_request: ContactRequest) -> HttpResponse:
    services.claim_request(actor=signed_in_staff(request), contact_request=contact_request, page=request.path)
    return redirect(detail_url(contact_request.reference, "claimed"))


def release_handler(request: HttpRequest, contact_request: ContactRequest) -> HttpResponse:
    form = VersionForm(request.POST)
    if not form.is_valid():
        raise services.TriageConflict("The form was not complete.")
    version = form.cleaned_data["version"]
    try:
        services.release_request(
            actor=signed_in_staff(request), contact_request=contact_request, version=version, page=request.path
        )
    except services.ReleaseNotAllowed:
        # The service's English words, said here in the console's language
        context = {"item": contact_request, "reason": RELEASE_REFUSED}
        return render(request, "triage/not_allowed.html", context, status=403)
    return redirect(detail_url(contact_request.reference, "saved"))


def reassign_handler(request: HttpRequest, contact_request: ContactRequest) -> HttpResponse:
    form = ReassignForm(request.POST, team=team_of(contact_request))
    if not form.is_valid():
        return render_with_errors(request, contact_request, reassign_form=form)
    services.reassign_request(
        actor=signed_in_staff(request),
        contact_request=contact_request,
        assignee=form.cleaned_data["assignee"],
        version=form.cleaned_data["version"],
        page=request.path,
    )
    return redirect(detail_url(contact_request.reference, "saved"))


def status_handler(request: HttpRequest, contact_request: ContactRequest) -> HttpResponse:
    form = StatusForm(request.POST)
    if not form.is_valid():
        return render_with_errors(request, contact_request, status_form=form)
    services.change_status(
        actor=signed_in_staff(request),
        contact_request=contact_request,
        status=Status(form.cleaned_data["status"]),
        version=form.cleaned_data["version"],
        page=request.path,
    )
    return redirect(detail_url(contact_request.reference, "saved"))


def attempt_handler(request: HttpRequest, contact_request: ContactRequest) -> HttpResponse:
    form = AttemptForm(request.POST)
    if not form.is_valid():
        return render_with_errors(request, contact_request, attempt_form=form)
    services.record_contact_attempt(
        actor=signed_in_staff(request),
        contact_request=contact_request,
        channel=form.cleaned_data["channel"],
        result=form.cleaned_data["result"],
        version=form.cleaned_data["version"],
        page=request.path,
    )
    return redirect(detail_url(contact_request.reference, "saved"))


def note_handler(request: HttpRequest, contact_request: ContactRequest) -> HttpResponse:
    form = NoteForm(request.POST)
    if not form.is_valid():
        return render_with_errors(request, contact_request, note_form=form)
    services.add_note(
        actor=signed_in_staff(request),
        contact_request=contact_request,
        text=form.cleaned_data["text"],
        page=request.path,
    )
    return redirect(detail_url(contact_request.reference, "saved"))


def close_handler(request: HttpRequest, contact_request: ContactRequest) -> HttpResponse:
    form = CloseForm(request.POST, has_red_flag=contact_request.has_red_flag)
    if form.is_valid() and has_referrals_not_ended(contact_request.pk):
        form.add_error(None, services.REFERRALS_NOT_ENDED)
    if not form.is_valid():
        return render_with_errors(request, contact_request, close_form=form)
    services.close_request(
        actor=signed_in_staff(request),
        contact_request=contact_request,
        outcome=Outcome(form.cleaned_data["outcome"]),
        version=form.cleaned_data["version"],
        page=request.path,
        note=form.cleaned_data["note"],
        destination=form.cleaned_data["destination"],
    )
    return redirect(detail_url(contact_request.reference, "closed"))


def follow_up_handler(request: HttpRequest, contact_request: ContactRequest) -> HttpResponse:
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        return render_with_errors(request, contact_request, follow_up_form=form)
    services.set_follow_up(
        actor=signed_in_staff(request),
        contact_request=contact_request,
        follow_up_at=form.follow_up_at(),
        note=form.cleaned_data["note"],
        version=form.cleaned_data["version"],
        page=request.path,
    )
    return redirect(detail_url(contact_request.reference, "follow-up"))


def merge_handler(request: HttpRequest, contact_request: ContactRequest) -> HttpResponse:
    form = MergeForm(request.POST)
    if not form.is_valid():
        return render_with_errors(request, contact_request, merge_form=form)
    duplicate = get_request_for_staff(signed_in_staff(request), form.cleaned_data["duplicate"].strip().upper())
    services.merge_duplicate(
        actor=signed_in_staff(request), keep=contact_request, duplicate=duplicate, page=request.path
    )
    return redirect(detail_url(contact_request.reference, "merged"))


def erase_handler(request: HttpRequest, contact_request: ContactRequest) -> HttpResponse:
    services.erase_request(actor=signed_in_staff(request), contact_request=contact_request, page=request.path)
    return redirect(reverse("triage:queue") + "?notice=erased")


claim = post_action(claim_handler)
release = post_action(release_handler)
reassign = post_action(reassign_handler, get_request_for_supervisor)
change_status = post_action(status_handler)
log_attempt = post_action(attempt_handler)
add_note = post_action(note_handler)
close = post_action(close_handler)
follow_up = post_action(follow_up_handler)
merge = post_action(merge_handler)
erase = post_action(erase_handler, get_request_for_organisation_admin)


@never_cache
@staff_required
@sends_origin_on_forms
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    organisation = supervised_organisation(request)
    period_days = period_from(request.GET.get("days", ""))
    figures = build_dashboard(signed_in_staff(request), organisation, timezone.now(), period_days)
    context = {
        "figures": figures,
        "organisation": organisation,
        "is_organisation_admin": is_organisation_admin(signed_in_staff(request), organisation.pk),
        "retention_days": settings.RETENTION_DAYS,
        "deleted": request.GET.get("deleted", ""),
        "periods": PERIOD_DAYS,
        "messages_to_check": messages_needing_attention(signed_in_staff(request), organisation).count(),
    }
    return render(request, "triage/dashboard.html", context)


@never_cache
@staff_required
@sends_origin_on_forms
@require_POST
def apply_retention(request: HttpRequest) -> HttpResponse:
    organisation = supervised_organisation(request)
    if not is_organisation_admin(signed_in_staff(request), organisation.pk):
        raise PermissionDenied("Only organisation admins apply retention")
    deleted = services.apply_retention(actor=signed_in_staff(request), organisation=organisation, page=request.path)
    return redirect(f"{reverse('triage:dashboard')}?organisation={organisation.slug}&deleted={deleted}")


AUDIT_PAGE_SIZE = 50


def audit_events(request: HttpRequest) -> tuple[Organisation, AuditFilterForm, QuerySet[AuditEvent]]:
    """The organisation's audit log narrowed by the filters in the URL; nothing at all when a filter is wrong."""
    organisation = supervised_organisation(request)
    form = AuditFilterForm(request.GET)
    events = audit_events_for_supervisor(signed_in_staff(request), organisation.pk)
    if not form.is_valid():
        return organisation, form, events.none()
    return organisation, form, filtered_events(events, form.cleaned_data)


@never_cache
@staff_required
@require_safe
def audit_log(request: HttpRequest) -> HttpResponse:
    organisation, form, events = audit_events(request)
    page_number = page_number_from(request)
    start = (page_number - 1) * AUDIT_PAGE_SIZE
    rows = list(events[start : start + AUDIT_PAGE_SIZE + 1])
    context = {
        "organisation": organisation,
        "form": form,
        "events": rows[:AUDIT_PAGE_SIZE],
        "query": filter_query(form, organisation.slug),
        "page_number": page_number,
        "has_next": len(rows) > AUDIT_PAGE_SIZE,
        "actions": [("", _("Any action")), *audit_action_choices()],
    }
    return render(request, "triage/audit_log.html", context, status=200 if form.is_valid() else 400)


@never_cache
@staff_required
@require_safe
def audit_csv(request: HttpRequest) -> HttpResponse:
    organisation, form, events = audit_events(request)
    if not form.is_valid():
        problems = " ".join(str(error) for errors in form.errors.values() for error in errors)
        return HttpResponse(f"The filters are not valid: {problems}\n", status=400, content_type="text/plain")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{organisation.slug}.csv"'
    write_audit_csv(events.iterator(), response)
    # The full path keeps the filters, so the log shows which rows were downloaded
    services.record_audit_export(
        actor=signed_in_staff(request), organisation=organisation, page=request.get_full_path()
    )
    return response
