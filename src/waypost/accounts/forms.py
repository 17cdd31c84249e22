"""Sign-in forms. They only check what was typed; the views ask the services whether it is right."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from waypost.accounts.two_factor import is_app_code, is_recovery_code, normalise_code

PASSWORD_MAX_LENGTH = 4096


class SecretField(forms.CharField):
    """A password: never written back into the page after a failed attempt."""

    def bound_data(self, data: Any, initial: Any) -> Any:
        return ""


class SignInForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}),
        error_messages={
            "required": _("Enter your username"),
            "max_length": _("Username must be 150 characters or fewer"),
        },
    )
    password = SecretField(
        label=_("Password"),
        max_length=PASSWORD_MAX_LENGTH,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password"), "max_length": _("Enter a correct username and password")},
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Enter the code from your authenticator app"),
        help_text=_("It is 6 digits. If you do not have your phone, enter one of your recovery codes instead."),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "none"}
        ),
        error_messages={"required": _("Enter the code from your authenticator app")},
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not (is_app_code(code) or is_recovery_code(code)):
            raise forms.ValidationError(_("Enter the 6-digit code from your app, or a recovery code"))
        return code


class SetupCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Enter the 6-digit code the app shows"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"required": _("Enter the 6-digit code from your authenticator app")},
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not is_app_code(code):
            raise forms.ValidationError(_("The code must be 6 digits"))
        return code


class ConsoleLanguageForm(forms.Form):
    # Each language is named in itself, so someone who cannot read the current one still finds their own (H-097)
    language = forms.ChoiceField(
        label=_("Language of your staff console"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the language of your staff console"),
            "invalid_choice": _("Select English or Español"),
        },
    )
