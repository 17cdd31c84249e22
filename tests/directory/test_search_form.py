"""The search form's fields share their choices between forms, yet each form's fields are its own."""

from __future__ import annotations

import copy

from django import forms

from waypost.directory.forms import ChoicesSharedOnCopy, SearchForm

CHOICE_FIELDS = ["radius", "care_type", "payment", "age_group", "language"]


def test_every_choice_field_of_the_search_form_shares_its_choices() -> None:
    shared = [name for name, field in SearchForm.base_fields.items() if isinstance(field, ChoicesSharedOnCopy)]

    assert shared == CHOICE_FIELDS


def test_a_copied_field_has_the_same_choices_and_its_own_widget_messages_and_validators() -> None:
    for name in CHOICE_FIELDS:
        field = SearchForm.base_fields[name]
        ours = copy.deepcopy(field)

        assert type(ours) is type(field)
        assert list(ours.choices) == list(field.choices)  # type: ignore[attr-defined]
        assert list(ours.widget.choices) == list(field.widget.choices)
        assert ours.widget is not field.widget
        assert ours.widget.attrs == field.widget.attrs
        assert ours.widget.attrs is not field.widget.attrs
        assert ours.error_messages == field.error_messages
        assert ours.error_messages is not field.error_messages
        assert ours.validators == field.validators
        assert ours.validators is not field.validators


def test_changing_one_forms_choices_or_attributes_leaves_other_forms_alone() -> None:
    before = list(SearchForm.base_fields["payment"].choices)  # type: ignore[attr-defined]
    first = SearchForm()
    payment = first.fields["payment"]
    assert isinstance(payment, forms.MultipleChoiceField)

    payment.choices = [("only", "Only this form")]
    payment.widget.attrs["class"] = "changed"
    second = SearchForm()

    assert list(second.fields["payment"].choices) != [("only", "Only this form")]  # type: ignore[attr-defined]
    assert "class" not in second.fields["payment"].widget.attrs
    assert list(SearchForm.base_fields["payment"].choices) == before  # type: ignore[attr-defined]
    assert second.fields["payment"].widget is not payment.widget
