"""The outreach triggers of issue #15, one table per trigger, and progress told without judgement (ADR 0040)."""

from __future__ import annotations

import datetime

import pytest

from waypost.instruments.flags import Flag
from waypost.recovery.presenters import progress_message
from waypost.recovery.rules import (
    CheckInFigures,
    Outreach,
    Progress,
    Rhythm,
    Trigger,
    help_now_outreach,
    interrupting_flags,
    outreach_after_check_in,
    progress,
    quiet_outreach,
    red_flags,
)

DAY_ONE = datetime.date(2026, 11, 1)


def day(number: int) -> datetime.date:
    return DAY_ONE + datetime.timedelta(days=number - 1)


def calm(number: int, *, craving: int = 2, has_used: bool = False) -> CheckInFigures:
    return CheckInFigures(day=day(number), craving=craving, has_used=has_used)


def triggers(history: list[CheckInFigures]) -> tuple[Trigger, ...]:
    return tuple(outreach.trigger for outreach in outreach_after_check_in(history))


# (rhythm, last check-in day number or None, enrolled on day, today's day number, raised?)
QUIET_TABLE = [
    (Rhythm.DAILY, 10, 1, 10, False),
    (Rhythm.DAILY, 10, 1, 11, False),
    (Rhythm.DAILY, 10, 1, 12, False),
    (Rhythm.DAILY, 10, 1, 13, True),
    (Rhythm.DAILY, 10, 1, 40, True),
    (Rhythm.DAILY, None, 1, 3, False),
    (Rhythm.DAILY, None, 1, 4, True),
    (Rhythm.WEEKLY, 10, 1, 13, False),
    (Rhythm.WEEKLY, 10, 1, 40, False),
    (Rhythm.WEEKLY, None, 1, 40, False),
]


@pytest.mark.parametrize(("rhythm", "last", "enrolled", "today", "is_raised"), QUIET_TABLE)
def test_raises_quiet_only_after_three_days_on_a_daily_rhythm(
    rhythm: Rhythm, last: int | None, enrolled: int, today: int, is_raised: bool
) -> None:
    outreach = quiet_outreach(
        rhythm=rhythm, last_check_in=day(last) if last else None, enrolled_on=day(enrolled), today=day(today)
    )
    assert (outreach is not None) == is_raised
    if outreach is not None:
        assert outreach.trigger == Trigger.QUIET


def test_quiet_reason_names_the_days_in_plain_words() -> None:
    outreach = quiet_outreach(rhythm=Rhythm.DAILY, last_check_in=day(1), enrolled_on=day(1), today=day(5))
    never = quiet_outreach(rhythm=Rhythm.DAILY, last_check_in=None, enrolled_on=day(1), today=day(4))
    assert outreach == Outreach(Trigger.QUIET, "They chose to check in daily and have not checked in for 4 days.")
    assert never is not None
    assert never.reason == "They chose to check in daily and have not checked in since they joined for 3 days."


# (cravings oldest first, raised?)
CRAVING_TABLE = [
    ((8,), False),
    ((7, 8), False),
    ((8, 7), False),
    ((8, 8), True),
    ((10, 9), True),
    ((9, 2, 9), False),
    ((2, 9, 10), True),
    ((0, 0), False),
]


@pytest.mark.parametrize(("cravings", "is_raised"), CRAVING_TABLE)
def test_raises_high_craving_only_at_eight_or_more_twice_in_a_row(cravings: tuple[int, ...], is_raised: bool) -> None:
    history = [calm(number, craving=craving) for number, craving in enumerate(cravings, start=1)]
    assert (Trigger.HIGH_CRAVING_TWICE in triggers(history)) == is_raised


def test_high_craving_reason_quotes_both_figures() -> None:
    (outreach,) = outreach_after_check_in([calm(1, craving=8), calm(2, craving=9)])
    assert outreach.reason == "Their cravings were strong two check-ins in a row (8 and then 9)."


# (use on each check-in's day as (day number, used), raised?)
USE_TABLE = [
    (((1, True),), False),
    (((1, False), (8, True)), True),
    (((1, False), (7, True)), False),
    (((1, False), (2, False), (3, False), (4, False), (5, False), (6, False), (7, False), (8, True)), True),
    (((1, False), (2, False), (3, False), (4, True)), False),
    (((1, True), (2, False), (9, True)), True),
    (((1, False), (5, True), (12, True)), False),
    (((1, False), (8, False)), False),
    (((1, False), (8, True), (9, True)), False),
]


@pytest.mark.parametrize(("uses", "is_raised"), USE_TABLE)
def test_raises_use_only_after_a_run_of_seven_days_without_use(
    uses: tuple[tuple[int, bool], ...], is_raised: bool
) -> None:
    history = [calm(number, has_used=used) for number, used in uses]
    assert (Trigger.USE_AFTER_NO_USE_RUN in triggers(history)) == is_raised


def test_use_reason_counts_the_days_without_blame() -> None:
    (outreach,) = outreach_after_check_in([calm(1), calm(11, has_used=True)])
    assert outreach.reason == "They used again after 10 days without using."


# (bladder symptoms, thoughts of ending life, flags, interrupting flags, outreach raised?)
RED_FLAG_TABLE = [
    ((), False, (), (), False),
    (("passing-urine-often",), False, (), (), False),
    (("sudden-urges", "pain-passing-urine", "lower-tummy-pain"), False, (), (), False),
    (("blood-in-urine",), False, (Flag.BLOOD_IN_URINE,), (Flag.BLOOD_IN_URINE,), True),
    (("unable-to-pass-urine",), False, (Flag.URINARY_RETENTION,), (Flag.URINARY_RETENTION,), True),
    (("side-pain-with-fever",), False, (Flag.KIDNEY_PAIN_WITH_FEVER,), (Flag.KIDNEY_PAIN_WITH_FEVER,), True),
    ((), True, (Flag.ENDING_LIFE_THOUGHTS,), (Flag.ENDING_LIFE_THOUGHTS,), True),
]


@pytest.mark.parametrize(("bladder", "thoughts", "flags", "interrupting", "is_raised"), RED_FLAG_TABLE)
def test_raises_red_flags_with_the_self_check_rules(
    bladder: tuple[str, ...], thoughts: bool, flags: tuple[Flag, ...], interrupting: tuple[Flag, ...], is_raised: bool
) -> None:
    figures = CheckInFigures(
        day=day(1), craving=0, has_used=False, bladder_symptoms=bladder, has_thoughts_of_ending_life=thoughts
    )
    assert red_flags(figures) == flags
    assert interrupting_flags(figures) == interrupting
    assert (Trigger.RED_FLAG in triggers([figures])) == is_raised


def test_red_flag_reason_names_every_sign_in_plain_words() -> None:
    figures = CheckInFigures(
        day=day(1), craving=0, has_used=False, bladder_symptoms=("blood-in-urine",), has_thoughts_of_ending_life=True
    )
    (outreach,) = outreach_after_check_in([figures])
    assert outreach.reason == (
        "Their check-in mentioned thoughts of ending their life or harming themselves and blood in their urine. "
        "They were shown who to call."
    )


def test_orders_several_triggers_by_risk() -> None:
    latest = CheckInFigures(day=day(9), craving=9, has_used=True, bladder_symptoms=("blood-in-urine",))
    history = [calm(1), calm(2, craving=9), latest]
    assert triggers(history) == (Trigger.RED_FLAG, Trigger.USE_AFTER_NO_USE_RUN, Trigger.HIGH_CRAVING_TWICE)


def test_risk_order_puts_help_now_first_and_quiet_last() -> None:
    ranked = sorted(Trigger, key=lambda trigger: Outreach(trigger, "").risk)
    assert ranked == [
        Trigger.HELP_NOW,
        Trigger.RED_FLAG,
        Trigger.USE_AFTER_NO_USE_RUN,
        Trigger.HIGH_CRAVING_TWICE,
        Trigger.QUIET,
    ]


def test_help_now_says_what_the_person_did() -> None:
    assert help_now_outreach() == Outreach(
        Trigger.HELP_NOW, "They pressed \u201cI need help now\u201d and were shown who to call."
    )


def test_no_history_raises_nothing() -> None:
    assert outreach_after_check_in([]) == ()


# (use on each day as (day number, used), progress)
PROGRESS_TABLE = [
    ((), Progress(0, 0, 0, None)),
    (((1, False),), Progress(1, 1, 1, 1)),
    (((1, True),), Progress(1, 0, 0, None)),
    (tuple((number, False) for number in range(1, 8)), Progress(7, 7, 7, 7)),
    (tuple((number, False) for number in range(1, 31)), Progress(30, 30, 30, 30)),
    (((1, False), (2, False), (3, True)), Progress(3, 2, 0, None)),
    (((1, False), (2, False), (3, True), (4, False)), Progress(4, 3, 1, 1)),
    (((1, False), (8, False)), Progress(2, 2, 8, 7)),
]


@pytest.mark.parametrize(("uses", "expected"), PROGRESS_TABLE)
def test_counts_days_without_use_and_never_takes_them_away(
    uses: tuple[tuple[int, bool], ...], expected: Progress
) -> None:
    assert progress(calm(number, has_used=used) for number, used in uses) == expected


# (progress, latest check-in had use, message)
MESSAGE_TABLE = [
    (Progress(0, 0, 0, None), False, "Your first check-in will start your record here."),
    (Progress(1, 0, 0, None), False, "You have checked in 1 time."),
    (Progress(3, 1, 0, None), False, "You have checked in 3 times."),
    (Progress(7, 7, 7, 7), False, "7 days without using in a row. You have reached 7 days."),
    (Progress(9, 9, 9, 7), False, "9 days without using in a row. You have reached 7 days."),
    (
        Progress(3, 2, 0, None),
        True,
        "You have had 2 days without using, and they all still count. "
        "A day of use is a moment to look at your plan, not a reason to start again from nothing.",
    ),
    (
        Progress(2, 1, 0, None),
        True,
        "You have had 1 day without using, and they all still count. "
        "A day of use is a moment to look at your plan, not a reason to start again from nothing.",
    ),
]


@pytest.mark.parametrize(("summary", "has_used", "message"), MESSAGE_TABLE)
def test_tells_progress_without_judgement(summary: Progress, has_used: bool, message: str) -> None:
    assert progress_message(summary, latest_has_used=has_used) == message


@pytest.mark.parametrize("message", [row[2] for row in MESSAGE_TABLE])
def test_progress_never_scolds_or_resets(message: str) -> None:
    for word in ("reset", "failed", "failure", "back to zero", "relapse", "ketamine", "addict"):
        assert word not in message.lower()


def test_rules_import_nothing_from_django() -> None:
    import ast
    from pathlib import Path

    from waypost.recovery import rules

    tree = ast.parse(Path(rules.__file__).read_text(encoding="utf-8"))
    modules = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    modules += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    assert not [module for module in modules if module.startswith("django")]


def at(hour: int, minute: int = 0) -> datetime.time:
    return datetime.time(hour, minute)


# (quiet from, quiet until, time, in quiet hours?)
QUIET_HOURS_TABLE = [
    (None, None, at(3), False),
    (at(22), None, at(23), False),
    (at(9), at(9), at(9), False),
    (at(9), at(17), at(8, 59), False),
    (at(9), at(17), at(9), True),
    (at(9), at(17), at(16, 59), True),
    (at(9), at(17), at(17), False),
    (at(22), at(7), at(21, 59), False),
    (at(22), at(7), at(22), True),
    (at(22), at(7), at(0), True),
    (at(22), at(7), at(6, 59), True),
    (at(22), at(7), at(7), False),
]


@pytest.mark.parametrize(("start", "end", "moment", "is_quiet"), QUIET_HOURS_TABLE)
def test_quiet_hours_may_run_past_midnight(
    start: datetime.time | None, end: datetime.time | None, moment: datetime.time, is_quiet: bool
) -> None:
    from waypost.recovery.rules import is_in_quiet_hours

    assert is_in_quiet_hours(moment, start, end) == is_quiet


# (rhythm, now: day number and time, last reminded day, last check-in day, quiet from, quiet until, due?)
REMINDER_TABLE = [
    (Rhythm.DAILY, (10, at(18)), None, None, None, None, True),
    (Rhythm.DAILY, (10, at(17, 59)), None, None, None, None, False),
    (Rhythm.DAILY, (10, at(18)), 10, None, None, None, False),
    (Rhythm.DAILY, (10, at(18)), 9, None, None, None, True),
    (Rhythm.DAILY, (10, at(18)), None, 10, None, None, False),
    (Rhythm.DAILY, (10, at(18)), None, 9, None, None, True),
    (Rhythm.DAILY, (10, at(18)), None, None, at(17), at(19), False),
    (Rhythm.DAILY, (10, at(19)), None, None, at(17), at(19), True),
    (Rhythm.DAILY, (10, at(23)), None, None, at(22), at(7), False),
    (Rhythm.WEEKLY, (10, at(18)), 4, None, None, None, False),
    (Rhythm.WEEKLY, (10, at(18)), 3, None, None, None, True),
    (Rhythm.WEEKLY, (10, at(18)), None, 5, None, None, False),
    (Rhythm.WEEKLY, (10, at(18)), None, 3, None, None, True),
]


@pytest.mark.parametrize(
    ("rhythm", "now", "reminded", "checked_in", "quiet_from", "quiet_until", "is_due"), REMINDER_TABLE
)
def test_reminds_once_a_period_at_the_chosen_time_outside_quiet_hours(
    rhythm: Rhythm,
    now: tuple[int, datetime.time],
    reminded: int | None,
    checked_in: int | None,
    quiet_from: datetime.time | None,
    quiet_until: datetime.time | None,
    is_due: bool,
) -> None:
    from waypost.recovery.rules import is_reminder_due

    due = is_reminder_due(
        now=datetime.datetime.combine(day(now[0]), now[1]),
        remind_at=at(18),
        rhythm=rhythm,
        last_reminded_on=day(reminded) if reminded else None,
        last_check_in_on=day(checked_in) if checked_in else None,
        quiet_from=quiet_from,
        quiet_until=quiet_until,
    )
    assert due == is_due
