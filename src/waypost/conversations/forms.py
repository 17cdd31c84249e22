"""Forms for chat and the staff inbox: validation and the design system's error wording only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from waypost.accounts.models import User
from waypost.conversations.models import STAFF_OUTCOMES, CannedReply
from waypost.conversations.services import FIRST_NAME_MAX_LENGTH, MESSAGE_MAX_LENGTH
from waypost.intake.details import clean_phone
from waypost.triage.forms import TeamMemberField


def too_long_now(message: str, limit: int) -> str:
    return gettext(message) % {"limit": limit}


# Worded when the error is shown, in that request's language
too_long = lazy(too_long_now, str)

ENDING_ERROR = _("Select how the conversation ended")


class StartChatForm(forms.Form):
    first_name = forms.CharField(
        label=_("Your first name (optional)"),
        help_text=_("Or a name you would like us to use. You do not need to give your real name."),
        max_length=FIRST_NAME_MAX_LENGTH,
        required=False,
        error_messages={
            "max_length": too_long(
                gettext_noop("First name must be %(limit)s characters or fewer"), FIRST_NAME_MAX_LENGTH
            )
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        error_messages={
            "required": _("Enter a message"),
            "max_length": too_long(gettext_noop("Message must be %(limit)s characters or fewer"), MESSAGE_MAX_LENGTH),
        },
        widget=forms.Textarea,
    )


class ReplyForm(MessageForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["body"].label = _("Reply")


class EndForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How did the conversation end?"),
        choices=[(outcome.value, outcome.label) for outcome in STAFF_OUTCOMES],
        widget=forms.RadioSelect,
        error_messages={
            "required": ENDING_ERROR,
            "invalid_choice": ENDING_ERROR,
        },
    )


class TransferForm(forms.Form):
    colleague = TeamMemberField(
        label=_("Give this conversation to"),
        queryset=User.objects.none(),
        # Nobody is chosen until the staff member chooses: a conversation never goes to the first name by accident
        empty_label=_("Choose a colleague"),
        error_messages={
            "required": _("Select who should take this conversation"),
            "invalid_choice": _("Select a colleague"),
        },
    )

    def __init__(self, *args: Any, team: QuerySet[User] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["colleague"]
        if isinstance(field, forms.ModelChoiceField) and team is not None:
            field.queryset = team


class UseCannedReplyForm(forms.Form):
    reply = forms.ModelChoiceField(
        label=_("Saved replies"),
        queryset=CannedReply.objects.none(),
        # The first saved reply is chosen already: picking one is the only thing this form does
        empty_label=None,
        error_messages={"required": _("Select a saved reply"), "invalid_choice": _("Select a saved reply")},
    )

    def __init__(self, *args: Any, replies: QuerySet[CannedReply] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reply"]
        if isinstance(field, forms.ModelChoiceField) and replies is not None:
            field.queryset = replies


class CannedReplyForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        help_text=_("What your team sees in the list, like “Opening hours”."),
        max_length=80,
        error_messages={"required": _("Enter a title"), "max_length": _("Title must be 80 characters or fewer")},
    )
    text = forms.CharField(
        label=_("Reply"),
        max_length=MESSAGE_MAX_LENGTH,
        error_messages={
            "required": _("Enter the reply"),
            "max_length": too_long(gettext_noop("Reply must be %(limit)s characters or fewer"), MESSAGE_MAX_LENGTH),
        },
        widget=forms.Textarea,
    )


class ContactRequestForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary for the team"),
        help_text=_("What the person needs and how to contact them safely, so nobody has to ask them again."),
        max_length=1000,
        error_messages={"required": _("Enter a summary"), "max_length": _("Summary must be 1000 characters or fewer")},
        widget=forms.Textarea,
    )
    phone = forms.CharField(
        label=_("Phone number the person gave (optional)"),
        help_text=_("Only for a web chat: a text conversation carries its own number."),
        max_length=40,
        required=False,
    )

    def clean_phone(self) -> str:
        raw = str(self.cleaned_data.get("phone") or "").strip()
        return clean_phone(raw) if raw else ""
