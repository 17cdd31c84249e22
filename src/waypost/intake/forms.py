"""One form per page of the contact journey. Forms only check; the answers go to a draft, then a service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from waypost.core.regions import current_region
from waypost.intake.choices import (
    BestTime,
    ContactMethod,
    ForWhom,
    PersonKnows,
    Relationship,
    translated_choices,
)
from waypost.intake.details import (
    COUNTRY_CODES,
    HELP_WITH_MAX_LENGTH,
    MESSAGES,
    NAME_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    REGION_MAX_LENGTH,
    TEXT_LABELS,
    clean_email,
    clean_phone,
    phone_message,
    too_long_message,
)

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
# The message for a too-long answer, worded when a form shows it, in the language of that page
lazy_too_long_message = lazy(too_long_message, str)


def radios(
    label: StrOrPromise, choices: Any, required_message: StrOrPromise, help_text: StrOrPromise = ""
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=help_text,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


def checkboxes(
    label: StrOrPromise, choices: Any, required_message: StrOrPromise, help_text: StrOrPromise = ""
) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        help_text=help_text,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


def optional_text(
    label: StrOrPromise, maximum: int, *, noun: StrOrPromise, help_text: StrOrPromise = "", is_long: bool = False
) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=maximum,
        widget=forms.Textarea(attrs={"rows": 5, "data-maxlength": maximum}) if is_long else forms.TextInput,
        error_messages={"max_length": lazy_too_long_message(noun, maximum)},
    )


class ForWhomForm(forms.Form):
    for_whom = radios(_("Who would you like help for?"), translated_choices(ForWhom.choices), MESSAGES["for_whom"])


class RelationshipForm(forms.Form):
    relationship = radios(
        _("How do you know them?"), translated_choices(Relationship.choices), MESSAGES["relationship"]
    )


class PersonKnowsForm(forms.Form):
    person_knows = radios(
        _("Do they know you are contacting us?"), translated_choices(PersonKnows.choices), MESSAGES["person_knows"]
    )


class HowForm(forms.Form):
    contact_methods = checkboxes(
        _("How would you like us to contact you?"),
        translated_choices(ContactMethod.choices),
        MESSAGES["contact_methods"],
        help_text=_("Select all that apply."),
    )


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label=_("What number should we use?"),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def __init__(self, *args: Any, is_for_texts: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.is_for_texts = is_for_texts
        region = current_region().value
        self.fields["phone"].error_messages["required"] = phone_message(region)
        country_code = COUNTRY_CODES[region]
        self.fields["phone"].help_text = gettext(
            "For international numbers include the country code, like %(country_code)s."
        ) % {"country_code": country_code}

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"], is_for_texts=self.is_for_texts)


class EmailForm(forms.Form):
    email = forms.CharField(
        label=_("What email address should we use?"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"required": MESSAGES["email"]},
    )

    def clean_email(self) -> str:
        return clean_email(self.cleaned_data["email"])


class TimesForm(forms.Form):
    best_times = checkboxes(
        _("When is it best to contact you?"),
        translated_choices(BestTime.choices),
        MESSAGES["best_times"],
        help_text=_("Select all that apply. We will try to contact you at these times."),
    )
    safe_contact_notes = optional_text(
        _("Anything else we should know to contact you safely? (optional)"),
        NOTES_MAX_LENGTH,
        noun=TEXT_LABELS["safe_contact_notes"],
        help_text=_("For example, times to avoid, or what to say if someone else answers."),
        is_long=True,
    )


class VoicemailForm(forms.Form):
    voicemail_ok = radios(
        _("Can we leave a voicemail, or say who we are if someone else answers?"),
        YES_NO,
        MESSAGES["voicemail_ok"],
        help_text=_("If you say no, we will not leave a message or say why we called."),
    )


class TextingForm(forms.Form):
    safe_to_text = radios(
        _("Is it safe to send you a text message?"),
        YES_NO,
        MESSAGES["safe_to_text"],
        help_text=_("For example, to arrange a call. Our texts never mention drugs."),
    )


class NameForm(forms.Form):
    name = optional_text(
        _("What name should we use? (optional)"),
        NAME_MAX_LENGTH,
        noun=TEXT_LABELS["name"],
        help_text=_("A first name is fine. It does not have to be your real name."),
    )


class AreaForm(forms.Form):
    region = optional_text(
        _("Where do you live? (optional)"),
        REGION_MAX_LENGTH,
        noun=TEXT_LABELS["region"],
        help_text=_("A town, area or the first part of your postcode, so we can suggest services near you."),
    )


class HelpForm(forms.Form):
    help_with = optional_text(
        _("What would you like help with? (optional)"),
        HELP_WITH_MAX_LENGTH,
        noun=TEXT_LABELS["help_with"],
        help_text=_("Tell us as much or as little as you like. A person will read it when they pick up your request."),
        is_long=True,
    )


class SelfcheckForm(forms.Form):
    attach_selfcheck = forms.BooleanField(
        label=_("Send a summary of my self-check results with my request"),
        required=False,
        help_text=_("The summary lists which checks you did and the results. It does not include your answers."),
    )


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label=_("I understand how my information will be used"),
        error_messages={"required": MESSAGES["consent"]},
    )
    website = forms.CharField(required=False, label=_("Leave this empty"))  # a honeypot: people never see it


def to_draft_values(form: forms.Form) -> dict[str, Any]:
    """Radio yes/no answers become booleans, as the API takes them."""
    values = dict(form.cleaned_data)
    for name in ("voicemail_ok", "safe_to_text"):
        if name in values:
            values[name] = values[name] == "yes"
    return values


def from_draft_values(form_class: type[forms.Form], draft: dict[str, Any]) -> dict[str, Any]:
    initial = {name: draft[name] for name in form_class.base_fields if name in draft}
    for name in ("voicemail_ok", "safe_to_text"):
        if isinstance(initial.get(name), bool):
            initial[name] = "yes" if initial[name] else "no"
    return initial
