"""Display text for assessments, so templates hold only loops and ifs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from waypost.directory.taxonomy import CARE_TYPES
from waypost.treatment import rules
from waypost.treatment.choices import BenefitsCheck, Dimension, LevelOfCare, Payment, Rating
from waypost.treatment.findings import findings_for
from waypost.treatment.models import Assessment

EXTRA_REFERRAL_WORDS: Mapping[rules.ExtraReferral, str] = {
    rules.ExtraReferral.UROLOGY: "Urology or bladder clinic",
    rules.ExtraReferral.SAME_DAY_MEDICAL: "A doctor today (GP, urgent care or A&E)",
    rules.ExtraReferral.MENTAL_HEALTH_CRISIS: "Mental health crisis assessment today",
    rules.ExtraReferral.MATERNITY: "Maternity team",
    rules.ExtraReferral.YOUNG_PEOPLE: "Young people's drug service",
}
CARE_TYPE_WORDS = {term.code: term.label for term in CARE_TYPES.terms}
NOT_RATED = "Not rated"


@dataclass(frozen=True)
class RatingLine:
    dimension: str
    rating: str


@dataclass(frozen=True)
class LevelView:
    """The rules' suggestion and the clinician's decision on it, in words."""

    suggested: str
    reasons: tuple[str, ...]
    care_types: tuple[str, ...]
    extra_referrals: tuple[str, ...]
    decision: str
    override_reason: str


@dataclass(frozen=True)
class AssessmentSummary:
    ratings: tuple[RatingLine, ...]
    level: LevelView
    payment: str
    benefits: str
    assessed: str


def level_label(code: str) -> str:
    return LevelOfCare(code).label if code in LevelOfCare.values else ""


def decision_text(assessment: Assessment) -> str:
    if not assessment.confirmed_level:
        return "Not yet confirmed by a clinician"
    who = assessment.confirmed_by.get_username() if assessment.confirmed_by else "a former member of staff"
    when = f"{assessment.confirmed_at:%d %b %Y %H:%M}" if assessment.confirmed_at else ""
    verb = "Overridden" if assessment.override_reason else "Confirmed"
    return f"{verb}: {level_label(assessment.confirmed_level)}, by {who} on {when}"


def level_view(assessment: Assessment) -> LevelView:
    suggestion = rules.suggest(findings_for(assessment, assessment.contact_request))
    return LevelView(
        suggested=level_label(assessment.suggested_level) or "No suggestion yet",
        reasons=tuple(line for line in (assessment.suggested_reasons or "").splitlines() if line),
        care_types=tuple(CARE_TYPE_WORDS.get(code, code) for code in suggestion.care_types),
        extra_referrals=tuple(EXTRA_REFERRAL_WORDS[referral] for referral in suggestion.extra_referrals),
        decision=decision_text(assessment),
        override_reason=assessment.override_reason or "",
    )


def rating_lines(assessment: Assessment) -> tuple[RatingLine, ...]:
    lines = []
    for dimension in Dimension:
        value = getattr(assessment, f"{dimension.value}_rating")
        lines.append(RatingLine(dimension.label, NOT_RATED if value is None else Rating(value).label))
    return tuple(lines)


def payment_text(assessment: Assessment) -> str:
    if not assessment.payment:
        return "Not recorded"
    label = Payment(assessment.payment).label
    if assessment.payment == Payment.PRIVATE_INSURANCE and assessment.insurer:
        return f"{label}: {assessment.insurer}"
    return label


def benefits_text(assessment: Assessment) -> str:
    label = BenefitsCheck(assessment.benefits_check).label
    return f"{label}: {assessment.benefits_outcome}" if assessment.benefits_outcome else label


def assessment_summary(assessment: Assessment) -> AssessmentSummary:
    """The assessment in a few lines, for the request page (treatment/includes/assessment_summary.html)."""
    return AssessmentSummary(
        ratings=rating_lines(assessment),
        level=level_view(assessment),
        payment=payment_text(assessment),
        benefits=benefits_text(assessment),
        assessed=f"{assessment.assessed_by_name}, {assessment.updated_at:%d %b %Y %H:%M}",
    )
