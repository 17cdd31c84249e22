"""The report as display text: table rows, the funnel chart's bars, and the same figures as CSV."""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from waypost.treatment.choices import ReasonCode
from waypost.treatment.report_figures import (
    LONGEST_PERIOD_MESSAGE,
    LONGEST_PERIOD_MONTHS,
    NOT_RECORDED,
    STEPS,
    ReasonCount,
    Report,
    StepTime,
)
from waypost.triage.audit_export import Writable, spreadsheet_safe
from waypost.triage.queue import describe_duration

CHART_WIDTH = 600
LABEL_WIDTH = 120
BAR_HEIGHT = 28
BAR_SPACE = CHART_WIDTH - LABEL_WIDTH - 60  # room left for the count written after the bar
NO_FIGURE = "\N{EN DASH}"
CSV_HEADER = ["section", "group", "measure", "value"]


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    y: int
    bar_y: int
    width: int
    text_x: int
    text_y: int


def funnel_bars(totals: tuple[int, ...]) -> tuple[Bar, ...]:
    largest = max(totals, default=0) or 1
    bars = []
    for index, (label, count) in enumerate(zip(STEPS, totals, strict=True)):
        width = round(count / largest * BAR_SPACE)
        top = index * BAR_HEIGHT
        bars.append(Bar(step_word(label), count, top, top + 4, width, LABEL_WIDTH + width + 6, top + 19))
    return tuple(bars)


def chart_height(bars: tuple[Bar, ...]) -> int:
    return len(bars) * BAR_HEIGHT


def duration_text(seconds: float | None) -> str:
    return NO_FIGURE if seconds is None else describe_duration(datetime.timedelta(seconds=seconds))


def hours(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds / 3600:.1f}"


def blank_if_none(value: int | None) -> str:
    return "" if value is None else str(value)


def percent_text(percent: int | None) -> str:
    return NO_FIGURE if percent is None else f"{percent}%"


def step_word(step: str) -> str:
    """A funnel step in the page's language; report_figures marks each for the catalogue."""
    return _(step)


def steps_label(time: StepTime) -> str:
    return _("%(earlier)s to %(later)s") % {
        "earlier": step_word(time.from_step),
        "later": step_word(time.to_step).lower(),
    }


def period_error_text(message: str) -> str:
    """A period error in the page's language (report_figures gives it in English)."""
    longest = {"months": LONGEST_PERIOD_MONTHS}
    if message == LONGEST_PERIOD_MESSAGE % longest:
        return _(LONGEST_PERIOD_MESSAGE) % longest
    return _(message)


def reason_label(code: str) -> str:
    if code == NOT_RECORDED:
        return _("Not recorded")
    return str(ReasonCode(code).label) if code in ReasonCode.values else code


def reason_rows(reasons: tuple[ReasonCount, ...]) -> list[tuple[str, int]]:
    return [(reason_label(reason.code), reason.count) for reason in reasons]


def report_context(report: Report) -> dict[str, object]:
    bars = funnel_bars(report.totals)
    return {
        "steps": [step_word(step) for step in STEPS],
        "bars": bars,
        "chart_width": CHART_WIDTH,
        "chart_height": chart_height(bars),
        "label_width": LABEL_WIDTH,
        "months": [(str(month.month), month.counts) for month in report.months],
        "totals": report.totals,
        "step_times": [
            (
                steps_label(time),
                time.count,
                duration_text(time.median_seconds),
                duration_text(time.p90_seconds),
            )
            for time in report.step_times
        ],
        "destinations": [
            (
                rates.destination,
                rates.sent,
                rates.accepted,
                rates.admitted,
                percent_text(rates.acceptance_percent),
                percent_text(rates.admission_percent),
            )
            for rates in report.destinations
        ],
        "rejection_reasons": reason_rows(report.rejection_reasons),
        "non_attendance_reasons": reason_rows(report.non_attendance_reasons),
    }


def csv_rows(report: Report) -> list[list[str]]:
    """One figure a row: (section, group, measure, value), the same figures the page shows."""
    rows = []
    for month in report.months:
        rows += [
            ["funnel", str(month.month), step, str(count)] for step, count in zip(STEPS, month.counts, strict=True)
        ]
    rows += [["funnel", "total", step, str(count)] for step, count in zip(STEPS, report.totals, strict=True)]
    for time in report.step_times:
        group = steps_label(time)
        rows += [
            ["time between steps", group, "requests", str(time.count)],
            ["time between steps", group, "median hours", hours(time.median_seconds)],
            ["time between steps", group, "90th percentile hours", hours(time.p90_seconds)],
        ]
    for rates in report.destinations:
        rows += [
            ["destination", rates.destination, "sent", str(rates.sent)],
            ["destination", rates.destination, "accepted", str(rates.accepted)],
            ["destination", rates.destination, "admitted", str(rates.admitted)],
            ["destination", rates.destination, "acceptance %", blank_if_none(rates.acceptance_percent)],
            ["destination", rates.destination, "admission %", blank_if_none(rates.admission_percent)],
        ]
    rows += [["declined reason", reason_label(r.code), "referrals", str(r.count)] for r in report.rejection_reasons]
    rows += [
        ["did not attend reason", reason_label(r.code), "referrals", str(r.count)]
        for r in report.non_attendance_reasons
    ]
    return rows


def write_report_csv(report: Report, output: Writable) -> None:
    writer = csv.writer(output)
    writer.writerow(CSV_HEADER)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in csv_rows(report))
