"""Turns a stored assessment, and the self-check summary the person shared, into the pure rules' input."""

from __future__ import annotations

import json

from waypost.intake.models import ContactRequest
from waypost.treatment import rules
from waypost.treatment.models import Assessment

YES = "yes"
DEPRESSION_QUESTIONNAIRE, ANXIETY_QUESTIONNAIRE = "phq-9", "gad-7"


def split_codes(text: str | None) -> frozenset[str]:
    return frozenset(code for code in (text or "").split(",") if code)


def selfcheck_entries(request: ContactRequest) -> list[dict[str, object]]:
    if not request.selfcheck_summary:
        return []
    entries = json.loads(request.selfcheck_summary)
    return [entry for entry in entries if isinstance(entry, dict)]


def band_of(entries: list[dict[str, object]], questionnaire: str) -> str:
    bands = [str(entry.get("band") or "") for entry in entries if entry.get("questionnaire") == questionnaire]
    return bands[0] if bands else ""


def flags_of(entries: list[dict[str, object]]) -> frozenset[str]:
    flags: set[str] = set()
    for entry in entries:
        listed = entry.get("flags")
        if isinstance(listed, list):
            flags.update(flag for flag in listed if isinstance(flag, str))
    return frozenset(flags)


def findings_for(assessment: Assessment, request: ContactRequest) -> rules.Findings:
    entries = selfcheck_entries(request)
    return rules.Findings(
        withdrawal=assessment.withdrawal_rating,
        physical=assessment.physical_rating,
        mental=assessment.mental_rating,
        readiness=assessment.readiness_rating,
        relapse=assessment.relapse_rating,
        environment=assessment.environment_rating,
        other_substances=split_codes(assessment.other_substances),
        has_visible_blood_in_urine=assessment.visible_blood_in_urine == YES,
        pregnancy=assessment.pregnancy or "",
        age_group=assessment.age_group,
        has_caring_responsibilities=assessment.caring_responsibilities == YES,
        depression_band=band_of(entries, DEPRESSION_QUESTIONNAIRE),
        anxiety_band=band_of(entries, ANXIETY_QUESTIONNAIRE),
        selfcheck_flags=flags_of(entries),
    )
