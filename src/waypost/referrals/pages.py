"""Each page of the contact journey: its form, and how its answer reads on the check-answers page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms

from waypost.referrals import forms as page_forms
from waypost.referrals import journey
from waypost.referrals.choices import BestTime, ContactMethod, ForWhom, PersonKnows, Relationship


@dataclass(frozen=True)
class Page:
    slug: str
    form_class: type[forms.Form]
    summary_label: str


PAGES = {
    page.slug: page
    for page in (
        Page(journey.WHO, page_forms.ForWhomForm, "Help for"),
        Page(journey.RELATIONSHIP, page_forms.RelationshipForm, "How you know them"),
        Page(journey.PERSON_KNOWS, page_forms.PersonKnowsForm, "They know you are contacting us"),
        Page(journey.HOW, page_forms.HowForm, "How to contact you"),
        Page(journey.PHONE, page_forms.PhoneForm, "Phone number"),
        Page(journey.EMAIL, page_forms.EmailForm, "Email address"),
        Page(journey.TIMES, page_forms.TimesForm, "Best times"),
        Page(journey.VOICEMAIL, page_forms.VoicemailForm, "Voicemail or say who we are"),
        Page(journey.TEXTING, page_forms.TextingForm, "Safe to text"),
        Page(journey.NAME, page_forms.NameForm, "Name to use"),
        Page(journey.AREA, page_forms.AreaForm, "Where you live"),
        Page(journey.HELP, page_forms.HelpForm, "What you would like help with"),
        Page(journey.SELFCHECK, page_forms.SelfcheckForm, "Self-check summary"),
        Page(journey.CONSENT, page_forms.ConsentForm, "How we use your information"),
    )
}

LABELS: dict[str, dict[str, str]] = {
    "for_whom": dict(ForWhom.choices),
    "relationship": dict(Relationship.choices),
    "person_knows": dict(PersonKnows.choices),
    "contact_methods": dict(ContactMethod.choices),
    "best_times": dict(BestTime.choices),
}


def readable(name: str, value: Any) -> str:
    if value in (None, "", []):
        return "Not provided"
    if isinstance(value, bool):
        return {"attach_selfcheck": "Attached", "consent": "Agreed"}.get(name, "Yes") if value else "No"
    if isinstance(value, list):
        return ", ".join(LABELS.get(name, {}).get(item, str(item)) for item in value)
    return LABELS.get(name, {}).get(value, str(value))
