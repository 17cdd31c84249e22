from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext

from waypost.instruments.terminology import (
    MORE_THAN_HALF_THE_DAYS,
    NEARLY_EVERY_DAY,
    NO,
    NOT_AT_ALL,
    SEVERAL_DAYS,
    YES,
)
from waypost.selfcheck.journey import JOURNEY, WHO, Step
from waypost.selfcheck.presenters import label_of

FREQUENCY_CODES = frozenset({NOT_AT_ALL, SEVERAL_DAYS, MORE_THAN_HALF_THE_DAYS, NEARLY_EVERY_DAY})


def required_message(step: Step) -> str:
    codes = {option.code for option in step.options}
    if step.questionnaire_id == JOURNEY and step.link_id == WHO:
        return gettext("Select who this check is about")
    if codes == {YES, NO}:
        return gettext("Select yes or no")
    if codes <= FREQUENCY_CODES:
        return gettext("Select how often you have been bothered by this")
    return gettext("Select an answer")


class StepForm(forms.Form):
    answer = forms.ChoiceField(widget=forms.RadioSelect)

    def __init__(self, step: Step, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["answer"])
        field.choices = [(option.code, label_of(step, option)) for option in step.options]
        message = required_message(step)
        field.error_messages = {"required": message, "invalid_choice": message}
