"""The risk summary in plain words: red flags first, then what each check's band means, with the check and date.

One presenter for every place a request's self-check is shown to staff: the queue row, the request page, the team
alert e-mail and the exports. Never the answers, only the flags and bands the person chose to attach.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from waypost.instruments.bands import BANDS_BY_QUESTIONNAIRE
from waypost.instruments.flags import Flag
from waypost.instruments.registry import get_instrument
from waypost.intake.models import ContactRequest

# What the person said, in the words a worker would use on the phone (H-040)
# Each flag's Spanish words were reviewed to name the flag as plainly as the English (H-096)
FLAG_WORDS: Mapping[Flag, str | Promise] = {
    Flag.DANGER_NOW: gettext_lazy("said someone is in danger right now"),
    Flag.ENDING_LIFE_INTENT_OR_PLAN: gettext_lazy("said they intend or plan to end their life"),
    Flag.ENDING_LIFE_RECENT_BEHAVIOUR: gettext_lazy("said they recently did something towards ending their life"),
    Flag.ENDING_LIFE_THOUGHTS: gettext_lazy("said they have thoughts of ending their life"),
    Flag.SELF_HARM_THOUGHTS: gettext_lazy("said they have thoughts of harming themselves"),
    Flag.BLOOD_IN_URINE: gettext_lazy("said they have seen blood in their urine"),
    Flag.URINARY_RETENTION: gettext_lazy("said they cannot pass urine"),
    Flag.KIDNEY_PAIN_WITH_FEVER: gettext_lazy("said they have pain in the side with a fever"),
    Flag.URINARY_SYMPTOMS_AFTER_STOPPING: gettext_lazy("said bladder symptoms have lasted over 4 weeks after stopping"),
    Flag.BLADDER_SYMPTOMS_WHILE_USING: gettext_lazy("said they have bladder symptoms while using ketamine"),
    Flag.MIXING_WITH_DEPRESSANTS: gettext_lazy("said they mix ketamine with alcohol or other depressants"),
    Flag.TALKS_OF_ENDING_LIFE_OR_SELF_HARM: gettext_lazy(
        "said the person talks of ending their life or harming themselves"
    ),
    Flag.HARD_TO_WAKE: gettext_lazy("said the person has been hard to wake"),
}


# Every band as staff read it (english_band_text), listed so each is in this app's catalogue to translate
STAFF_BAND_WORDS = (
    gettext_noop("Said they noticed few signs (0 or 1) that ketamine may be causing problems."),
    gettext_noop("Said they noticed some signs (2 or 3) that ketamine may be causing problems."),
    gettext_noop("Said they noticed several signs (4 or 5) that ketamine may be causing problems."),
    gettext_noop("Said they noticed many signs (6 or more) that ketamine may be causing problems."),
    gettext_noop("Said they have no urinary symptoms."),
    gettext_noop("Said they have 1 or 2 urinary symptoms that can come from ketamine use."),
    gettext_noop("Said they have 3 or more urinary symptoms that can come from ketamine use."),
    # The published bands, as they are
    gettext_noop("No problems related to drug use reported."),
    gettext_noop("Low level of problems related to drug use."),
    gettext_noop("Moderate level of problems related to drug use."),
    gettext_noop("Substantial level of problems related to drug use."),
    gettext_noop("Severe level of problems related to drug use."),
    gettext_noop("Minimal or no symptoms of depression."),
    gettext_noop("Mild symptoms of depression."),
    gettext_noop("Moderate symptoms of depression."),
    gettext_noop("Moderately severe symptoms of depression."),
    gettext_noop("Severe symptoms of depression."),
    gettext_noop("Minimal symptoms of anxiety."),
    gettext_noop("Mild symptoms of anxiety."),
    gettext_noop("Moderate symptoms of anxiety."),
    gettext_noop("Severe symptoms of anxiety."),
)


@dataclass(frozen=True)
class RiskLine:
    """One thing the person said, in words, and where and when they said it."""

    words: str
    source: str
    is_red_flag: bool

    @property
    def text(self) -> str:
        return _("Red flag: %(words)s") % {"words": self.words} if self.is_red_flag else self.words

    def __str__(self) -> str:
        return f"{self.text} ({self.source})"


def flag_words(code: str) -> str:
    """A flag in words; a code this version does not know is shown as it is, never dropped."""
    known = {flag.value: words for flag, words in FLAG_WORDS.items()}
    return str(known.get(code, code))


def band_text(questionnaire: str, band: str) -> str:
    """The published band label, told about the person, in the page's language (STAFF_BAND_WORDS)."""
    english = english_band_text(questionnaire, band)
    return _(english) if english else _("Result: %(band)s") % {"band": band}


def english_band_text(questionnaire: str, band: str) -> str:
    """The English band label about the person: "You noticed" becomes "Said they noticed"; "" for an unknown band."""
    bands = BANDS_BY_QUESTIONNAIRE.get(questionnaire, ())
    label = next((known.label for known in bands if known.code == band), "")
    for you, they in (("You noticed", "Said they noticed"), ("You reported", "Said they have")):
        if label.startswith(you):
            return they + label[len(you) :].replace(" you ", " they ")
    return label


def risk_summary(contact_request: ContactRequest) -> list[RiskLine]:
    """Red flags from every check first, then each check's band; empty if no self-check was attached."""
    if not contact_request.selfcheck_summary:
        return []
    sent = date_format(contact_request.created_at, "d M Y")
    flags: list[RiskLine] = []
    bands: list[RiskLine] = []
    for entry in json.loads(contact_request.selfcheck_summary):
        questionnaire = entry["questionnaire"]
        source = f"{get_instrument(questionnaire).title}, {sent}"
        flags.extend(RiskLine(flag_words(code), source, is_red_flag=True) for code in entry.get("flags", []))
        if entry.get("band"):
            bands.append(RiskLine(band_text(questionnaire, entry["band"]), source, is_red_flag=False))
    return flags + bands
