"""Each page of the contact journey: its form, and how its answer reads on the check-answers page."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from waypost.intake import forms as page_forms
from waypost.intake import journey
from waypost.intake.choices import BestTime, ContactMethod, ForWhom, PersonKnows, Relationship, choice_label


@dataclass(frozen=True)
class Page:
    slug: str
    form_class: type[forms.Form]
    summary_labels: Mapping[str, StrOrPromise]  # each answer's label on check answers, by field; the honeypot has none
    heading: StrOrPromise = ""  # the page's h1 when its first field cannot be one (a single checkbox)
    # What the form needs from earlier answers; a page with options is checked again when those answers change
    form_options: Callable[[Mapping[str, Any]], dict[str, Any]] | None = field(default=None)


def phone_options(answers: Mapping[str, Any]) -> dict[str, Any]:
    return {"is_for_texts": ContactMethod.TEXT in (answers.get("contact_methods") or [])}


PAGES = {
    page.slug: page
    for page in (
        Page(journey.WHO, page_forms.ForWhomForm, {"for_whom": _("Help for")}),
        Page(journey.RELATIONSHIP, page_forms.RelationshipForm, {"relationship": _("How you know them")}),
        Page(journey.PERSON_KNOWS, page_forms.PersonKnowsForm, {"person_knows": _("They know you are contacting us")}),
        Page(journey.HOW, page_forms.HowForm, {"contact_methods": _("How to contact you")}),
        Page(journey.PHONE, page_forms.PhoneForm, {"phone": _("Phone number")}, form_options=phone_options),
        Page(journey.EMAIL, page_forms.EmailForm, {"email": _("Email address")}),
        Page(
            journey.TIMES,
            page_forms.TimesForm,
            {"best_times": _("Best times"), "safe_contact_notes": _("Notes on contacting you")},
        ),
        Page(journey.VOICEMAIL, page_forms.VoicemailForm, {"voicemail_ok": _("Voicemail or say who we are")}),
        Page(journey.TEXTING, page_forms.TextingForm, {"safe_to_text": _("Safe to text")}),
        Page(journey.NAME, page_forms.NameForm, {"name": _("Name to use")}),
        Page(journey.AREA, page_forms.AreaForm, {"region": _("Where you live")}),
        Page(journey.HELP, page_forms.HelpForm, {"help_with": _("What you would like help with")}),
        Page(
            journey.SELFCHECK,
            page_forms.SelfcheckForm,
            {"attach_selfcheck": _("Self-check summary")},
            heading=_("Do you want to send your self-check results?"),
        ),
        Page(journey.CONSENT, page_forms.ConsentForm, {"consent": _("How we use your information")}),
    )
}

# The answers each page's form asks for, by page (the honeypot included, so it is dropped with its page)
FIELDS_BY_PAGE = {slug: tuple(page.form_class.base_fields) for slug, page in PAGES.items()}

LABELS: dict[str, dict[str, str]] = {
    "for_whom": dict(ForWhom.choices),
    "relationship": dict(Relationship.choices),
    "person_knows": dict(PersonKnows.choices),
    "contact_methods": dict(ContactMethod.choices),
    "best_times": dict(BestTime.choices),
}


# How a ticked box reads on check answers, by field; any other true answer is "Yes"
TRUE_ANSWERS = {"attach_selfcheck": _("Attached"), "consent": _("Agreed")}


def readable(name: str, value: Any) -> str:
    if value in (None, "", []):
        return gettext("Not provided")
    if isinstance(value, bool):
        return str(TRUE_ANSWERS.get(name, _("Yes"))) if value else gettext("No")
    if isinstance(value, list):
        return ", ".join(label_of(name, item) for item in value)
    return label_of(name, value)


def label_of(name: str, value: Any) -> str:
    """A chosen option's label in the page's language; a typed answer (a name, a number) exactly as given."""
    labels = LABELS.get(name, {})
    return str(choice_label(value, labels[value])) if value in labels else str(value)


def build_form(slug: str, answers: Mapping[str, Any], data: Mapping[str, Any] | None = None) -> forms.Form:
    """The page's form, filled in with the answers so far and bound to `data` when there is any."""
    form_class = PAGES[slug].form_class
    initial = page_forms.from_draft_values(form_class, dict(answers))
    return form_class(data, initial=initial, **form_options(slug, answers))


def form_options(slug: str, answers: Mapping[str, Any]) -> dict[str, Any]:
    """What the page's form needs from earlier answers (a phone page for texts, say); nothing for most pages."""
    options = PAGES[slug].form_options
    return options(answers) if options else {}


@dataclass(frozen=True)
class ShownAnswers:
    """What an unanswered page shows of the draft: the options ticked (which key a remembered page) and the text
    typed (which never does: each copy of the page gets it in a slot; ADR 0053)."""

    vary: tuple[str, ...]
    typed: dict[str, str]


def shown_answers(slug: str, answers: Mapping[str, Any]) -> ShownAnswers | None:
    """What the page shows of the answers when nothing was posted; None when a field is neither a choice nor plain
    text, so the page is rendered in full. Read off the form's fields, without building the form."""
    form_class = PAGES[slug].form_class
    initial = page_forms.from_draft_values(form_class, dict(answers))
    vary, typed = [], {}
    for name, form_field in form_class.base_fields.items():
        value = initial.get(name, form_field.initial)
        if isinstance(form_field, forms.ChoiceField | forms.BooleanField):
            vary.append(repr(value))
        elif type(form_field) is forms.CharField and isinstance(value, str | None):
            # Whether there is text changes the markup (an empty value); the text itself only fills the slot
            vary.append("typed" if value else "")
            if value:
                typed[name] = value
        else:
            return None
    return ShownAnswers(tuple(vary), typed)


def stored_answer(slug: str, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The page's answer as the form would have been posted, to check it again."""
    return page_forms.from_draft_values(PAGES[slug].form_class, dict(answers))


def pages_to_ask_again(visited: list[str], answers: Mapping[str, Any]) -> set[str]:
    """Answered pages whose answer a later change made wrong, e.g. a landline once texts were chosen."""
    rechecked = [slug for slug in visited if slug in PAGES and PAGES[slug].form_options]
    return {slug for slug in rechecked if not build_form(slug, answers, stored_answer(slug, answers)).is_valid()}
