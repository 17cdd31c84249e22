"""The referral funnel for supervisors and organisation admins: counts only, as a page and as CSV.

A module of its own (not treatment/views.py) so the report does not share a file with the referral pages.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from waypost.accounts.access import organisation_ids_for, signed_in_staff, staff_required, supervised_organisation_ids
from waypost.accounts.models import Organisation, User
from waypost.core.not_cached import never_cache
from waypost.treatment.report_figures import Period, PeriodError, build_report, parse_period
from waypost.treatment.report_presenters import period_error_text, report_context, write_report_csv
from waypost.treatment.report_rows import report_rows


def organisation_to_report_on(user: User, slug: str) -> Organisation:
    """?organisation=<slug>, or the user's first supervised one: 403 where they do not supervise, 404 elsewhere."""
    supervised_ids = supervised_organisation_ids(user)
    if not supervised_ids:
        raise PermissionDenied("Only supervisors and organisation admins may see reports")
    own = Organisation.objects.filter(pk__in=organisation_ids_for(user)).order_by("name")
    organisation = own.filter(slug=slug).first() if slug else own.filter(pk__in=supervised_ids).first()
    if organisation is None:
        raise Http404("No such organisation")
    if organisation.pk not in supervised_ids:
        raise PermissionDenied("Only supervisors and organisation admins may see reports")
    return organisation


def requested_period(request: HttpRequest) -> Period | list[PeriodError]:
    return parse_period(request.GET.get("from"), request.GET.get("to"), timezone.localdate())


@never_cache
@staff_required
@require_safe
def reports(request: HttpRequest) -> HttpResponse:
    user = signed_in_staff(request)
    organisation = organisation_to_report_on(user, request.GET.get("organisation", ""))
    period = requested_period(request)
    context: dict[str, object] = {
        "organisation": organisation,
        "from_value": request.GET.get("from", ""),
        "to_value": request.GET.get("to", ""),
    }
    if isinstance(period, list):
        context["errors"] = [PeriodError(error.field, period_error_text(error.message)) for error in period]
        return render(request, "treatment/reports.html", context, status=400)
    report = build_report(period, *report_rows(user, organisation, period))
    context.update(report_context(report), period=period, from_value=str(period.first), to_value=str(period.last))
    return render(request, "treatment/reports.html", context)


@never_cache
@staff_required
@require_safe
def reports_csv(request: HttpRequest) -> HttpResponse:
    user = signed_in_staff(request)
    organisation = organisation_to_report_on(user, request.GET.get("organisation", ""))
    period = requested_period(request)
    if isinstance(period, list):
        message = "\n".join(error.message for error in period)
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    report = build_report(period, *report_rows(user, organisation, period))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"referral-funnel-{organisation.slug}-{period.first}-to-{period.last}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The CSV is a record passed on to others: its words stay English whatever the console's language (ADR 0047)
    with translation.override(settings.LANGUAGE_CODE):
        write_report_csv(report, response)
    return response
