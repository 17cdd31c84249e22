"""Recovery support rules: when the care team should reach out, and how progress is told. No Django.

Outreach triggers follow issue #15 exactly; each carries a reason in plain words and a risk rank (lower is more
urgent), so the care team's queue is ordered like contact requests. Progress is told without judgement: a day of
use never wipes out the days without use before it (ADR 0040, H-080 to H-084).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from waypost.instruments.flags import Flag, raised_flags, urgency_of
from waypost.instruments.terminology import YES

# Three days without a check-in on a daily rhythm: one missed day is ordinary life, three is a pattern (ADR 0040)
QUIET_DAYS_DAILY = 3
HIGH_CRAVING = 8
# A run of at least a week without use makes a return to use worth a call: tolerance and hope both drop
NO_USE_RUN_DAYS = 7
MILESTONE_DAYS = (1, 7, 14, 30, 60, 90, 180, 365)

# The bladder checklist's own linkIds, so a check-in's bladder answers raise the self-check's flags
BLADDER_LINK_IDS = (
    "passing-urine-often",
    "sudden-urges",
    "pain-passing-urine",
    "lower-tummy-pain",
    "blood-in-urine",
    "unable-to-pass-urine",
    "side-pain-with-fever",
)
SAFETY_LINK_ID = "thoughts-of-ending-life"


class Rhythm(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"


class Trigger(StrEnum):
    HELP_NOW = "help-now"
    RED_FLAG = "red-flag"
    USE_AFTER_NO_USE_RUN = "use-after-no-use-run"
    HIGH_CRAVING_TWICE = "high-craving-twice"
    QUIET = "quiet"


# The person asking now comes first; a red flag is a safety sign; a lapse and cravings are relapse risk
RISK_BY_TRIGGER = {
    Trigger.HELP_NOW: 1,
    Trigger.RED_FLAG: 2,
    Trigger.USE_AFTER_NO_USE_RUN: 3,
    Trigger.HIGH_CRAVING_TWICE: 4,
    Trigger.QUIET: 5,
}


@dataclass(frozen=True)
class CheckInFigures:
    """What the rules need from one check-in."""

    day: datetime.date
    craving: int
    has_used: bool
    bladder_symptoms: tuple[str, ...] = ()
    has_thoughts_of_ending_life: bool = False


# What a reason was made from, so a presenter can say it again in the staff member's language (ADR 0048)
Details = dict[str, int | bool | list[str]]


@dataclass(frozen=True)
class Outreach:
    trigger: Trigger
    reason: str
    details: Details = field(default_factory=dict, compare=False)

    @property
    def risk(self) -> int:
        return RISK_BY_TRIGGER[self.trigger]


def red_flags(figures: CheckInFigures) -> tuple[Flag, ...]:
    """The self-check's own red-flag rules, read from the check-in's answers (routed the same way)."""
    bladder = dict.fromkeys(figures.bladder_symptoms, YES)
    safety = {SAFETY_LINK_ID: YES} if figures.has_thoughts_of_ending_life else {}
    flags = (*raised_flags("safety", safety), *raised_flags("bladder-signs", bladder))
    return tuple(flag for flag in flags if flag != Flag.BLADDER_SYMPTOMS_WHILE_USING)


def interrupting_flags(figures: CheckInFigures) -> tuple[Flag, ...]:
    """Flags that show the stop-and-call page at once: emergencies and same-day problems."""
    return tuple(flag for flag in red_flags(figures) if urgency_of(flag).value in ("emergency", "urgent"))


FLAG_WORDS = {
    Flag.ENDING_LIFE_THOUGHTS: "thoughts of ending their life or harming themselves",
    Flag.BLOOD_IN_URINE: "blood in their urine",
    Flag.URINARY_RETENTION: "being unable to pass urine",
    Flag.KIDNEY_PAIN_WITH_FEVER: "pain in the side with a fever",
}


def outreach_after_check_in(history: Sequence[CheckInFigures]) -> tuple[Outreach, ...]:
    """Triggers raised by the latest check-in (history oldest first), most urgent first."""
    if not history:
        return ()
    found = [
        *red_flag_outreach(history[-1]),
        *use_after_run_outreach(history),
        *high_craving_outreach(history),
    ]
    return tuple(sorted(found, key=lambda outreach: outreach.risk))


def red_flag_outreach(latest: CheckInFigures) -> tuple[Outreach, ...]:
    flags = [flag for flag in interrupting_flags(latest) if flag in FLAG_WORDS]
    if not flags:
        return ()
    worded = join_words([FLAG_WORDS[flag] for flag in flags])
    reason = f"Their check-in mentioned {worded}. They were shown who to call."
    return (Outreach(Trigger.RED_FLAG, reason, {"flags": [flag.value for flag in flags]}),)


def use_after_run_outreach(history: Sequence[CheckInFigures]) -> tuple[Outreach, ...]:
    latest = history[-1]
    run_start = no_use_run_start(history[:-1])
    if not latest.has_used or run_start is None:
        return ()
    run_days = (latest.day - run_start).days
    if run_days < NO_USE_RUN_DAYS:
        return ()
    reason = f"They used again after {run_days} days without using."
    return (Outreach(Trigger.USE_AFTER_NO_USE_RUN, reason, {"days": run_days}),)


def high_craving_outreach(history: Sequence[CheckInFigures]) -> tuple[Outreach, ...]:
    if len(history) < 2 or min(history[-1].craving, history[-2].craving) < HIGH_CRAVING:
        return ()
    earlier, latest = history[-2].craving, history[-1].craving
    reason = f"Their cravings were strong two check-ins in a row ({earlier} and then {latest})."
    return (Outreach(Trigger.HIGH_CRAVING_TWICE, reason, {"earlier": earlier, "latest": latest}),)


def no_use_run_start(check_ins: Sequence[CheckInFigures]) -> datetime.date | None:
    """The day of the first check-in in the unbroken run without use that ends the sequence, if any."""
    start = None
    for figures in reversed(check_ins):
        if figures.has_used:
            break
        start = figures.day
    return start


def quiet_outreach(
    *, rhythm: Rhythm, last_check_in: datetime.date | None, enrolled_on: datetime.date, today: datetime.date
) -> Outreach | None:
    """No check-in for QUIET_DAYS_DAILY days on a daily rhythm (counted from enrolment if none yet)."""
    if rhythm != Rhythm.DAILY:
        return None
    since = last_check_in or enrolled_on
    days = (today - since).days
    if days < QUIET_DAYS_DAILY:
        return None
    what = "checked in" if last_check_in else "checked in since they joined"
    reason = f"They chose to check in daily and have not {what} for {days} days."
    return Outreach(Trigger.QUIET, reason, {"days": days, "has_checked_in": last_check_in is not None})


def help_now_outreach() -> Outreach:
    return Outreach(Trigger.HELP_NOW, "They pressed \u201cI need help now\u201d and were shown who to call.")


def join_words(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


# --- progress, counted without judgement (presenters.progress_message words it) ----------------------------


@dataclass(frozen=True)
class Progress:
    check_ins: int
    days_without_use: int
    current_run_days: int
    milestone: int | None


def progress(history: Iterable[CheckInFigures]) -> Progress:
    """Days without use are counted over all check-ins: a day of use adds to nothing but never takes away."""
    ordered = sorted(history, key=lambda figures: figures.day)
    days_without_use = len({figures.day for figures in ordered if not figures.has_used})
    run_start = no_use_run_start(ordered)
    current_run = (ordered[-1].day - run_start).days + 1 if run_start is not None else 0
    milestone = max((days for days in MILESTONE_DAYS if days <= current_run), default=None)
    return Progress(len(ordered), days_without_use, current_run, milestone)


# --- reminders ---------------------------------------------------------------------------------------------


def is_in_quiet_hours(
    moment: datetime.time, quiet_from: datetime.time | None, quiet_until: datetime.time | None
) -> bool:
    """Quiet hours may run past midnight (22:00 to 07:00); none are set when either end is missing."""
    if quiet_from is None or quiet_until is None or quiet_from == quiet_until:
        return False
    if quiet_from < quiet_until:
        return quiet_from <= moment < quiet_until
    return moment >= quiet_from or moment < quiet_until


def is_reminder_due(
    *,
    now: datetime.datetime,
    remind_at: datetime.time,
    rhythm: Rhythm,
    last_reminded_on: datetime.date | None,
    last_check_in_on: datetime.date | None,
    quiet_from: datetime.time | None = None,
    quiet_until: datetime.time | None = None,
) -> bool:
    """Once a day (or a week) at the chosen time or later, unless they already checked in or it is quiet hours.

    `now` is the person's local time; a reminder held back by quiet hours goes when they end, the same day.
    """
    today = now.date()
    period = 1 if rhythm == Rhythm.DAILY else 7
    if last_reminded_on is not None and (today - last_reminded_on).days < period:
        return False
    if last_check_in_on is not None and (today - last_check_in_on).days < period:
        return False
    if now.time() < remind_at:
        return False
    return not is_in_quiet_hours(now.time(), quiet_from, quiet_until)
