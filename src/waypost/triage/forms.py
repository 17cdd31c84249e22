from __future__ import annotations

from typing import Any

from django import forms

from waypost.accounts.models import User
from waypost.intake.choices import OPEN_STATUSES, Outcome
from waypost.triage.models import AttemptChannel, AttemptResult

NOTE_MAX_LENGTH = 2000


class VersionForm(forms.Form):
    """Carries the version the person saw, so a change made meanwhile is reported, not overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class StatusForm(VersionForm):
    status = forms.ChoiceField(
        label="New status",
        choices=[(status.value, status.label) for status in OPEN_STATUSES],
        error_messages={"required": "Select a status", "invalid_choice": "Select a status"},
    )


class AttemptForm(VersionForm):
    channel = forms.ChoiceField(
        label="How did you try to contact them?",
        choices=AttemptChannel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you tried to contact them"},
    )
    result = forms.ChoiceField(
        label="What happened?",
        choices=AttemptResult.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happened"},
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Add a note",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter a note",
            "max_length": f"A note must be {NOTE_MAX_LENGTH:,} characters or fewer",
        },
    )


class CloseForm(VersionForm):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome", "invalid_choice": "Select the outcome"},
    )


class TeamMemberField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Lists people by full name, falling back to the username for someone who has no name on record."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class ReassignForm(VersionForm):
    assignee = TeamMemberField(
        label="Give this request to",
        queryset=User.objects.none(),
        error_messages={"required": "Select who should take this request", "invalid_choice": "Select a team member"},
    )

    def __init__(self, *args: Any, team: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        if isinstance(field, forms.ModelChoiceField) and team is not None:
            field.queryset = team.order_by("first_name", "last_name", "username")


class MergeForm(forms.Form):
    duplicate = forms.CharField(
        label="Reference of the duplicate request",
        max_length=16,
        error_messages={"required": "Enter the reference of the duplicate request"},
    )
