"""Table tests for the referral funnel's pure figures (waypost.treatment.report_figures)."""

from __future__ import annotations

import datetime

import pytest

from waypost.treatment.choices import ReasonCode, TaskStatus
from waypost.treatment.report_figures import (
    FAILED,
    LONGEST_PERIOD_MONTHS,
    NOT_RECORDED,
    REJECTED,
    DestinationRates,
    FunnelMonth,
    Month,
    Period,
    PeriodError,
    ReasonCount,
    ReferralRow,
    RequestRow,
    StepTime,
    build_report,
    nearest_rank,
    parse_period,
    percent_of,
)

HOUR = 3600.0
TODAY = datetime.date(2026, 11, 30)
JANUARY_TO_FEBRUARY = Period(Month(2026, 1), Month(2026, 2))


def at(month: int, day: int, hour: int = 0, year: int = 2026) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=datetime.UTC)


def referral(
    request_id: int,
    created_at: datetime.datetime,
    destination: str,
    status: str = TaskStatus.REQUESTED,
    reason: str = "",
    accepted_at: datetime.datetime | None = None,
    admitted_at: datetime.datetime | None = None,
) -> ReferralRow:
    return ReferralRow(request_id, created_at, destination, status, reason, accepted_at, admitted_at)


@pytest.mark.parametrize(
    ("values", "percent", "expected"),
    [
        ([], 50, None),
        ([10.0], 50, 10.0),
        ([10.0], 90, 10.0),
        ([1.0, 2.0], 50, 1.0),
        ([1.0, 2.0], 90, 2.0),
        ([1.0, 2.0, 3.0, 4.0], 50, 2.0),
        ([1.0, 2.0, 3.0, 4.0], 90, 4.0),
        ([float(value) for value in range(1, 11)], 50, 5.0),
        ([float(value) for value in range(1, 11)], 90, 9.0),
        ([float(value) for value in range(1, 21)], 90, 18.0),
        ([float(value) for value in range(1, 12)], 90, 10.0),
    ],
)
def test_percentiles_are_nearest_rank_without_interpolation(
    values: list[float], percent: int, expected: float | None
) -> None:
    assert nearest_rank(values, percent) == expected


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(0, 0, None), (0, 5, 0), (5, 5, 100), (1, 2, 50), (1, 3, 33), (2, 3, 67), (1, 8, 13), (3, 8, 38), (1, 200, 1)],
)
def test_rates_are_whole_percentages_rounded_half_up(part: int, whole: int, expected: int | None) -> None:
    assert percent_of(part, whole) == expected


@pytest.mark.parametrize(
    ("month", "months", "expected"),
    [
        (Month(2026, 1), -1, Month(2025, 12)),
        (Month(2026, 1), 11, Month(2026, 12)),
        (Month(2026, 12), 1, Month(2027, 1)),
    ],
)
def test_months_shift_across_years(month: Month, months: int, expected: Month) -> None:
    assert month.shifted(months) == expected


FROM_ERROR = "Enter the first month as a year and month, like 2026-01"
TO_ERROR = "Enter the last month as a year and month, like 2026-01"


@pytest.mark.parametrize(
    ("from_text", "to_text", "expected"),
    [
        (None, None, Period(Month(2025, 12), Month(2026, 11))),
        ("", "", Period(Month(2025, 12), Month(2026, 11))),
        ("2026-01", "2026-03", Period(Month(2026, 1), Month(2026, 3))),
        ("2026-03", "2026-03", Period(Month(2026, 3), Month(2026, 3))),
        (None, "2026-03", Period(Month(2025, 4), Month(2026, 3))),
        ("2026-05", None, Period(Month(2026, 5), Month(2026, 11))),
        ("2021-02", "2026-01", Period(Month(2021, 2), Month(2026, 1))),
        ("2026-13", None, [PeriodError("from", FROM_ERROR)]),
        ("26-01", "2026-02", [PeriodError("from", FROM_ERROR)]),
        ("2026-00", "2026-02", [PeriodError("from", FROM_ERROR)]),
        ("2026-01", "March", [PeriodError("to", TO_ERROR)]),
        ("x", "y", [PeriodError("to", TO_ERROR), PeriodError("from", FROM_ERROR)]),
        ("2026-05", "2026-04", [PeriodError("from", "The first month must be the same as or before the last month")]),
        ("2021-01", "2026-01", [PeriodError("from", f"Choose a period of {LONGEST_PERIOD_MONTHS} months or less")]),
    ],
)
def test_the_period_is_read_from_year_month_text_or_defaults_to_the_last_twelve_months(
    from_text: str | None, to_text: str | None, expected: Period | list[PeriodError]
) -> None:
    assert parse_period(from_text, to_text, TODAY) == expected


def test_status_codes_the_figures_count_are_the_task_status_codes() -> None:
    assert (TaskStatus.REJECTED.value, TaskStatus.FAILED.value) == (REJECTED, FAILED)
    assert NOT_RECORDED not in ReasonCode.values


def test_the_funnel_follows_each_request_made_in_the_period_to_the_furthest_step_it_reached() -> None:
    requests = [
        RequestRow(1, at(1, 5, 10), at(1, 5, 12), at(1, 6, 10)),
        # Referred without an assessment on record: still counts as assessed, the funnel never widens
        RequestRow(2, at(1, 20), at(1, 21), None),
        RequestRow(3, at(2, 3), None, None),
        RequestRow(4, at(12, 20, year=2025), at(12, 21, year=2025), None),  # made before the period
    ]
    referrals = [
        referral(1, at(1, 7, 10), "Riverside Clinic", TaskStatus.COMPLETED, "", at(1, 8, 10), at(1, 10, 10)),
        referral(2, at(1, 22), "Riverside Clinic", TaskStatus.REJECTED, ReasonCode.NO_CAPACITY),
        referral(4, at(1, 3), "Hillside", TaskStatus.FAILED, ReasonCode.DID_NOT_ATTEND, at(1, 4)),
        referral(1, at(3, 1), "Hillside", TaskStatus.ACCEPTED, "", at(3, 2)),  # sent after the period
    ]

    report = build_report(JANUARY_TO_FEBRUARY, requests, referrals)

    assert report.months == (
        FunnelMonth(Month(2026, 1), (2, 2, 2, 2, 1, 1)),
        FunnelMonth(Month(2026, 2), (1, 0, 0, 0, 0, 0)),
    )
    assert report.totals == (3, 2, 2, 2, 1, 1)
    assert report.step_times == (
        StepTime("Requested", "First contact", 2, 2 * HOUR, 24 * HOUR),
        StepTime("First contact", "Assessed", 1, 22 * HOUR, 22 * HOUR),
        StepTime("Assessed", "Referred", 1, 24 * HOUR, 24 * HOUR),
        StepTime("Referred", "Accepted", 1, 24 * HOUR, 24 * HOUR),
        StepTime("Accepted", "Admitted", 1, 48 * HOUR, 48 * HOUR),
    )
    # Referrals sent in the period, whichever month their request was made
    assert report.destinations == (
        DestinationRates("Riverside Clinic", 2, 1, 1, 50, 50),
        DestinationRates("Hillside", 1, 1, 0, 100, 0),
    )
    assert report.rejection_reasons == (ReasonCount(ReasonCode.NO_CAPACITY, 1),)
    assert report.non_attendance_reasons == (ReasonCount(ReasonCode.DID_NOT_ATTEND, 1),)


def test_a_period_without_requests_or_referrals_has_a_zero_row_for_every_month_and_no_times() -> None:
    report = build_report(Period(Month(2025, 11), Month(2026, 1)), [], [])

    assert [(str(month.month), month.counts) for month in report.months] == [
        ("2025-11", (0, 0, 0, 0, 0, 0)),
        ("2025-12", (0, 0, 0, 0, 0, 0)),
        ("2026-01", (0, 0, 0, 0, 0, 0)),
    ]
    assert report.totals == (0, 0, 0, 0, 0, 0)
    assert {(time.count, time.median_seconds, time.p90_seconds) for time in report.step_times} == {(0, None, None)}
    assert (report.destinations, report.rejection_reasons, report.non_attendance_reasons) == ((), (), ())


def test_a_step_recorded_before_the_one_it_follows_counts_as_no_time() -> None:
    requests = [RequestRow(1, at(1, 5, 10), at(1, 5, 12), at(1, 5, 11))]

    report = build_report(JANUARY_TO_FEBRUARY, requests, [])

    assert report.step_times[1] == StepTime("First contact", "Assessed", 1, 0.0, 0.0)


def test_a_referral_admitted_without_an_acceptance_on_record_counts_as_accepted_too() -> None:
    requests = [RequestRow(1, at(1, 5), None, None)]
    referrals = [referral(1, at(1, 6), "Riverside Clinic", TaskStatus.COMPLETED, "", None, at(1, 9))]

    report = build_report(JANUARY_TO_FEBRUARY, requests, referrals)

    assert report.totals == (1, 1, 1, 1, 1, 1)
    assert report.destinations == (DestinationRates("Riverside Clinic", 1, 1, 1, 100, 100),)
    # Accepted on the day of admission, as far as the record shows
    assert report.step_times[3] == StepTime("Referred", "Accepted", 1, 72 * HOUR, 72 * HOUR)
    assert report.step_times[4] == StepTime("Accepted", "Admitted", 1, 0.0, 0.0)


def test_a_request_counts_its_earliest_referral_acceptance_and_admission_once() -> None:
    requests = [RequestRow(1, at(1, 5), None, None)]
    referrals = [
        referral(1, at(1, 6), "Hillside", TaskStatus.REJECTED, ReasonCode.FUNDING),
        referral(1, at(1, 8), "Riverside Clinic", TaskStatus.COMPLETED, "", at(1, 9), at(1, 12)),
    ]

    report = build_report(JANUARY_TO_FEBRUARY, requests, referrals)

    assert report.totals == (1, 1, 1, 1, 1, 1)
    assert report.step_times[3] == StepTime("Referred", "Accepted", 1, 72 * HOUR, 72 * HOUR)


def test_reasons_are_counted_most_frequent_first_with_unrecorded_reasons_kept_apart() -> None:
    referrals = [
        referral(1, at(1, 6), "A", TaskStatus.REJECTED, ReasonCode.OUT_OF_AREA),
        referral(2, at(1, 6), "A", TaskStatus.REJECTED, ReasonCode.FUNDING),
        referral(3, at(1, 6), "A", TaskStatus.REJECTED, ReasonCode.OUT_OF_AREA),
        referral(4, at(1, 6), "A", TaskStatus.REJECTED, ""),
        referral(5, at(1, 6), "A", TaskStatus.FAILED, ReasonCode.COULD_NOT_REACH),
        referral(6, at(1, 6), "A", TaskStatus.CANCELLED, ReasonCode.PERSON_DECLINED),
    ]

    report = build_report(JANUARY_TO_FEBRUARY, [], referrals)

    assert report.rejection_reasons == (
        ReasonCount(ReasonCode.OUT_OF_AREA, 2),
        ReasonCount(NOT_RECORDED, 1),
        ReasonCount(ReasonCode.FUNDING, 1),
    )
    assert report.non_attendance_reasons == (ReasonCount(ReasonCode.COULD_NOT_REACH, 1),)
    assert report.destinations == (DestinationRates("A", 6, 0, 0, 0, 0),)
