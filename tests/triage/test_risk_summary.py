"""The risk summary's words (H-040): every flag has plain words, red flags come first, unknown codes are kept."""

from __future__ import annotations

import datetime
import json

import pytest

from waypost.instruments.flags import Flag
from waypost.intake.models import ContactRequest
from waypost.triage.risk import FLAG_WORDS, risk_summary

SENT = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)


def summary_of(*entries: dict[str, object]) -> list[str]:
    contact_request = ContactRequest(created_at=SENT, selfcheck_summary=json.dumps(list(entries)))
    return [str(line) for line in risk_summary(contact_request)]


def test_every_flag_has_plain_words() -> None:
    assert set(FLAG_WORDS) == set(Flag)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            {"questionnaire": "phq-9", "band": None, "flags": ["self-harm-thoughts"]},
            [
                "Red flag: said they have thoughts of harming themselves "
                "(Patient Health Questionnaire (PHQ-9), 23 Nov 2026)"
            ],
        ),
        (
            {"questionnaire": "ketamine-use-signs", "band": "several", "flags": []},
            [
                "Said they noticed several signs (4 or 5) that ketamine may be causing problems. "
                "(Signs that ketamine may be causing problems, 23 Nov 2026)"
            ],
        ),
        (
            {"questionnaire": "bladder-signs", "band": "many", "flags": ["bladder-symptoms-while-using"]},
            [
                "Red flag: said they have bladder symptoms while using ketamine "
                "(Bladder and kidney signs, 23 Nov 2026)",
                "Said they have 3 or more urinary symptoms that can come from ketamine use. "
                "(Bladder and kidney signs, 23 Nov 2026)",
            ],
        ),
        (
            {"questionnaire": "safety", "band": None, "flags": ["a-flag-from-a-newer-version"]},
            ["Red flag: a-flag-from-a-newer-version (Safety check, 23 Nov 2026)"],
        ),
    ],
)
def test_risk_summary_says_each_check_in_plain_words(entry: dict[str, object], expected: list[str]) -> None:
    assert summary_of(entry) == expected


def test_red_flags_from_any_check_come_before_every_band() -> None:
    lines = summary_of(
        {"questionnaire": "gad-7", "band": "severe", "flags": []},
        {"questionnaire": "safety", "band": None, "flags": ["danger-now"]},
    )

    assert lines == [
        "Red flag: said someone is in danger right now (Safety check, 23 Nov 2026)",
        "Severe symptoms of anxiety. (Generalized Anxiety Disorder (GAD-7), 23 Nov 2026)",
    ]


def test_no_attached_self_check_gives_no_lines() -> None:
    assert risk_summary(ContactRequest(created_at=SENT, selfcheck_summary=None)) == []
