"""Fields written in Python are byte for byte what the field templates make, on every question and contact page.

The "before" is rendered in the test run itself from the templates (core/includes/radios.html, field.html and
error_summary.html, which staff pages still use), for each page's own form: empty, answered, and with errors.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django import forms
from django.template.loader import render_to_string
from django.test import Client
from django.test.client import RequestFactory
from django.test.utils import ContextList

from tests.intake.walker import DEFAULT_ANSWERS, PAGE_PREFIX, fill_in
from tests.selfcheck.walker import QUESTION_PREFIX, walk
from waypost.core import remembered_pages
from waypost.core.form_markup import error_summary, field_markup, radios
from waypost.instruments.terminology import YES

# A second self-check path, so the questions behind the gates are visited too
MORE_QUESTIONS = {"journey.bladder-gate": YES, "ketamine-use-signs.cravings": YES}
HONEYPOT = "website"


@pytest.fixture(autouse=True)
def pages_rendered_by_their_views() -> Iterator[None]:
    """These tests read each page's form from its render, which a copy from memory does not have (ADR 0053)."""
    with remembered_pages.rendering_afresh():
        yield


def context_value(response: object, name: str) -> object:
    context = getattr(response, "context")  # noqa: B009 -- set by the test client
    return context[name] if isinstance(context, ContextList | dict) else None


def form_of(response: object) -> forms.Form:
    form = context_value(response, "form")
    assert isinstance(form, forms.Form)
    return form


def question_responses(client: Client, slugs: list[str]) -> Iterator[tuple[str, object]]:
    for slug in slugs:
        url = QUESTION_PREFIX + slug
        yield url, client.get(url)
        yield url + "?change=1", client.get(url + "?change=1")
        yield url + " (no answer)", client.post(url, {})


def contact_responses(client: Client, slugs: list[str]) -> Iterator[tuple[str, object]]:
    for slug in slugs:
        url = PAGE_PREFIX + slug
        yield url, client.get(url)
        yield url + " (no answer)", client.post(url, {})
        yield url + " (too long)", client.post(url, dict.fromkeys(DEFAULT_ANSWERS[slug], "x" * 3000))


def assert_same_error_summary(label: str, response: object, html: str) -> None:
    form = form_of(response)
    before = render_to_string("core/includes/error_summary.html", {"form": form})
    assert str(error_summary(form)) == before, label
    assert before in html, label


def test_every_question_page_has_the_templates_radios_byte_for_byte(member_of_the_public: Client) -> None:
    paths = [(member_of_the_public, walk(member_of_the_public))]
    other = Client()
    paths.append((other, walk(other, MORE_QUESTIONS)))
    seen = 0
    for client, slugs in paths:
        for label, response in question_responses(client, slugs):
            html = getattr(response, "content").decode()  # noqa: B009
            step = context_value(response, "step")
            form = form_of(response)
            field = form["answer"]
            legend, hint = getattr(step, "question"), getattr(step, "hint")  # noqa: B009
            before = render_to_string("core/includes/radios.html", {"field": field, "legend": legend, "hint": hint})
            assert str(radios(field, legend, hint)) == before, label
            assert before in html, label
            assert_same_error_summary(label, response, html)
            seen += 1
    assert seen >= 3 * 23


@pytest.mark.django_db
def test_every_contact_page_has_the_templates_fields_byte_for_byte() -> None:
    paths = []
    for answers in ({}, {"who": {"for_whom": "someone-else"}}):
        client = Client()
        paths.append((client, fill_in(client, answers)))
    seen = 0
    for client, slugs in paths:
        for label, response in contact_responses(client, slugs):
            if getattr(response, "status_code") != 200:  # noqa: B009 -- an optional page moved on
                continue
            html = getattr(response, "content").decode()  # noqa: B009
            has_heading = bool(context_value(response, "heading"))
            for index, field in enumerate(form for form in form_of(response) if form.name != HONEYPOT):
                is_heading = not has_heading and index == 0
                before = render_to_string("core/includes/field.html", {"field": field, "is_heading": is_heading})
                assert str(field_markup(field, is_heading=is_heading)) == before, f"{label} {field.name}"
                assert before in html, f"{label} {field.name}"
                seen += 1
            assert_same_error_summary(label, response, html)
    assert seen >= 3 * 20


class EveryWidget(forms.Form):
    """Each kind of field the templates know, with the awkward values: markup in labels, hints and values."""

    choice = forms.ChoiceField(
        label="Pick <one>", help_text="A & B", choices=[("a&b", "A <b>"), ("c", "C")], widget=forms.RadioSelect
    )
    many = forms.MultipleChoiceField(
        label="Pick some", choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple
    )
    agree = forms.BooleanField(label="I agree", help_text="Needed")
    words = forms.CharField(label="Words", max_length=10, widget=forms.Textarea)
    phone = forms.CharField(
        label="Phone", help_text="Any", widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})
    )
    email = forms.EmailField(label="E-mail", widget=forms.EmailInput(attrs={"spellcheck": "false"}))

    def clean(self) -> dict[str, object]:
        raise forms.ValidationError("Something about <the whole form>")


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"choice": "a&b", "many": ["x", "y"], "agree": "on", "words": '"<quoted>" & long', "phone": "<1>"},
        {"choice": "nope", "email": "not an e-mail", "words": "x" * 20},
    ],
)
@pytest.mark.parametrize("is_heading", [False, True])
def test_every_widget_kind_matches_the_template(data: dict[str, object] | None, is_heading: bool) -> None:
    form = EveryWidget(data, initial={"choice": "c"})
    form.is_valid() if data is not None else None

    for field in form:
        before = render_to_string("core/includes/field.html", {"field": field, "is_heading": is_heading})
        assert str(field_markup(field, is_heading=is_heading)) == before, field.name
    before_summary = render_to_string("core/includes/error_summary.html", {"form": form})
    assert str(error_summary(form)) == before_summary


def test_error_summary_of_no_form_is_what_the_template_gives() -> None:
    request = RequestFactory().get("/")
    assert str(error_summary(None)) == render_to_string("core/includes/error_summary.html", {}, request=request)
