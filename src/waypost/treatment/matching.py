"""Rank the services a person could be referred to by how well each fits them, with the reasons. Pure Python.

Fit outweighs distance: the level of care comes first, then payment, whether the service takes new clients,
language, age group and gender; distance breaks near-ties. Every point given or taken has a reason staff can read.
"""

from __future__ import annotations

from dataclasses import dataclass

from waypost.core.wording import gettext_noop  # each reason is translated when shown (presenters.match_text)
from waypost.directory.taxonomy import AGE_GROUPS, LANGUAGES, PAYMENT_OPTIONS

# The directory care types that deliver each level of care (treatment.choices.LevelOfCare codes)
CARE_TYPES_FOR_LEVEL: dict[str, frozenset[str]] = {
    "withdrawal": frozenset({"withdrawal-inpatient", "withdrawal-outpatient"}),
    "residential": frozenset({"residential-short", "residential-long"}),
    "day-programme": frozenset({"day-programme"}),
    "intensive-outpatient": frozenset({"intensive-outpatient"}),
    "outpatient": frozenset({"outpatient-counselling"}),
    "peer-support": frozenset({"peer-support", "aftercare"}),
}
LEVEL_LABELS = {
    "withdrawal": gettext_noop("medically supervised withdrawal"),
    "residential": gettext_noop("residential treatment"),
    "day-programme": gettext_noop("a day programme"),
    "intensive-outpatient": gettext_noop("intensive outpatient"),
    "outpatient": gettext_noop("outpatient care"),
    "peer-support": gettext_noop("peer support and aftercare"),
}
# treatment.choices.Payment codes to directory PAYMENT_OPTIONS codes
PAYMENT_TERMS = {"public": "free"}
GENDER_ONLY_LABELS = {"women": gettext_noop("Women only"), "men": gettext_noop("Men only")}

LEVEL_POINTS = 40
PAYMENT_POINTS = 20
ACCEPTING_POINTS = 15
NOT_ACCEPTING_POINTS = -30
LANGUAGE_POINTS = 10
AGE_POINTS = 10
WRONG_GENDER_POINTS = -50
ON_WAYPOST_POINTS = 5
MOST_DISTANCE_POINTS = 20  # one point off per 5 km, up to this many


@dataclass(frozen=True)
class Need:
    """What the person needs, from the assessment; an empty code means not known, and is not held against anyone."""

    level_of_care: str = ""
    payment: str = ""
    age_group: str = ""
    language: str = ""
    gender: str = ""  # "women" or "men" when the person would use a gender-specific service


@dataclass(frozen=True)
class Candidate:
    key: str  # "service:<id>" or "provider:<organisation id>": what the refer form posts back
    name: str
    care_types: frozenset[str] = frozenset()
    payment_options: frozenset[str] = frozenset()
    age_groups: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    gender: str = "anyone"
    accepting: str = "unknown"  # directory Accepting: yes, no, unknown
    distance_km: float | None = None
    is_on_waypost: bool = False


@dataclass(frozen=True)
class Match:
    candidate: Candidate
    score: int
    reasons: tuple[str, ...]  # what fits
    concerns: tuple[str, ...]  # what does not, or is not known


def rank(candidates: list[Candidate], need: Need) -> list[Match]:
    """Best fit first; equal scores nearest first (unknown distance last), then by name."""
    matches = [match(candidate, need) for candidate in candidates]
    return sorted(matches, key=sort_key)


def sort_key(found: Match) -> tuple[int, float, str]:
    distance = found.candidate.distance_km
    return (-found.score, distance if distance is not None else float("inf"), found.candidate.name)


def match(candidate: Candidate, need: Need) -> Match:
    scored = [
        level_fit(candidate, need),
        payment_fit(candidate, need),
        accepting_fit(candidate),
        language_fit(candidate, need),
        age_fit(candidate, need),
        gender_fit(candidate, need),
        distance_fit(candidate),
        waypost_fit(candidate),
    ]
    return Match(
        candidate=candidate,
        score=sum(points for points, _, _ in scored),
        reasons=tuple(text for _, text, is_reason in scored if text and is_reason),
        concerns=tuple(text for _, text, is_reason in scored if text and not is_reason),
    )


# Each fit: (points, text, whether the text is a reason rather than a concern); empty text says nothing
Fit = tuple[int, str, bool]


def level_fit(candidate: Candidate, need: Need) -> Fit:
    if not need.level_of_care:
        return 0, "", True
    label = LEVEL_LABELS.get(need.level_of_care, need.level_of_care)
    if candidate.care_types & CARE_TYPES_FOR_LEVEL.get(need.level_of_care, frozenset()):
        return LEVEL_POINTS, f"Offers {label}", True
    return 0, f"Does not list {label}", False


def payment_fit(candidate: Candidate, need: Need) -> Fit:
    if not need.payment:
        return 0, "", True
    term = PAYMENT_TERMS.get(need.payment, need.payment)
    label = PAYMENT_OPTIONS.label_of(term)
    if term in candidate.payment_options:
        return PAYMENT_POINTS, f"Takes {label}", True
    return 0, f"Does not list {label}", False


def accepting_fit(candidate: Candidate) -> Fit:
    if candidate.accepting == "yes":
        return ACCEPTING_POINTS, gettext_noop("Accepting new clients"), True
    if candidate.accepting == "no":
        return NOT_ACCEPTING_POINTS, gettext_noop("Not accepting new clients"), False
    return 0, gettext_noop("Not known whether accepting new clients"), False


def language_fit(candidate: Candidate, need: Need) -> Fit:
    if not need.language:
        return 0, "", True
    label = LANGUAGES.label_of(need.language)
    if need.language in candidate.languages:
        return LANGUAGE_POINTS, f"Offers care in {label}", True
    return 0, f"Does not list {label}", False


def age_fit(candidate: Candidate, need: Need) -> Fit:
    if not need.age_group:
        return 0, "", True
    label = AGE_GROUPS.label_of(need.age_group)
    if need.age_group in candidate.age_groups:
        return AGE_POINTS, f"Sees {label.lower()}", True
    return 0, f"Does not list {label.lower()}", False


def gender_fit(candidate: Candidate, need: Need) -> Fit:
    only = GENDER_ONLY_LABELS.get(candidate.gender, "")
    if not only:
        return 0, "", True
    if need.gender == candidate.gender:
        return 0, only, True
    if need.gender:
        return WRONG_GENDER_POINTS, only, False
    return 0, only, False


def distance_fit(candidate: Candidate) -> Fit:
    if candidate.distance_km is None:
        return 0, gettext_noop("Distance not known"), False
    points = -min(MOST_DISTANCE_POINTS, int(candidate.distance_km // 5))
    return points, f"{candidate.distance_km:.1f} km away", True


def waypost_fit(candidate: Candidate) -> Fit:
    if candidate.is_on_waypost:
        return ON_WAYPOST_POINTS, gettext_noop("On Waypost: answers in its console"), True
    return 0, "", True
