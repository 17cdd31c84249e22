"""The referral funnel for supervisors, worked out from plain rows: no Django, no personal data, table tests.

Definitions (shown on the page too):
- The funnel follows each contact request made in a month (its cohort) through six steps: requested, first
  contact, assessed, referred (any referral), accepted (any referral accepted, booked or admitted) and admitted.
  A request counts at a step when it reached that step or a later one, so the funnel never widens.
- Times between steps are per request, from the earlier step to the next one, for requests that reached both;
  a step recorded before the one it follows counts as no time. Median and 90th percentile are nearest-rank: the
  smallest value with at least that share of the values at or below it (no interpolation).
- Destination rates and reasons count the referrals sent in the period (by the date they were sent): accepted
  (or booked, or admitted) and admitted as a whole-number percentage of those sent, rounded half up.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from waypost.core.wording import gettext_noop  # translated on the report page, English in the CSV

STEPS = (
    gettext_noop("Requested"),
    gettext_noop("First contact"),
    gettext_noop("Assessed"),
    gettext_noop("Referred"),
    gettext_noop("Accepted"),
    gettext_noop("Admitted"),
)
LONGEST_PERIOD_MESSAGE = gettext_noop("Choose a period of %(months)d months or less")
# TaskStatus codes (tests/treatment/test_report_figures.py proves they match treatment.choices)
REJECTED = "rejected"
FAILED = "failed"
NOT_RECORDED = ""
LONGEST_PERIOD_MONTHS = 60
MONTH_PATTERN = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def of(cls, moment: datetime.datetime | datetime.date) -> Month:
        return cls(moment.year, moment.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def shifted(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def months_until(self, last: Month) -> int:
        """How many months from this one to `last`, both included."""
        return (last.year - self.year) * 12 + last.month - self.month + 1


@dataclass(frozen=True)
class Period:
    first: Month
    last: Month

    def months(self) -> tuple[Month, ...]:
        return tuple(self.first.shifted(offset) for offset in range(self.first.months_until(self.last)))

    def holds(self, moment: datetime.datetime) -> bool:
        return self.first <= Month.of(moment) <= self.last


@dataclass(frozen=True)
class PeriodError:
    field: str  # "from" or "to"
    message: str


def read_month(text: str) -> Month | None:
    match = MONTH_PATTERN.fullmatch(text.strip())
    if match is None or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1:
        return None
    return Month(int(match[1]), int(match[2]))


def default_period(today: datetime.date) -> Period:
    """The last 12 months, this one included."""
    return Period(Month.of(today).shifted(-11), Month.of(today))


def parse_period(from_text: str | None, to_text: str | None, today: datetime.date) -> Period | list[PeriodError]:
    """`?from=YYYY-MM&to=YYYY-MM`; a missing end is this month, a missing start 11 months before the end."""
    errors = []
    last = read_month(to_text) if to_text else Month.of(today)
    if last is None:
        errors.append(PeriodError("to", gettext_noop("Enter the last month as a year and month, like 2026-01")))
    first = read_month(from_text) if from_text else (last.shifted(-11) if last else None)
    if first is None and from_text:
        errors.append(PeriodError("from", gettext_noop("Enter the first month as a year and month, like 2026-01")))
    if errors or first is None or last is None:
        return errors
    if first > last:
        return [PeriodError("from", gettext_noop("The first month must be the same as or before the last month"))]
    if first.months_until(last) > LONGEST_PERIOD_MONTHS:
        return [PeriodError("from", LONGEST_PERIOD_MESSAGE % {"months": LONGEST_PERIOD_MONTHS})]
    return Period(first, last)


@dataclass(frozen=True)
class RequestRow:
    """One contact request: when it was made, first contacted and assessed (local times)."""

    request_id: int
    created_at: datetime.datetime
    first_contact_at: datetime.datetime | None
    assessed_at: datetime.datetime | None


@dataclass(frozen=True)
class ReferralRow:
    """One referral the organisation sent: when, where to, how it ended, and when it was accepted and admitted."""

    request_id: int
    created_at: datetime.datetime
    destination_name: str
    status: str
    reason_code: str
    accepted_at: datetime.datetime | None
    admitted_at: datetime.datetime | None


@dataclass(frozen=True)
class FunnelMonth:
    month: Month
    counts: tuple[int, ...]  # one per STEPS


@dataclass(frozen=True)
class StepTime:
    from_step: str
    to_step: str
    count: int
    median_seconds: float | None
    p90_seconds: float | None


@dataclass(frozen=True)
class DestinationRates:
    destination: str
    sent: int
    accepted: int
    admitted: int
    acceptance_percent: int | None
    admission_percent: int | None


@dataclass(frozen=True)
class ReasonCount:
    code: str  # a ReasonCode value, or NOT_RECORDED
    count: int


@dataclass(frozen=True)
class Report:
    period: Period
    months: tuple[FunnelMonth, ...]
    totals: tuple[int, ...]
    step_times: tuple[StepTime, ...]
    destinations: tuple[DestinationRates, ...]
    rejection_reasons: tuple[ReasonCount, ...]
    non_attendance_reasons: tuple[ReasonCount, ...]


def nearest_rank(sorted_values: Sequence[float], percent: int) -> float | None:
    """The smallest value with at least `percent`% of the values at or below it; None for no values."""
    if not sorted_values:
        return None
    rank = max(-(-percent * len(sorted_values) // 100), 1)  # ceiling in whole numbers: no float rounding
    return sorted_values[rank - 1]


def percent_of(part: int, whole: int) -> int | None:
    """A whole-number percentage, rounded half up; None when there is nothing to divide by."""
    if whole == 0:
        return None
    return (200 * part + whole) // (2 * whole)


Timeline = tuple[datetime.datetime | None, ...]


def earliest(moments: Iterable[datetime.datetime | None]) -> datetime.datetime | None:
    return min((moment for moment in moments if moment is not None), default=None)


def timelines(requests: Iterable[RequestRow], referrals: Iterable[ReferralRow]) -> dict[int, Timeline]:
    """request id -> the time it reached each of STEPS (None where it has not)."""
    by_request: dict[int, list[ReferralRow]] = {}
    for referral in referrals:
        by_request.setdefault(referral.request_id, []).append(referral)
    result: dict[int, Timeline] = {}
    for request in requests:
        sent = by_request.get(request.request_id, [])
        result[request.request_id] = (
            request.created_at,
            request.first_contact_at,
            request.assessed_at,
            earliest(referral.created_at for referral in sent),
            earliest(referral.accepted_at or referral.admitted_at for referral in sent),
            earliest(referral.admitted_at for referral in sent),
        )
    return result


def furthest_step(timeline: Timeline) -> int:
    return max(index for index, moment in enumerate(timeline) if moment is not None)


def funnel_by_month(period: Period, lines: dict[int, Timeline]) -> tuple[FunnelMonth, ...]:
    counts = {month: [0] * len(STEPS) for month in period.months()}
    for timeline in lines.values():
        created_at = timeline[0]
        if created_at is None or not period.holds(created_at):
            continue
        row = counts[Month.of(created_at)]
        for step in range(furthest_step(timeline) + 1):
            row[step] += 1
    return tuple(FunnelMonth(month, tuple(row)) for month, row in counts.items())


def step_times(lines: Iterable[Timeline]) -> tuple[StepTime, ...]:
    gaps: list[list[float]] = [[] for _step in STEPS[1:]]
    for timeline in lines:
        for step, (earlier, later) in enumerate(itertools.pairwise(timeline)):
            if earlier is not None and later is not None:
                gaps[step].append(max((later - earlier).total_seconds(), 0.0))
    return tuple(
        StepTime(STEPS[step], STEPS[step + 1], len(values), nearest_rank(values, 50), nearest_rank(values, 90))
        for step, values in enumerate(sorted(values) for values in gaps)
    )


def destination_rates(referrals: Sequence[ReferralRow]) -> tuple[DestinationRates, ...]:
    """Per destination, most referrals first, then by name."""
    sent = Counter(referral.destination_name for referral in referrals)
    accepted = Counter(r.destination_name for r in referrals if r.accepted_at or r.admitted_at)
    admitted = Counter(r.destination_name for r in referrals if r.admitted_at)
    return tuple(
        DestinationRates(
            name,
            count,
            accepted[name],
            admitted[name],
            percent_of(accepted[name], count),
            percent_of(admitted[name], count),
        )
        for name, count in sorted(sent.items(), key=lambda item: (-item[1], item[0]))
    )


def reason_counts(referrals: Iterable[ReferralRow], status: str) -> tuple[ReasonCount, ...]:
    """Reasons recorded for referrals that ended with `status`: most frequent first, then by code."""
    counts = Counter(referral.reason_code for referral in referrals if referral.status == status)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(ReasonCount(code, count) for code, count in ordered)


def build_report(period: Period, requests: Sequence[RequestRow], referrals: Sequence[ReferralRow]) -> Report:
    in_period = [request for request in requests if period.holds(request.created_at)]
    lines = timelines(in_period, referrals)
    months = funnel_by_month(period, lines)
    sent = [referral for referral in referrals if period.holds(referral.created_at)]
    return Report(
        period=period,
        months=months,
        totals=tuple(sum(month.counts[step] for month in months) for step in range(len(STEPS))),
        step_times=step_times(lines.values()),
        destinations=destination_rates(sent),
        rejection_reasons=reason_counts(sent, REJECTED),
        non_attendance_reasons=reason_counts(sent, FAILED),
    )
