"""Recovery forms: validation only, with design-system error wording."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from waypost.intake.details import clean_email, clean_phone
from waypost.notifications.rendering import REVEALING_WORDS
from waypost.recovery.check_ins import CheckInAnswers
from waypost.recovery.models import ContactChannel, RhythmChoice
from waypost.recovery.presenters import MOOD_WORDS, PLAN_SECTIONS, SLEEP_WORDS
from waypost.recovery.rules import BLADDER_LINK_IDS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CONTACT_MESSAGE = _("Enter a mobile number, like 07400 123456, or an email address, like name@example.com")
YES_NO = (("yes", _("Yes")), ("no", _("No")))
BLADDER_LABELS = {
    "passing-urine-often": _("Needing to pass urine (wee) much more often than usual"),
    "sudden-urges": _("Sudden, strong urges to pass urine"),
    "pain-passing-urine": _("Pain when passing urine"),
    "lower-tummy-pain": _("Pain low in the tummy"),
    "blood-in-urine": _("Blood in your urine"),
    "unable-to-pass-urine": _("Not able to pass urine at all"),
    "side-pain-with-fever": _("Pain in your side or back with a fever"),
}


def channel_and_contact(raw: str) -> tuple[ContactChannel, str]:
    """An e-mail address if it has an @, otherwise a phone number in international form."""
    try:
        if "@" in raw:
            return ContactChannel.EMAIL, clean_email(raw).lower()
        return ContactChannel.SMS, clean_phone(raw, is_for_texts=True)
    except ValidationError:
        raise ValidationError(CONTACT_MESSAGE) from None


class ContactForm(forms.Form):
    contact = forms.CharField(
        label=_("Your mobile number or email address"),
        help_text=_("We will send you a code to sign in. There is no password."),
        max_length=254,
        error_messages={"required": CONTACT_MESSAGE},
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )

    def clean_contact(self) -> tuple[ContactChannel, str]:
        return channel_and_contact(self.cleaned_data["contact"])


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Enter the code we sent you"),
        help_text=_("It has 6 numbers and works for 15 minutes."),
        max_length=12,
        error_messages={"required": _("Enter the code we sent you")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class PlanForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for section in PLAN_SECTIONS:
            self.fields[section.key] = forms.CharField(
                label=section.label, help_text=section.hint, required=False, max_length=2000, widget=forms.Textarea
            )


def number_message_now(low: int, high: int) -> str:
    return gettext("Select a number between %(low)s and %(high)s") % {"low": low, "high": high}


# Worded when the error is shown, in that request's language
number_message = lazy(number_message_now, str)


def scale(label: StrOrPromise, low: int, high: int, hint: StrOrPromise) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=hint,
        choices=[(str(number), str(number)) for number in range(low, high + 1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": number_message(low, high)},
    )


class CheckInForm(forms.Form):
    craving = scale(
        _("How strong have your cravings been since your last check-in?"), 0, 10, _("0 is none, 10 is strongest")
    )
    mood = forms.TypedChoiceField(
        label=_("How has your mood been?"),
        choices=[(str(key), label) for key, label in MOOD_WORDS.items()],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how your mood has been")},
    )
    used = forms.ChoiceField(
        label=_("Have you used since your last check-in?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if you have used since your last check-in")},
    )
    amount = forms.CharField(label=_("If you have used and want to, say how much"), required=False, max_length=100)
    bladder = forms.MultipleChoiceField(
        label=_("Have you had any of these?"),
        help_text=_("Select all that apply, or none."),
        choices=[(link_id, BLADDER_LABELS[link_id]) for link_id in BLADDER_LINK_IDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sleep = forms.TypedChoiceField(
        label=_("How have you been sleeping?"),
        choices=[(str(key), label) for key, label in SLEEP_WORDS.items()],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how you have been sleeping")},
    )
    confidence = scale(
        _("How confident do you feel about staying on track?"), 0, 10, _("0 is not at all, 10 is completely")
    )
    thoughts = forms.ChoiceField(
        label=_("Have you had thoughts of ending your life or of harming yourself since your last check-in?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if you have had thoughts of ending your life or harming yourself")},
    )
    note = forms.CharField(label=_("Anything else you want to note? (optional)"), required=False, max_length=500,
                           widget=forms.Textarea)  # fmt: skip

    def answers(self) -> CheckInAnswers:
        data = self.cleaned_data
        has_used = data["used"] == "yes"
        return CheckInAnswers(
            craving=data["craving"],
            mood=data["mood"],
            has_used=has_used,
            amount=data["amount"].strip() if has_used else "",
            bladder_symptoms=tuple(link_id for link_id in BLADDER_LINK_IDS if link_id in data["bladder"]),
            sleep=data["sleep"],
            confidence=data["confidence"],
            has_thoughts_of_ending_life=data["thoughts"] == "yes",
            note=data["note"].strip(),
        )


class SharingForm(forms.Form):
    shares = forms.ChoiceField(
        label=_("Can your care team see your check-ins and be alerted when you ask for help?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if your care team can see your check-ins")},
    )


class InviteForm(forms.Form):
    contact = forms.CharField(
        label=_("Their mobile number or email address"),
        max_length=254,
        error_messages={"required": CONTACT_MESSAGE},
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    rhythm = forms.ChoiceField(
        label=_("How often will they check in?"),
        choices=RhythmChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how often they will check in")},
    )
    shares = forms.ChoiceField(
        label=_("Have they agreed to share their check-ins with the care team?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if they agreed to share their check-ins")},
    )
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int, choices=())

    def __init__(self, *args: Any, organisations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101
        field.choices = [(str(pk), name) for pk, name in organisations]
        if len(organisations) == 1 and not self.initial.get("organisation"):
            field.initial = str(organisations[0][0])

    def clean_contact(self) -> tuple[ContactChannel, str]:
        return channel_and_contact(self.cleaned_data["contact"])


def time_field(label: StrOrPromise, hint: StrOrPromise) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        help_text=hint,
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Enter a time like 18:30")},
    )


class RemindersForm(forms.Form):
    remind_at = time_field(_("Remind me at (leave empty for no reminders)"), _("For example, 18:30"))
    wording = forms.CharField(
        label=_("What the reminder says"),
        help_text=_("Anyone who sees your phone may read it, so keep it neutral."),
        required=False,
        max_length=100,
    )
    quiet_from = time_field(_("Quiet hours start (optional)"), _("No reminders between these times, for example 22:00"))
    quiet_until = time_field(_("Quiet hours end (optional)"), _("For example, 07:00"))

    def clean_wording(self) -> str:
        wording = str(self.cleaned_data["wording"]).strip()
        if any(word in wording.lower() for word in REVEALING_WORDS):
            raise ValidationError(_("To keep your reminders private, leave out words that say what they are about"))
        return wording


class PhraseForm(forms.Form):
    phrase = forms.CharField(
        label=_("Your recovery phrase"),
        help_text=_("Six groups of letters and numbers, like ABCDE-23456-…. Capitals and dashes do not matter."),
        max_length=80,
        error_messages={"required": _("Enter your recovery phrase")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )
