"""The search form (a GET form, so results can be bookmarked and work without JavaScript), the API's parameters
and the correction form. Forms only validate; views turn their data into a SearchRequest.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_stubs_ext import StrOrPromise

from waypost.core.email_addresses import check_public_email
from waypost.core.regions import current_region
from waypost.directory.geography import MAXIMUM_RADIUS_KM, Point, miles_to_km
from waypost.directory.models import Correction
from waypost.directory.rules import Filters
from waypost.directory.search import DEFAULT_PAGE_SIZE, MAXIMUM_PAGE_SIZE, SearchRequest
from waypost.directory.taxonomy import (
    AGE_GROUPS,
    CARE_TYPES,
    LANGUAGES,
    PAYMENT_FILTERS_LEFT_OUT,
    PAYMENT_OPTIONS,
    TELEHEALTH,
    Vocabulary,
    payment_options_for,
)

RADIUS_MILES = (1, 3, 5, 10, 25, 50, 100)
DEFAULT_RADIUS_MILES = 10
DEFAULT_RADIUS_KM = 25.0
MAXIMUM_API_RADIUS_KM = 200.0
MAXIMUM_PAGE = 1_000
CORRECTION_DETAILS_LENGTH = 1_000
CONTACT_MESSAGE = _("Enter an email address in the correct format, like name@example.com, or a phone number")


def choices_of(vocabulary: Vocabulary, *, leave_out: Sequence[str] = ()) -> list[tuple[str, StrOrPromise]]:
    """Labels worded when the form is shown, in the language of that page (taxonomy.py marks them)."""
    return [(term.code, _(term.label)) for term in vocabulary.terms if term.code not in leave_out]


def within_miles_words(miles: int) -> str:
    return ngettext("Within %(miles)d mile", "Within %(miles)d miles", miles) % {"miles": miles}


# Worded when the form is shown: formatting a lazy string at import would fix the language of the first request
within_miles = lazy(within_miles_words, str)


def filters_from(data: dict[str, Any]) -> Filters:
    return Filters(
        care_types=CARE_TYPES.mask_of(data.get("care_type") or ()),
        payment_options=PAYMENT_OPTIONS.mask_of(data.get("payment") or ()),
        age_groups=AGE_GROUPS.mask_of(as_list(data.get("age_group"))),
        languages=LANGUAGES.mask_of(as_list(data.get("language"))),
        accepting_only=bool(data.get("accepting")),
        telehealth_only=bool(data.get("telehealth")),
    )


def as_list(value: Any) -> list[str]:
    if not value:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


class ChoicesSharedOnCopy(forms.ChoiceField):
    """A choice field whose copy for each form shares its choices instead of deep-copying them.

    Django deep-copies every field for every form instance; for the search form's five choice fields that copy (and
    the widget's re-normalised choices) was most of the 1.6 ms a form took to build on every /services/ request
    (docs/adr/0041). Choices are only ever replaced (as the region's payment choices are), never changed in place,
    so sharing them is safe; the field's widget, attributes, messages and validators are still copied.
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> ChoicesSharedOnCopy:
        result = copy.copy(self)
        memo[id(self)] = result
        widget = copy.copy(self.widget)
        widget.attrs = self.widget.attrs.copy()
        memo[id(self.widget)] = widget
        result.widget = widget
        result.error_messages = self.error_messages.copy()
        result.validators = self.validators[:]
        return result


class SharedChoiceField(ChoicesSharedOnCopy):
    pass


class SharedTypedChoiceField(ChoicesSharedOnCopy, forms.TypedChoiceField):
    pass


class SharedMultipleChoiceField(ChoicesSharedOnCopy, forms.MultipleChoiceField):
    pass


class SearchForm(forms.Form):
    where = forms.CharField(
        label=_("Postcode, ZIP code, or latitude and longitude"),
        help_text=_("For example SW1A 1AA, M1, 10001, or 51.5, -0.12"),
        max_length=60,
        error_messages={
            "required": _("Enter a postcode, ZIP code, or latitude and longitude"),
            "max_length": _("Enter a postcode, ZIP code, or latitude and longitude of 60 characters or fewer"),
        },
    )
    radius = SharedTypedChoiceField(
        label=_("Distance"),
        choices=[(miles, within_miles(miles)) for miles in RADIUS_MILES],
        coerce=int,
        required=False,
        initial=DEFAULT_RADIUS_MILES,
        error_messages={"invalid_choice": _("Select a distance from the list")},
    )
    care_type = SharedMultipleChoiceField(
        label=_("Type of care"),
        choices=choices_of(CARE_TYPES, leave_out=[TELEHEALTH]),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select types of care from the list")},
    )
    payment = SharedMultipleChoiceField(
        label=_("Payment"),
        choices=choices_of(PAYMENT_OPTIONS),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select ways to pay from the list")},
    )
    age_group = SharedChoiceField(
        label=_("Age"),
        choices=[("", _("Any age")), *choices_of(AGE_GROUPS)],
        required=False,
        error_messages={"invalid_choice": _("Select an age group from the list")},
    )
    language = SharedChoiceField(
        label=_("Language"),
        choices=[("", _("Any language")), *choices_of(LANGUAGES)],
        required=False,
        error_messages={"invalid_choice": _("Select a language from the list")},
    )
    accepting = forms.BooleanField(label=_("Only services taking new clients"), required=False)
    telehealth = forms.BooleanField(label=_("Only services that offer telehealth (phone or video)"), required=False)
    page = forms.IntegerField(min_value=1, max_value=MAXIMUM_PAGE, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region = current_region().value
        payment = cast(forms.MultipleChoiceField, self.fields["payment"])
        payment.choices = choices_of(payment_options_for(region), leave_out=PAYMENT_FILTERS_LEFT_OUT[region])

    def search_request(self, centre: Point) -> SearchRequest:
        data = self.cleaned_data
        return SearchRequest(
            centre=centre,
            radius_km=miles_to_km(data["radius"] or DEFAULT_RADIUS_MILES),
            filters=filters_from(data),
            page=data["page"] or 1,
        )


class CodeListField(forms.MultipleChoiceField):
    """Codes given as repeated parameters, comma-separated, or both: ?care_type=a,b&care_type=c."""

    def to_python(self, value: Any) -> list[str]:
        codes = super().to_python(value)
        return [code.strip() for joined in codes for code in joined.split(",") if code.strip()]


class FlagField(forms.TypedChoiceField):
    def __init__(self) -> None:
        super().__init__(
            choices=[("true", "true"), ("false", "false")],
            coerce=lambda value: value == "true",
            required=False,
            error_messages={"invalid_choice": "Use true or false"},
        )


def code_list(vocabulary: Vocabulary) -> CodeListField:
    return CodeListField(
        choices=choices_of(vocabulary),
        required=False,
        error_messages={"invalid_choice": f"Unknown code %(value)s; use one of: {', '.join(vocabulary.codes())}"},
    )


class ApiSearchForm(forms.Form):
    lat = forms.FloatField(min_value=-90, max_value=90, error_messages={"required": "Give a latitude"})
    lon = forms.FloatField(min_value=-180, max_value=180, error_messages={"required": "Give a longitude"})
    radius_km = forms.FloatField(min_value=0.1, max_value=MAXIMUM_API_RADIUS_KM, required=False)
    care_type = code_list(CARE_TYPES)
    payment = code_list(PAYMENT_OPTIONS)
    age_group = code_list(AGE_GROUPS)
    language = code_list(LANGUAGES)
    accepting = FlagField()
    telehealth = FlagField()
    page = forms.IntegerField(min_value=1, max_value=MAXIMUM_PAGE, required=False)
    page_size = forms.IntegerField(min_value=1, max_value=MAXIMUM_PAGE_SIZE, required=False)

    def search_request(self) -> SearchRequest:
        data = self.cleaned_data
        return SearchRequest(
            centre=Point(data["lat"], data["lon"]),
            radius_km=min(data["radius_km"] or DEFAULT_RADIUS_KM, MAXIMUM_RADIUS_KM),
            filters=filters_from(data),
            page=data["page"] or 1,
            page_size=data["page_size"] or DEFAULT_PAGE_SIZE,
        )


class CorrectionForm(forms.Form):
    problem = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=[(value, _(label)) for value, label in Correction.Problem.choices],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what is wrong"), "invalid_choice": _("Select what is wrong")},
    )
    details = forms.CharField(
        label=_("Tell us what is wrong, and what is right if you know"),
        help_text=_("Please do not include anything about your health or anyone else's."),
        max_length=CORRECTION_DETAILS_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "required": _("Tell us what is wrong"),
            # The number is written out so the sentence translates whole; CORRECTION_DETAILS_LENGTH is 1,000
            "max_length": _("Tell us what is wrong in 1,000 characters or fewer"),
        },
    )
    contact = forms.CharField(
        label=_("Your email address or phone number (optional)"),
        help_text=_(
            "Leave this empty to stay anonymous. If you fill it in, we keep it with your report so that the person "
            "who checks it can ask you a question, and we use it for nothing else."
        ),
        max_length=254,
        required=False,
        error_messages={"max_length": _("Enter an email address or phone number of 254 characters or fewer")},
    )
    # A field people never see: software that fills in every field gives itself away
    homepage = forms.CharField(required=False, label=_("Leave this empty"))

    def clean_contact(self) -> str:
        contact: str = self.cleaned_data["contact"].strip()
        if "@" in contact:
            check_public_email(contact, message=str(CONTACT_MESSAGE))
        return contact

    def is_from_a_robot(self) -> bool:
        return bool(self.cleaned_data.get("homepage"))
