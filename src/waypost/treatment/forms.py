"""Referral forms: they validate only; the services decide what a referral may do."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from waypost.accounts.console_language import in_english
from waypost.treatment.choices import ReasonCode, SharedItem, TaskStatus
from waypost.treatment.services import PERSON_MESSAGES

NOTE_MAX_LENGTH = 1000
PERSON_UPDATE_CHOICES = [(status.value, status.label) for status in PERSON_MESSAGES]


class AreaForm(forms.Form):
    area = forms.CharField(
        label=_("Their area"),
        required=False,
        max_length=60,
        help_text=_("A UK postcode, a US ZIP code, or latitude and longitude"),
    )


class ReferForm(forms.Form):
    destination = forms.CharField(required=False, widget=forms.HiddenInput)
    destination_name = forms.CharField(
        label=_("Name of a provider not listed"), required=False, max_length=300, widget=forms.TextInput
    )
    destination_email = forms.EmailField(
        label=_("Its e-mail address"),
        required=False,
        error_messages={"invalid": _("Enter an e-mail address in the correct format, like name@example.org")},
    )
    shared_items = forms.MultipleChoiceField(
        label=_("What the person agreed to share"),
        choices=SharedItem.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select what the person agreed to share")},
    )
    consent = forms.BooleanField(
        label=_("The person agreed to this referral and to sharing exactly what is ticked"),
        error_messages={"required": _("Confirm that the person agreed to this referral")},
    )
    person_updates = forms.MultipleChoiceField(
        label=_("When the person would like to hear from us"),
        choices=PERSON_UPDATE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("destination") and not (data.get("destination_name") and data.get("destination_email")):
            self.add_error("destination_name", _("Select a provider, or enter the name and e-mail of one not listed"))
        return data


class MoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    new_status = forms.ChoiceField(choices=TaskStatus.choices, widget=forms.HiddenInput)
    reason_code = forms.ChoiceField(
        label=_("Reason"), choices=[("", "Select a reason"), *ReasonCode.choices], required=False
    )
    reason = forms.CharField(
        label=_("Note"), required=False, max_length=NOTE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )
    intake_at = forms.DateTimeField(
        label=_("Intake date and time"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"invalid": _("Enter the intake date and time, like 2026-12-03 10:30")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        status = data.get("new_status", "")
        if status in {TaskStatus.REJECTED, TaskStatus.FAILED, TaskStatus.CANCELLED} and not data.get("reason_code"):
            self.add_error("reason_code", _("Select a reason"))
        if status == TaskStatus.IN_PROGRESS and not data.get("intake_at"):
            self.add_error("intake_at", _("Enter the intake date and time"))
        return data

    def reason_text(self) -> str:
        """The note, or the reason's label when no note was written: a move that needs a reason always has one."""
        code = self.cleaned_data.get("reason_code") or ""
        note = (self.cleaned_data.get("reason") or "").strip()
        return note or (in_english(ReasonCode(code).label) if code else "")


class LinkAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[(TaskStatus.ACCEPTED.value, _("Accept")), (TaskStatus.REJECTED.value, _("Decline"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether you accept or decline")},
    )
    answered_by = forms.CharField(
        label=_("Your name"), max_length=100, error_messages={"required": _("Enter your name")}
    )
    intake_at = MoveForm.base_fields["intake_at"]
    reason_code = forms.ChoiceField(
        label=_("If you decline, why?"), choices=ReasonCode.choices, required=False, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Anything the referring team should know (optional)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("answer") == TaskStatus.REJECTED and not data.get("reason_code"):
            self.add_error("reason_code", _("Select a reason"))
        intake: datetime.datetime | None = data.get("intake_at")
        if intake is not None and intake < timezone.now():
            self.add_error("intake_at", _("The intake date must be in the future"))
        return data

    def reason_text(self) -> str:
        return MoveForm.reason_text(self)  # type: ignore[arg-type]
