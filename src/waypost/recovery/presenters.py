"""Display for recovery pages: the plan's guided sections, trend rows and their SVG charts, the data download."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from waypost.instruments.flags import Flag
from waypost.recovery.check_ins import CheckInAnswers
from waypost.recovery.models import OutreachTask
from waypost.recovery.rules import Progress, Trigger

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The check-in's scales in words, said in the page's language (check_ins.py stores only the numbers)
MOOD_WORDS: dict[int, StrOrPromise] = {
    1: gettext_lazy("Very low"),
    2: gettext_lazy("Low"),
    3: gettext_lazy("Okay"),
    4: gettext_lazy("Good"),
    5: gettext_lazy("Very good"),
}
SLEEP_WORDS: dict[int, StrOrPromise] = {
    1: gettext_lazy("Very badly"),
    2: gettext_lazy("Badly"),
    3: gettext_lazy("Okay"),
    4: gettext_lazy("Well"),
    5: gettext_lazy("Very well"),
}


def progress_message(summary: Progress, *, latest_has_used: bool) -> str:
    """Progress told without judgement: a day of use never wipes out the days before it (H-082)."""
    if summary.check_ins == 0:
        return _("Your first check-in will start your record here.")
    if latest_has_used:
        return _(
            "You have had %(days)s without using, and they all still count. "
            "A day of use is a moment to look at your plan, not a reason to start again from nothing."
        ) % {"days": days(summary.days_without_use)}
    if summary.milestone is not None:
        return _("%(run)s without using in a row. You have reached %(milestone)s.") % {
            "run": days(summary.current_run_days),
            "milestone": days(summary.milestone),
        }
    return ngettext(
        "You have checked in %(count)s time.", "You have checked in %(count)s times.", summary.check_ins
    ) % {"count": summary.check_ins}


def days(count: int) -> str:
    return ngettext("%(count)s day", "%(count)s days", count) % {"count": count}


@dataclass(frozen=True)
class PlanSection:
    key: str
    label: StrOrPromise
    hint: StrOrPromise


PLAN_SECTIONS = (
    PlanSection(
        "reasons",
        gettext_lazy("My reasons for change"),
        gettext_lazy("What matters to you about this, in your own words."),
    ),
    PlanSection(
        "triggers", gettext_lazy("My triggers"), gettext_lazy("People, places, feelings or times that make it harder.")
    ),
    PlanSection(
        "warning-signs",
        gettext_lazy("My early warning signs"),
        gettext_lazy("Things you notice when things start to slip."),
    ),
    PlanSection(
        "what-helps",
        gettext_lazy("What helps me"),
        gettext_lazy(
            "For example: leave the situation, call someone, go for a walk, wait 20 minutes for the urge to pass."
        ),
    ),
    PlanSection(
        "people", gettext_lazy("People I can call"), gettext_lazy("Names and numbers of people who support you.")
    ),
    PlanSection(
        "professionals",
        gettext_lazy("My professional contacts"),
        gettext_lazy("Keyworker, GP, counsellor: names and numbers."),
    ),
)
PLAN_KEYS = tuple(section.key for section in PLAN_SECTIONS)


@dataclass(frozen=True)
class FilledSection:
    label: StrOrPromise
    text: str


def filled_sections(sections: dict[str, str]) -> list[FilledSection]:
    return [FilledSection(section.label, sections.get(section.key, "")) for section in PLAN_SECTIONS]


def plan_text(stored: str | None) -> dict[str, str]:
    if not stored:
        return {}
    loaded = json.loads(stored)
    return {key: str(loaded.get(key, "")) for key in PLAN_KEYS}


@dataclass(frozen=True)
class DatedAnswers:
    day: datetime.date
    answers: CheckInAnswers


@dataclass(frozen=True)
class WeekRow:
    starts: datetime.date
    check_ins: int
    craving: float | None
    mood: float | None
    use_days: int
    bladder_days: int


def first_moment_of(weeks: int) -> datetime.datetime:
    """The start of the first day a trend of this many weeks shows, in the site's time zone."""
    first_day = timezone.localdate() - datetime.timedelta(days=7 * weeks - 1)
    return timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.min))


def week_rows(dated: Sequence[DatedAnswers], *, weeks: int, today: datetime.date) -> list[WeekRow]:
    """One row per week, oldest first, ending with the week that ends today."""
    first = today - datetime.timedelta(days=7 * weeks - 1)
    rows = []
    for index in range(weeks):
        starts = first + datetime.timedelta(days=7 * index)
        inside = [item for item in dated if starts <= item.day < starts + datetime.timedelta(days=7)]
        rows.append(week_row(starts, inside))
    return rows


def week_row(starts: datetime.date, inside: Sequence[DatedAnswers]) -> WeekRow:
    return WeekRow(
        starts=starts,
        check_ins=len(inside),
        craving=average([item.answers.craving for item in inside]),
        mood=average([item.answers.mood for item in inside]),
        use_days=len({item.day for item in inside if item.answers.has_used}),
        bladder_days=len({item.day for item in inside if item.answers.bladder_symptoms}),
    )


def average(values: Sequence[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    points: str
    bars: tuple[tuple[float, float, float], ...]
    maximum: int


CHART_WIDTH = 320
CHART_HEIGHT = 100


def line_points(values: Sequence[float | None], maximum: int) -> str:
    step = CHART_WIDTH / max(len(values), 1)
    return " ".join(
        f"{step * index + step / 2:.1f},{CHART_HEIGHT - value / maximum * CHART_HEIGHT:.1f}"
        for index, value in enumerate(values)
        if value is not None
    )


def bar_shapes(values: Sequence[int], maximum: int) -> tuple[tuple[float, float, float], ...]:
    """(x, y, height) of each bar; the width is fixed by the template."""
    step = CHART_WIDTH / max(len(values), 1)
    shapes = []
    for index, value in enumerate(values):
        height = value / maximum * CHART_HEIGHT
        shapes.append((round(step * index + step / 4, 1), round(CHART_HEIGHT - height, 1), round(height, 1)))
    return tuple(shapes)


def charts(rows: Sequence[WeekRow]) -> list[Chart]:
    weeks = {"weeks": len(rows)}
    return [
        Chart(_("Cravings"), _("Average craving each week over %(weeks)s weeks, from 0 to 10.") % weeks,
              line_points([row.craving for row in rows], 10), (), 10),
        Chart(_("Mood"), _("Average mood each week over %(weeks)s weeks, from 1 (very low) to 5 (very good).") % weeks,
              line_points([row.mood for row in rows], 5), (), 5),
        Chart(_("Days with use"), _("Days with use each week over %(weeks)s weeks, from 0 to 7.") % weeks,
              "", bar_shapes([row.use_days for row in rows], 7), 7),
        Chart(_("Days with bladder symptoms"),
              _("Days with bladder symptoms each week over %(weeks)s weeks, from 0 to 7.") % weeks,
              "", bar_shapes([row.bladder_days for row in rows], 7), 7),
    ]  # fmt: skip


def bar_width(weeks: int) -> float:
    return round(CHART_WIDTH / max(weeks, 1) / 2, 1)


@dataclass(frozen=True)
class CheckInRow:
    day: datetime.date
    craving: int
    mood: str
    used: str
    bladder: str
    sleep: str
    confidence: int
    note: str


def check_in_rows(dated: Sequence[DatedAnswers]) -> list[CheckInRow]:
    return [
        CheckInRow(
            day=item.day,
            craving=item.answers.craving,
            mood=str(MOOD_WORDS.get(item.answers.mood, "")),
            used=used_words(item.answers),
            bladder=_("%(count)s of 7") % {"count": len(item.answers.bladder_symptoms)}
            if item.answers.bladder_symptoms
            else _("None"),
            sleep=str(SLEEP_WORDS.get(item.answers.sleep, "")),
            confidence=item.answers.confidence,
            note=item.answers.note,
        )
        for item in dated
    ]


def used_words(answers: CheckInAnswers) -> str:
    if not answers.has_used:
        return _("No")
    return _("Yes") + (f" ({answers.amount})" if answers.amount else "")


def download(
    *, reference: str, created_at: datetime.datetime, plan: dict[str, str], responses: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    """Everything held about the person, with the check-ins as the FHIR resources they are stored as."""
    return {
        "reference": reference,
        "joined": created_at.isoformat(),
        "plan": plan,
        "checkIns": {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": r} for r in responses]},
    }


def invite_from_request(
    *, phone: str | None, email: str | None, can_text: bool, safe_to_text: bool | None, can_email: bool
) -> tuple[str, str]:
    """(contact to prefill, notice) from a contact request: texts only where they said texts are safe."""
    if phone and can_text and safe_to_text is not False:
        return phone, ""
    if email and can_email:
        return email, ""
    return "", _("They did not choose texts that are safe or e-mail. Ask them how to send the invitation first.")


# --- outreach tasks, worded in the reader's language ------------------------------------------------------------

FLAG_REASON_WORDS = {
    Flag.ENDING_LIFE_THOUGHTS.value: gettext_lazy("thoughts of ending their life or harming themselves"),
    Flag.BLOOD_IN_URINE.value: gettext_lazy("blood in their urine"),
    Flag.URINARY_RETENTION.value: gettext_lazy("being unable to pass urine"),
    Flag.KIDNEY_PAIN_WITH_FEVER.value: gettext_lazy("pain in the side with a fever"),
}


@dataclass(frozen=True)
class OutreachRow:
    pk: int
    reference: str
    why: str
    created_at: datetime.datetime


def outreach_rows(tasks: Sequence[OutreachTask]) -> list[OutreachRow]:
    return [
        OutreachRow(
            task.pk, task.enrolment.reference, f"{task.get_trigger_display()}: {reason_words(task)}", task.created_at
        )
        for task in tasks
    ]


def reason_words(task: OutreachTask) -> str:
    """The rules' reason in the reader's language; a task made before its details were kept reads as stored."""
    details = json.loads(task.reason_details or "{}")
    if not details and task.trigger != Trigger.HELP_NOW:
        return str(task.reason)
    try:
        worded = REASON_WORDING[Trigger(task.trigger)](details)
    except (KeyError, ValueError):
        return str(task.reason)  # details that do not fit this wording: the reason as the rules wrote it
    return worded if worded is not None else str(task.reason)


def red_flag_words(details: dict[str, Any]) -> str | None:
    signs = [str(FLAG_REASON_WORDS[flag]) for flag in details.get("flags", []) if flag in FLAG_REASON_WORDS]
    if not signs:
        return None
    return _("Their check-in mentioned %(signs)s. They were shown who to call.") % {"signs": joined(signs)}


def joined(words: Sequence[str]) -> str:
    if len(words) == 1:
        return words[0]
    return _("%(list)s and %(last)s") % {"list": ", ".join(words[:-1]), "last": words[-1]}


def quiet_words(details: dict[str, Any]) -> str:
    if details.get("has_checked_in"):
        return _("They chose to check in daily and have not checked in for %(days)s days.") % details
    return _("They chose to check in daily and have not checked in since they joined for %(days)s days.") % details


REASON_WORDING: dict[Trigger, Callable[[dict[str, Any]], str | None]] = {
    Trigger.HELP_NOW: lambda _details: _("They pressed “I need help now” and were shown who to call."),
    Trigger.RED_FLAG: red_flag_words,
    Trigger.USE_AFTER_NO_USE_RUN: lambda details: _("They used again after %(days)s days without using.") % details,
    Trigger.HIGH_CRAVING_TWICE: lambda details: (
        _("Their cravings were strong two check-ins in a row (%(earlier)s and then %(latest)s).") % details
    ),
    Trigger.QUIET: quiet_words,
}
