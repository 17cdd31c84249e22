"""Forms for chat and the staff inbox: validation and the design system's error wording only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from waypost.accounts.models import User
from waypost.conversations.models import STAFF_OUTCOMES, CannedReply
from waypost.conversations.services import FIRST_NAME_MAX_LENGTH, MESSAGE_MAX_LENGTH
from waypost.intake.details import clean_phone
from waypost.triage.forms import TeamMemberField

ENDING_ERROR = "Select how the conversation ended"


class StartChatForm(forms.Form):
    first_name = forms.CharField(
        label="Your first name (optional)",
        help_text="Or a name you would like us to use. You do not need to give your real name.",
        max_length=FIRST_NAME_MAX_LENGTH,
        required=False,
        error_messages={"max_length": f"First name must be {FIRST_NAME_MAX_LENGTH} characters or fewer"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Your message",
        max_length=MESSAGE_MAX_LENGTH,
        error_messages={
            "required": "Enter a message",
            "max_length": f"Message must be {MESSAGE_MAX_LENGTH} characters or fewer",
        },
        widget=forms.Textarea,
    )


class ReplyForm(MessageForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["body"].label = "Reply"


class EndForm(forms.Form):
    outcome = forms.ChoiceField(
        label="How did the conversation end?",
        choices=[(outcome.value, outcome.label) for outcome in STAFF_OUTCOMES],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how the conversation ended",
            "invalid_choice": "Select how the conversation ended",
        },
    )


class TransferForm(forms.Form):
    colleague = TeamMemberField(
        label="Give this conversation to",
        queryset=User.objects.none(),
        # Nobody is chosen until the staff member chooses: a conversation never goes to the first name by accident
        empty_label="Choose a colleague",
        error_messages={"required": "Select who should take this conversation", "invalid_choice": "Select a colleague"},
    )

    def __init__(self, *args: Any, team: QuerySet[User] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["colleague"]
        if isinstance(field, forms.ModelChoiceField) and team is not None:
            field.queryset = team


class UseCannedReplyForm(forms.Form):
    reply = forms.ModelChoiceField(
        label="Saved replies",
        queryset=CannedReply.objects.none(),
        # The first saved reply is chosen already: picking one is the only thing this form does
        empty_label=None,
        error_messages={"required": "Select a saved reply", "invalid_choice": "Select a saved reply"},
    )

    def __init__(self, *args: Any, replies: QuerySet[CannedReply] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reply"]
        if isinstance(field, forms.ModelChoiceField) and replies is not None:
            field.queryset = replies


class CannedReplyForm(forms.Form):
    title = forms.CharField(
        label="Title",
        help_text="What your team sees in the list, like “Opening hours”.",
        max_length=80,
        error_messages={"required": "Enter a title", "max_length": "Title must be 80 characters or fewer"},
    )
    text = forms.CharField(
        label="Reply",
        max_length=MESSAGE_MAX_LENGTH,
        error_messages={
            "required": "Enter the reply",
            "max_length": f"Reply must be {MESSAGE_MAX_LENGTH} characters or fewer",
        },
        widget=forms.Textarea,
    )


class ContactRequestForm(forms.Form):
    summary = forms.CharField(
        label="Summary for the team",
        help_text="What the person needs and how to contact them safely, so nobody has to ask them again.",
        max_length=1000,
        error_messages={"required": "Enter a summary", "max_length": "Summary must be 1000 characters or fewer"},
        widget=forms.Textarea,
    )
    phone = forms.CharField(
        label="Phone number the person gave (optional)",
        help_text="Only for a web chat: a text conversation carries its own number.",
        max_length=40,
        required=False,
    )

    def clean_phone(self) -> str:
        raw = str(self.cleaned_data.get("phone") or "").strip()
        return clean_phone(raw) if raw else ""
