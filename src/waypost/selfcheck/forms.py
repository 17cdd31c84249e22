from __future__ import annotations

from typing import Any, cast

from django import forms

from waypost.instruments.terminology import NO, YES
from waypost.selfcheck.journey import JOURNEY, WHO, Step

FREQUENCY_CODES = frozenset({"LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"})


def required_message(step: Step) -> str:
    codes = {option.code for option in step.options}
    if step.questionnaire_id == JOURNEY and step.link_id == WHO:
        return "Select who this check is about"
    if codes == {YES, NO}:
        return "Select yes or no"
    if codes <= FREQUENCY_CODES:
        return "Select how often you have been bothered by this"
    return "Select an answer"


class StepForm(forms.Form):
    answer = forms.ChoiceField(widget=forms.RadioSelect)

    def __init__(self, step: Step, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["answer"]
        field = cast(forms.ChoiceField, field)
        field.choices = [(option.code, option.label) for option in step.options]
        field.error_messages = {
            "required": required_message(step),
            "invalid_choice": required_message(step),
        }
