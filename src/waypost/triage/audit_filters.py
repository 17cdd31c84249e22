"""The audit log's filters (person, request, action, dates), read from the URL so a filtered view can be shared.

The same filters drive the page and its CSV, so a download holds exactly the rows the page lists.
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from waypost.core.audit import AuditAction, AuditEvent

FILTER_NAMES = ("actor", "reference", "action", "from", "to")
DATE_ERROR = _("Enter the date as year-month-day, like 2026-11-30")


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Person (username)"), required=False, max_length=150)
    reference = forms.CharField(label=_("Request reference"), required=False, max_length=16)
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("Any action")), *AuditAction.choices],
        error_messages={"invalid_choice": _("Select an action from the list")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so the date fields are added here rather than declared above
        for name, label in (("from", _("From (date)")), ("to", _("To (date, included)"))):
            self.fields[name] = forms.DateField(
                label=label,
                required=False,
                input_formats=["%Y-%m-%d"],
                widget=forms.DateInput(attrs={"type": "date"}),
                error_messages={"invalid": DATE_ERROR},
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error("to", _("The 'to' date must be the same as or after the 'from' date"))
        return cleaned


def start_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day` in the site's time zone: staff mean their own calendar day."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filtered_events(events: QuerySet[AuditEvent], cleaned: dict[str, Any]) -> QuerySet[AuditEvent]:
    if cleaned.get("actor"):
        events = events.filter(actor_name__iexact=cleaned["actor"].strip())
    if cleaned.get("reference"):
        events = events.filter(request_reference=cleaned["reference"].strip().upper())
    if cleaned.get("action"):
        events = events.filter(action=cleaned["action"])
    if cleaned.get("from"):
        events = events.filter(at__gte=start_of_day(cleaned["from"]))
    if cleaned.get("to"):
        events = events.filter(at__lt=start_of_day(cleaned["to"] + datetime.timedelta(days=1)))
    return events


def filter_query(form: AuditFilterForm, organisation_slug: str) -> str:
    """The filters as a query string (without the page), for the CSV link and the page links."""
    values = {"organisation": organisation_slug, **{name: form.data.get(name, "") for name in FILTER_NAMES}}
    return urlencode({name: value for name, value in values.items() if value})
