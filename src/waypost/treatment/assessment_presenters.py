"""Display text for assessments, so templates hold only loops and ifs."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from waypost.directory.taxonomy import CARE_TYPES
from waypost.treatment import rules
from waypost.treatment.choices import BenefitsCheck, Dimension, LevelOfCare, Payment, Rating
from waypost.treatment.findings import findings_for
from waypost.treatment.models import Assessment

EXTRA_REFERRAL_WORDS: Mapping[rules.ExtraReferral, Promise] = {
    rules.ExtraReferral.UROLOGY: gettext_lazy("Urology or bladder clinic"),
    rules.ExtraReferral.SAME_DAY_MEDICAL: gettext_lazy("A doctor today (GP, urgent care or A&E)"),
    rules.ExtraReferral.MENTAL_HEALTH_CRISIS: gettext_lazy("Mental health crisis assessment today"),
    rules.ExtraReferral.MATERNITY: gettext_lazy("Maternity team"),
    rules.ExtraReferral.YOUNG_PEOPLE: gettext_lazy("Young people's drug service"),
}
CARE_TYPE_WORDS = {term.code: term.label for term in CARE_TYPES.terms}
NOT_RATED = gettext_lazy("Not rated")
# The one reason rules.py composes from parts: "Physical health rated 3 (severe) → residential treatment"
RATED_REASON = re.compile(r"^(?P<dimension>.+) rated (?P<value>[0-4]) \((?P<words>[^)]+)\) → (?P<level>.+)$")


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
    return str(LevelOfCare(code).label) if code in LevelOfCare.values else ""


def reason_text(line: str) -> str:
    """A stored English reason in the console's language (H-096); a line not in the catalogue is shown as stored."""
    rated = RATED_REASON.match(line)
    if rated is None:
        return _(line)
    parts = {name: _(rated[name]) for name in ("dimension", "words", "level")}
    return _("%(dimension)s rated %(value)s (%(words)s) → %(level)s") % {**parts, "value": rated["value"]}


def decision_text(assessment: Assessment) -> str:
    if not assessment.confirmed_level:
        return _("Not yet confirmed by a clinician")
    who = assessment.confirmed_by.get_username() if assessment.confirmed_by else _("a former member of staff")
    when = date_format(assessment.confirmed_at, "d M Y H:i") if assessment.confirmed_at else ""
    words = {"level": level_label(assessment.confirmed_level), "who": who, "when": when}
    if assessment.override_reason:
        return _("Overridden: %(level)s, by %(who)s on %(when)s") % words
    return _("Confirmed: %(level)s, by %(who)s on %(when)s") % words


def level_view(assessment: Assessment) -> LevelView:
    suggestion = rules.suggest(findings_for(assessment, assessment.contact_request))
    return LevelView(
        suggested=level_label(assessment.suggested_level) or _("No suggestion yet"),
        reasons=tuple(reason_text(line) for line in (assessment.suggested_reasons or "").splitlines() if line),
        care_types=tuple(CARE_TYPE_WORDS.get(code, code) for code in suggestion.care_types),
        extra_referrals=tuple(str(EXTRA_REFERRAL_WORDS[referral]) for referral in suggestion.extra_referrals),
        decision=decision_text(assessment),
        override_reason=assessment.override_reason or "",
    )


def rating_lines(assessment: Assessment) -> tuple[RatingLine, ...]:
    lines = []
    for dimension in Dimension:
        value = getattr(assessment, f"{dimension.value}_rating")
        lines.append(RatingLine(str(dimension.label), str(NOT_RATED if value is None else Rating(value).label)))
    return tuple(lines)


def payment_text(assessment: Assessment) -> str:
    if not assessment.payment:
        return _("Not recorded")
    label = str(Payment(assessment.payment).label)
    if assessment.payment == Payment.PRIVATE_INSURANCE and assessment.insurer:
        return f"{label}: {assessment.insurer}"
    return label


def benefits_text(assessment: Assessment) -> str:
    label = str(BenefitsCheck(assessment.benefits_check).label)
    return f"{label}: {assessment.benefits_outcome}" if assessment.benefits_outcome else label


def assessment_summary(assessment: Assessment) -> AssessmentSummary:
    """The assessment in a few lines, for the request page (treatment/includes/assessment_summary.html)."""
    return AssessmentSummary(
        ratings=rating_lines(assessment),
        level=level_view(assessment),
        payment=payment_text(assessment),
        benefits=benefits_text(assessment),
        assessed=f"{assessment.assessed_by_name}, {date_format(assessment.updated_at, 'd M Y H:i')}",
    )
