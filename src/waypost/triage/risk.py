"""The risk summary in plain words: red flags first, then what each check's band means, with the check and date.

One presenter for every place a request's self-check is shown to staff: the queue row, the request page, the team
alert e-mail and the exports. Never the answers, only the flags and bands the person chose to attach.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from waypost.instruments.bands import BANDS_BY_QUESTIONNAIRE
from waypost.instruments.flags import Flag
from waypost.instruments.registry import get_instrument
from waypost.intake.models import ContactRequest

# What the person said, in the words a worker would use on the phone (H-040)
FLAG_WORDS: Mapping[Flag, str] = {
    Flag.DANGER_NOW: "said someone is in danger right now",
    Flag.ENDING_LIFE_INTENT_OR_PLAN: "said they intend or plan to end their life",
    Flag.ENDING_LIFE_RECENT_BEHAVIOUR: "said they recently did something towards ending their life",
    Flag.ENDING_LIFE_THOUGHTS: "said they have thoughts of ending their life",
    Flag.SELF_HARM_THOUGHTS: "said they have thoughts of harming themselves",
    Flag.BLOOD_IN_URINE: "said they have seen blood in their urine",
    Flag.URINARY_RETENTION: "said they cannot pass urine",
    Flag.KIDNEY_PAIN_WITH_FEVER: "said they have pain in the side with a fever",
    Flag.URINARY_SYMPTOMS_AFTER_STOPPING: "said bladder symptoms have lasted over 4 weeks after stopping",
    Flag.BLADDER_SYMPTOMS_WHILE_USING: "said they have bladder symptoms while using ketamine",
    Flag.MIXING_WITH_DEPRESSANTS: "said they mix ketamine with alcohol or other depressants",
    Flag.TALKS_OF_ENDING_LIFE_OR_SELF_HARM: "said the person talks of ending their life or harming themselves",
    Flag.HARD_TO_WAKE: "said the person has been hard to wake",
}


@dataclass(frozen=True)
class RiskLine:
    """One thing the person said, in words, and where and when they said it."""

    words: str
    source: str
    is_red_flag: bool

    @property
    def text(self) -> str:
        return f"Red flag: {self.words}" if self.is_red_flag else self.words

    def __str__(self) -> str:
        return f"{self.text} ({self.source})"


def flag_words(code: str) -> str:
    """A flag in words; a code this version does not know is shown as it is, never dropped."""
    known = {flag.value: words for flag, words in FLAG_WORDS.items()}
    return known.get(code, code)


def band_text(questionnaire: str, band: str) -> str:
    """The published band label, told about the person: "You noticed" becomes "Said they noticed"."""
    label = next((known.label for known in BANDS_BY_QUESTIONNAIRE.get(questionnaire, ()) if known.code == band), "")
    if not label:
        return f"Result: {band}"
    for you, they in (("You noticed", "Said they noticed"), ("You reported", "Said they have")):
        if label.startswith(you):
            return they + label[len(you) :].replace(" you ", " they ")
    return label


def risk_summary(contact_request: ContactRequest) -> list[RiskLine]:
    """Red flags from every check first, then each check's band; empty if no self-check was attached."""
    if not contact_request.selfcheck_summary:
        return []
    sent = f"{contact_request.created_at:%d %b %Y}"
    flags: list[RiskLine] = []
    bands: list[RiskLine] = []
    for entry in json.loads(contact_request.selfcheck_summary):
        questionnaire = entry["questionnaire"]
        source = f"{get_instrument(questionnaire).title}, {sent}"
        flags.extend(RiskLine(flag_words(code), source, is_red_flag=True) for code in entry.get("flags", []))
        if entry.get("band"):
            bands.append(RiskLine(band_text(questionnaire, entry["band"]), source, is_red_flag=False))
    return flags + bands
