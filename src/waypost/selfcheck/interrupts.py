"""Stop-and-call: which red flags interrupt the check at once, and what the interrupting page says.

Pure: no Django. Flags come from the same rules as the results (partial answers already raise them), and
each flag's urgency is read through `urgency_of`, so a new or re-graded flag interrupts without a change here.
Words are English msgids translated through the `gettext` argument (selfcheck/wording.py); the advice itself is
core's registry's (core/advice.py), looked up in the same catalogue, so every language gives the same action.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from waypost.core.advice import advice_for
from waypost.core.helplines import ContactKind, ContactMethod, Helpline, Region, emergency_line, get_helpline
from waypost.core.wording import Translate, untranslated
from waypost.instruments.flags import Flag, Urgency, raised_flags, urgency_of
from waypost.selfcheck.journey import Answers, Mode
from waypost.selfcheck.results import CareCard, care_cards, crisis_lines

INTERRUPTING_URGENCIES = frozenset({Urgency.EMERGENCY, Urgency.URGENT})
# Emergencies asked about as past episodes: the person may be fine now, so the page says when to call, not "now"
PAST_EPISODE_FLAGS = frozenset({Flag.HARD_TO_WAKE})


@dataclass(frozen=True)
class StopPage:
    urgency: Urgency
    heading: str
    lead: str
    call: ContactMethod | None
    cards: tuple[CareCard, ...]
    crisis_lines: tuple[Helpline, ...]
    # Every stop page's first screen holds the emergency number as a button, even when it is not the main call
    emergency: ContactMethod


def flags_so_far(answers: Answers) -> tuple[Flag, ...]:
    raised = (flag for questionnaire_id, own in answers.items() for flag in raised_flags(questionnaire_id, own))
    return tuple(dict.fromkeys(raised))


def interrupting_flags(answers: Answers) -> tuple[Flag, ...]:
    return tuple(flag for flag in flags_so_far(answers) if urgency_of(flag) in INTERRUPTING_URGENCIES)


def new_interrupts(answers: Answers, already_shown: Iterable[str]) -> tuple[Flag, ...]:
    shown = frozenset(already_shown)
    return tuple(flag for flag in interrupting_flags(answers) if flag.value not in shown)


def still_shown(answers: Answers, already_shown: Iterable[str], fresh: Iterable[Flag]) -> tuple[str, ...]:
    """Forget flags no longer raised (an answer was changed back), so raising one again interrupts again."""
    raised = {flag.value for flag in interrupting_flags(answers)}
    return tuple(dict.fromkeys([*(code for code in already_shown if code in raised), *(flag.value for flag in fresh)]))


def stop_page(flags: tuple[Flag, ...], region: Region, mode: Mode, gettext: Translate = untranslated) -> StopPage:
    cards = care_cards(flags, region, mode, gettext)
    urgency = cards[0].urgency
    is_family = mode == Mode.FAMILY
    if urgency == Urgency.EMERGENCY and PAST_EPISODE_FLAGS.issuperset(flags):
        heading = cards[0].heading
        lead = gettext("Never leave them alone to sleep it off. If it happens again, call straight away.")
        call: ContactMethod | None = emergency_line(region).primary_contact
    elif urgency == Urgency.EMERGENCY:
        number = {"number": emergency_line(region).primary_contact.value}
        heading = (
            gettext("Stop and call %(number)s for them now") if is_family else gettext("Stop and call %(number)s now")
        ) % number
        lead = (
            gettext("Stay with them until help comes.")
            if is_family
            else gettext("Call now, or ask someone near you to call.")
        )
        call = emergency_line(region).primary_contact
    else:
        heading = cards[0].heading
        lead = gettext("Please do this before you carry on with the check.")
        call = first_call(flags, region)
    return StopPage(urgency, heading, lead, call, cards, crisis_lines(region), emergency_line(region).primary_contact)


def first_call(flags: tuple[Flag, ...], region: Region) -> ContactMethod | None:
    """The same-day route to ring: the first phone line the advice names (the US has no same-day number)."""
    for flag in flags:
        for key in advice_for(flag.value, region).helpline_keys:
            contact = get_helpline(key).primary_contact
            if contact.kind == ContactKind.CALL:
                return contact
    return None
