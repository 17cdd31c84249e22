"""Assessment forms: they validate only, with the design system's error wording."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from waypost.directory.taxonomy import AGE_GROUPS, LANGUAGES
from waypost.treatment.choices import BenefitsCheck, Dimension, LevelOfCare, Payment, Pregnancy, Rating, Substance
from waypost.treatment.services import AssessmentAnswers

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

TEXT_MAX_LENGTH = 2000
SHORT_MAX_LENGTH = 100
EVIDENCE_TOO_LONG = format_lazy(_("Evidence must be {count} characters or fewer"), count=f"{TEXT_MAX_LENGTH:,}")
YES_NO = [("yes", _("Yes")), ("no", _("No"))]
CHECKED_STATUSES = frozenset({BenefitsCheck.VERIFIED, BenefitsCheck.PARTLY, BenefitsCheck.NOT_COVERED})


def evidence_field(label: StrOrPromise) -> forms.CharField:
    return forms.CharField(
        label=gettext("Evidence for the %(area)s rating") % {"area": str(label).lower()},
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={"max_length": EVIDENCE_TOO_LONG},
    )


def optional_choice(label: StrOrPromise, choices: Any, message: StrOrPromise, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": message},
        **kwargs,
    )


class VersionForm(forms.Form):
    """Carries the version the person saw, so a change made meanwhile is reported, not overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class AssessmentForm(VersionForm):
    other_substances = forms.MultipleChoiceField(
        label=_("What else do they use?"),
        choices=Substance.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select what else they use")},
    )
    visible_blood_in_urine = optional_choice(_("Is there visible blood in their urine?"), YES_NO, _("Select yes or no"))
    pregnancy = optional_choice(
        _("Are they pregnant?"),
        [choice for choice in Pregnancy.choices if choice[0]],
        _("Select whether they are pregnant"),
    )
    age_group = optional_choice(
        _("Age group"), [(term.code, term.label) for term in AGE_GROUPS.terms], _("Select their age group")
    )
    caring_responsibilities = optional_choice(
        _("Do they care for children or anyone else?"), YES_NO, _("Select yes or no")
    )
    language = forms.ChoiceField(
        label=_("Language they prefer"),
        choices=[("", _("Not recorded")), *((term.code, term.label) for term in LANGUAGES.terms)],
        required=False,
        error_messages={"invalid_choice": _("Select a language")},
    )
    payment = optional_choice(_("How will they pay?"), Payment.choices, _("Select how they will pay"))
    insurer = forms.CharField(
        label=_("Insurer"),
        help_text=_("Only if they pay through private insurance"),
        required=False,
        max_length=SHORT_MAX_LENGTH,
        error_messages={
            "max_length": format_lazy(_("The insurer must be {count} characters or fewer"), count=SHORT_MAX_LENGTH)
        },
    )
    member_number = forms.CharField(
        label=_("Member number"),
        help_text=_("Only if they pay through private insurance"),
        required=False,
        max_length=SHORT_MAX_LENGTH,
        error_messages={
            "max_length": format_lazy(
                _("The member number must be {count} characters or fewer"), count=SHORT_MAX_LENGTH
            )
        },
    )
    benefits_check = forms.ChoiceField(
        label=_("Verify benefits"),
        choices=BenefitsCheck.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select where the benefits check stands"),
            "invalid_choice": _("Select where the benefits check stands"),
        },
    )
    benefits_outcome = forms.CharField(
        label=_("What the insurer or funder said"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "max_length": format_lazy(
                _("The outcome must be {count} characters or fewer"), count=f"{TEXT_MAX_LENGTH:,}"
            )
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for dimension in Dimension:
            self.fields[f"{dimension.value}_rating"] = forms.TypedChoiceField(
                label=f"{dimension.label}: rating",
                choices=[(str(value), label) for value, label in Rating.choices],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Select a rating from 0 to 4")},
            )
            self.fields[f"{dimension.value}_evidence"] = evidence_field(dimension.label)

    def dimensions(self) -> list[tuple[StrOrPromise, forms.BoundField, forms.BoundField]]:
        return [
            (dimension.label, self[f"{dimension.value}_rating"], self[f"{dimension.value}_evidence"])
            for dimension in Dimension
        ]

    def details(self) -> list[forms.BoundField]:
        names = ("other_substances", "visible_blood_in_urine", "pregnancy", "age_group", "caring_responsibilities")
        return [self[name] for name in names]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for dimension in Dimension:
            rating = data.get(f"{dimension.value}_rating")
            if rating is not None and rating > 0 and not str(data.get(f"{dimension.value}_evidence", "")).strip():
                area = dimension.label.lower()
                self.add_error(
                    f"{dimension.value}_evidence",
                    gettext("Enter the evidence for the %(area)s rating") % {"area": area},
                )
        if data.get("payment") == Payment.PRIVATE_INSURANCE:
            if not str(data.get("insurer", "")).strip():
                self.add_error("insurer", _("Enter the name of the insurer"))
            if not str(data.get("member_number", "")).strip():
                self.add_error("member_number", _("Enter the member number"))
        if data.get("benefits_check") in CHECKED_STATUSES and not str(data.get("benefits_outcome", "")).strip():
            self.add_error("benefits_outcome", _("Enter what the insurer or funder said"))
        return data

    def answers(self) -> AssessmentAnswers:
        data = self.cleaned_data
        return AssessmentAnswers(
            ratings={dimension.value: data[f"{dimension.value}_rating"] for dimension in Dimension},
            evidence={dimension.value: data[f"{dimension.value}_evidence"] for dimension in Dimension},
            other_substances=tuple(data["other_substances"]),
            visible_blood_in_urine=data["visible_blood_in_urine"],
            pregnancy=data["pregnancy"],
            caring_responsibilities=data["caring_responsibilities"],
            age_group=data["age_group"],
            language=data["language"],
            payment=data["payment"],
            insurer=data["insurer"],
            member_number=data["member_number"],
            benefits_check=data["benefits_check"],
            benefits_outcome=data["benefits_outcome"],
        )


class LevelOfCareForm(VersionForm):
    level = forms.ChoiceField(
        label=_("Level of care"),
        choices=LevelOfCare.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a level of care"), "invalid_choice": _("Select a level of care")},
    )
    reason = forms.CharField(
        label=_("Why a different level?"),
        help_text=_("Needed only if you choose a level other than the suggestion"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "max_length": format_lazy(_("The reason must be {count} characters or fewer"), count=f"{TEXT_MAX_LENGTH:,}")
        },
    )

    def __init__(self, *args: Any, suggested: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suggested = suggested
        field = self.fields["level"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [
                (value, gettext("%(level)s (suggested)") % {"level": label} if value == suggested else label)
                for value, label in LevelOfCare.choices
            ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        level = data.get("level")
        if level and level != self.suggested and not str(data.get("reason", "")).strip():
            self.add_error("reason", _("Enter why you chose a different level of care"))
        return data
