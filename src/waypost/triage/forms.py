from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from waypost.accounts.models import User
from waypost.intake.choices import OPEN_STATUSES, Outcome, translated_choices
from waypost.triage.models import AttemptChannel, AttemptResult

NOTE_MAX_LENGTH = 2000
NOTE_TOO_LONG = format_lazy(_("A note must be {count} characters or fewer"), count=f"{NOTE_MAX_LENGTH:,}")


class VersionForm(forms.Form):
    """Carries the version the person saw, so a change made meanwhile is reported, not overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class StatusForm(VersionForm):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=translated_choices([(status.value, status.label) for status in OPEN_STATUSES]),
        error_messages={"required": _("Select a status"), "invalid_choice": _("Select a status")},
    )


class AttemptForm(VersionForm):
    channel = forms.ChoiceField(
        label=_("How did you try to contact them?"),
        choices=AttemptChannel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how you tried to contact them")},
    )
    result = forms.ChoiceField(
        label=_("What happened?"),
        choices=AttemptResult.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what happened")},
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Add a note"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Enter a note"),
            "max_length": NOTE_TOO_LONG,
        },
    )


class CloseForm(VersionForm):
    """Closing is deliberate: a red-flagged request needs a note, confirmation and, when referred, where to (H-041)."""

    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=translated_choices(Outcome.choices),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the outcome"), "invalid_choice": _("Select the outcome")},
    )
    destination = forms.CharField(
        label=_("Where were they referred or admitted? (if they were)"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("The service name must be 200 characters or fewer")},
    )
    note = forms.CharField(
        label=_("Closing note"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": NOTE_TOO_LONG},
    )
    confirm = forms.BooleanField(label=_("I have checked the red flags and want to close this request"), required=False)

    def __init__(self, *args: Any, has_red_flag: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "close-%s")
        super().__init__(*args, **kwargs)
        self.has_red_flag = has_red_flag

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.has_red_flag:
            return cleaned
        if not cleaned.get("note", "").strip() and "note" not in self.errors:
            self.add_error("note", _("Enter a closing note saying what was done about the red flags"))
        outcome = cleaned.get("outcome", "")
        if outcome in (Outcome.ADMITTED, Outcome.REFERRED_ELSEWHERE) and not cleaned.get("destination", "").strip():
            self.add_error("destination", _("Enter where they were referred or admitted"))
        if not cleaned.get("confirm"):
            self.add_error("confirm", _("Confirm that you want to close a red-flagged request"))
        return cleaned


class FollowUpForm(VersionForm):
    """When to come back to a request ("call again Tuesday after 6 pm")."""

    day = forms.DateField(
        label=_("Follow up on (YYYY-MM-DD)"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Enter the day to follow up"),
            "invalid": _("Enter a real date, like 2026-12-01"),
        },
    )
    time = forms.TimeField(
        label=_("At (HH:MM, 24-hour clock)"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"required": _("Enter the time to follow up"), "invalid": _("Enter a time, like 18:00")},
    )
    note = forms.CharField(
        label=_("What to do then"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("The follow-up note must be 200 characters or fewer")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "follow-up-%s")
        super().__init__(*args, **kwargs)

    def follow_up_at(self) -> datetime.datetime:
        moment = datetime.datetime.combine(self.cleaned_data["day"], self.cleaned_data["time"])
        return timezone.make_aware(moment)


class TeamMemberField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Lists people by full name, falling back to the username for someone who has no name on record."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class ReassignForm(VersionForm):
    assignee = TeamMemberField(
        label=_("Give this request to"),
        queryset=User.objects.none(),
        error_messages={
            "required": _("Select who should take this request"),
            "invalid_choice": _("Select a team member"),
        },
    )

    def __init__(self, *args: Any, team: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        if isinstance(field, forms.ModelChoiceField) and team is not None:
            field.queryset = team.order_by("first_name", "last_name", "username")


class MergeForm(forms.Form):
    duplicate = forms.CharField(
        label=_("Reference of the duplicate request"),
        max_length=16,
        error_messages={"required": _("Enter the reference of the duplicate request")},
    )
