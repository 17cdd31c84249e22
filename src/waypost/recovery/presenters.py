"""Display for recovery pages: the plan's guided sections, trend rows and their SVG charts, the data download."""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from waypost.recovery.check_ins import MOOD_LABELS, SLEEP_LABELS, CheckInAnswers


@dataclass(frozen=True)
class PlanSection:
    key: str
    label: str
    hint: str


PLAN_SECTIONS = (
    PlanSection("reasons", "My reasons for change", "What matters to you about this, in your own words."),
    PlanSection("triggers", "My triggers", "People, places, feelings or times that make it harder."),
    PlanSection("warning-signs", "My early warning signs", "Things you notice when things start to slip."),
    PlanSection(
        "what-helps",
        "What helps me",
        "For example: leave the situation, call someone, go for a walk, wait 20 minutes for the urge to pass.",
    ),
    PlanSection("people", "People I can call", "Names and numbers of people who support you."),
    PlanSection("professionals", "My professional contacts", "Keyworker, GP, counsellor: names and numbers."),
)
PLAN_KEYS = tuple(section.key for section in PLAN_SECTIONS)


@dataclass(frozen=True)
class FilledSection:
    label: str
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
    weeks = len(rows)
    return [
        Chart("Cravings", f"Average craving each week over {weeks} weeks, from 0 to 10.",
              line_points([row.craving for row in rows], 10), (), 10),
        Chart("Mood", f"Average mood each week over {weeks} weeks, from 1 (very low) to 5 (very good).",
              line_points([row.mood for row in rows], 5), (), 5),
        Chart("Days with use", f"Days with use each week over {weeks} weeks, from 0 to 7.",
              "", bar_shapes([row.use_days for row in rows], 7), 7),
        Chart("Days with bladder symptoms", f"Days with bladder symptoms each week over {weeks} weeks, from 0 to 7.",
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
            mood=MOOD_LABELS.get(item.answers.mood, ""),
            used=("Yes" + (f" ({item.answers.amount})" if item.answers.amount else ""))
            if item.answers.has_used
            else "No",
            bladder=f"{len(item.answers.bladder_symptoms)} of 7" if item.answers.bladder_symptoms else "None",
            sleep=SLEEP_LABELS.get(item.answers.sleep, ""),
            confidence=item.answers.confidence,
            note=item.answers.note,
        )
        for item in dated
    ]


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
    return "", "They did not choose texts that are safe or e-mail. Ask them how to send the invitation first."
