"""The provisional level of care: six ratings and a few findings in, a suggestion with its reasons out (ADR 0024).

Pure Python, no Django: deterministic, explainable, table-tested in tests/treatment/test_rules.py. The rules are our
own and only suggest; a clinician confirms or overrides every one. They are not the ASAM Criteria or CONTINUUM and
copy none of their texts or decision tables. Sources, each named again beside the rule it supports:
- [ASAM-public] the six assessment dimensions rated 0-4, and the placement principle "the least intensive level that
  is still safe; the highest-risk dimension drives the decision", as publicly described (field notes 1.7, 6.1).
- [Orange Book] Drug misuse and dependence: UK guidelines on clinical management (DHSC 2017): supervised, often
  inpatient, withdrawal where alcohol, benzodiazepine or GHB dependence adds seizure risk; pregnant women and young
  people to be seen by specialist or priority services.
- [NICE CG52/CG51] drug misuse in over-16s: opioid substitution and naloxone; psychosocial interventions and
  motivational work for people not yet ready to change.
- [NICE NG58] coexisting severe mental illness and substance misuse: services that treat both together.
- [NICE NG12] suspected cancer: unexplained visible haematuria needs urgent assessment; [BNSSG ketamine pathway] refer
  to urology if urinary symptoms last more than 4 weeks after stopping (field notes 2.8, 5.2).
- [PHQ-9/GAD-7] published bands: 10 or more is "moderate" (field notes 2.5).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from waypost.core.wording import gettext_noop  # reasons are stored in English, translated when shown


class Level(StrEnum):
    """Equal to choices.LevelOfCare codes, most to least intensive (a test keeps the two in step)."""

    WITHDRAWAL = "withdrawal"
    RESIDENTIAL = "residential"
    DAY_PROGRAMME = "day-programme"
    INTENSIVE_OUTPATIENT = "intensive-outpatient"
    OUTPATIENT = "outpatient"
    PEER_SUPPORT = "peer-support"


LEVELS_MOST_INTENSIVE_FIRST = tuple(Level)

LEVEL_WORDS: Mapping[Level, str] = {
    Level.WITHDRAWAL: gettext_noop("medically supervised withdrawal"),
    Level.RESIDENTIAL: gettext_noop("residential treatment"),
    Level.DAY_PROGRAMME: gettext_noop("a day programme"),
    Level.INTENSIVE_OUTPATIENT: gettext_noop("intensive outpatient care"),
    Level.OUTPATIENT: gettext_noop("outpatient care"),
    Level.PEER_SUPPORT: gettext_noop("peer support and aftercare"),
}


class Dimension(StrEnum):
    """Equal to choices.Dimension codes."""

    WITHDRAWAL = "withdrawal"
    PHYSICAL = "physical"
    MENTAL = "mental"
    READINESS = "readiness"
    RELAPSE = "relapse"
    ENVIRONMENT = "environment"


DIMENSION_WORDS: Mapping[Dimension, str] = {
    Dimension.WITHDRAWAL: gettext_noop("Intoxication and withdrawal"),
    Dimension.PHYSICAL: gettext_noop("Physical health"),
    Dimension.MENTAL: gettext_noop("Mental health and thinking"),
    Dimension.READINESS: gettext_noop("Readiness to change"),
    Dimension.RELAPSE: gettext_noop("Relapse and continued-use risk"),
    Dimension.ENVIRONMENT: gettext_noop("Recovery environment"),
}

RATING_WORDS = (
    gettext_noop("no current problem"),
    gettext_noop("mild"),
    gettext_noop("moderate"),
    gettext_noop("severe"),
    gettext_noop("very severe"),
)


class Substance(StrEnum):
    """Equal to choices.Substance codes."""

    ALCOHOL = "alcohol"
    BENZODIAZEPINES = "benzodiazepines"
    OPIOIDS = "opioids"
    GHB = "ghb"
    STIMULANTS = "stimulants"


class Pregnancy(StrEnum):
    """Equal to choices.Pregnancy codes."""

    NOT_ASKED = ""
    NO = "no"
    YES = "yes"
    NOT_SURE = "not-sure"
    NOT_APPLICABLE = "not-applicable"


class ExtraReferral(StrEnum):
    """Help to arrange alongside the level of care."""

    UROLOGY = "urology"
    SAME_DAY_MEDICAL = "same-day-medical"
    MENTAL_HEALTH_CRISIS = "mental-health-crisis"
    MATERNITY = "maternity"
    YOUNG_PEOPLE = "young-people"


# Directory CARE_TYPES codes (directory/taxonomy.py), written out: this module imports nothing from Django apps
WITHDRAWAL_INPATIENT, WITHDRAWAL_OUTPATIENT = "withdrawal-inpatient", "withdrawal-outpatient"
RESIDENTIAL_SHORT, RESIDENTIAL_LONG = "residential-short", "residential-long"
DAY_PROGRAMME, INTENSIVE_OUTPATIENT = "day-programme", "intensive-outpatient"
OUTPATIENT_COUNSELLING, AFTERCARE, PEER_SUPPORT = "outpatient-counselling", "aftercare", "peer-support"
HARM_REDUCTION, DUAL_DIAGNOSIS, FAMILY_SUPPORT, UROLOGY = (
    "harm-reduction",
    "dual-diagnosis",
    "family-support",
    "urology",
)

CARE_TYPES_BY_LEVEL: Mapping[Level, tuple[str, ...]] = {
    Level.WITHDRAWAL: (WITHDRAWAL_INPATIENT, WITHDRAWAL_OUTPATIENT),
    Level.RESIDENTIAL: (RESIDENTIAL_SHORT, RESIDENTIAL_LONG),
    Level.DAY_PROGRAMME: (DAY_PROGRAMME,),
    Level.INTENSIVE_OUTPATIENT: (INTENSIVE_OUTPATIENT,),
    Level.OUTPATIENT: (OUTPATIENT_COUNSELLING,),
    Level.PEER_SUPPORT: (PEER_SUPPORT, AFTERCARE),
}

# [ASAM-public] each dimension's rating sets the least intensive level that is safe for it; None: it sets no floor.
# Readiness never raises the level past outpatient: more intensive care does not help until the person chooses it
# [NICE CG51]. Physical health at 4 needs same-day medical care, added as an extra referral below.
NO_FLOOR = None
LEVEL_FLOOR: Mapping[Dimension, tuple[Level | None, Level | None, Level | None, Level | None, Level | None]] = {
    Dimension.WITHDRAWAL: (NO_FLOOR, Level.OUTPATIENT, Level.INTENSIVE_OUTPATIENT, Level.WITHDRAWAL, Level.WITHDRAWAL),
    Dimension.PHYSICAL: (NO_FLOOR, NO_FLOOR, Level.OUTPATIENT, Level.INTENSIVE_OUTPATIENT, Level.DAY_PROGRAMME),
    Dimension.MENTAL: (NO_FLOOR, Level.OUTPATIENT, Level.INTENSIVE_OUTPATIENT, Level.DAY_PROGRAMME, Level.RESIDENTIAL),
    Dimension.READINESS: (NO_FLOOR, NO_FLOOR, Level.OUTPATIENT, Level.OUTPATIENT, Level.OUTPATIENT),
    Dimension.RELAPSE: (NO_FLOOR, Level.OUTPATIENT, Level.INTENSIVE_OUTPATIENT, Level.DAY_PROGRAMME, Level.RESIDENTIAL),
    Dimension.ENVIRONMENT: (
        NO_FLOOR,
        Level.OUTPATIENT,
        Level.INTENSIVE_OUTPATIENT,
        Level.RESIDENTIAL,
        Level.RESIDENTIAL,
    ),
}

# Self-check codes the rules read (instruments/flags.py, instruments/bands.py)
MODERATE_OR_WORSE_BANDS = frozenset({"moderate", "moderately-severe", "severe"})
BLOOD_IN_URINE_FLAG = "blood-in-urine"
URINARY_AFTER_STOPPING_FLAG = "urinary-symptoms-after-stopping"
SAME_DAY_MEDICAL_FLAGS = frozenset({"unable-to-pass-urine", "kidney-pain-with-fever"})
CRISIS_FLAGS = frozenset(
    {"ending-life-intent-or-plan", "ending-life-recent-behaviour", "ending-life-thoughts", "self-harm-thoughts"}
)
UNDER_18_AGE_GROUPS = frozenset({"children", "young-people"})
ALCOHOL_OR_BENZODIAZEPINES = frozenset({Substance.ALCOHOL, Substance.BENZODIAZEPINES})


@dataclass(frozen=True)
class Findings:
    """What the rules read: the six ratings (0-4, None when not yet rated) and the other findings."""

    withdrawal: int | None = None
    physical: int | None = None
    mental: int | None = None
    readiness: int | None = None
    relapse: int | None = None
    environment: int | None = None
    other_substances: frozenset[str] = frozenset()
    has_visible_blood_in_urine: bool = False
    pregnancy: str = Pregnancy.NOT_ASKED
    age_group: str = ""
    has_caring_responsibilities: bool = False
    # From the self-check the person shared: PHQ-9 and GAD-7 band codes, and red-flag codes
    depression_band: str = ""
    anxiety_band: str = ""
    selfcheck_flags: frozenset[str] = frozenset()

    def rating(self, dimension: Dimension) -> int | None:
        value: int | None = getattr(self, dimension.value)
        return value


@dataclass(frozen=True)
class Suggestion:
    level: Level | None
    care_types: tuple[str, ...]
    extra_referrals: tuple[ExtraReferral, ...]
    reasons: tuple[str, ...]
    is_complete: bool = True


@dataclass
class _Draft:
    floors: list[tuple[Level, str]] = field(default_factory=list)
    care_types: list[str] = field(default_factory=list)
    extra_referrals: list[ExtraReferral] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def require(self, level: Level, reason: str) -> None:
        self.floors.append((level, reason))

    def add(self, care_type: str = "", referral: ExtraReferral | None = None, note: str = "") -> None:
        if care_type and care_type not in self.care_types:
            self.care_types.append(care_type)
        if referral is not None and referral not in self.extra_referrals:
            self.extra_referrals.append(referral)
        if note:
            self.notes.append(note)


def check_rating(value: int | None) -> None:
    if value is not None and not 0 <= value <= 4:
        raise ValueError(f"A rating runs from 0 to 4, not {value}")


def suggest(findings: Findings) -> Suggestion:
    """The suggested level, the directory care types that fit, other referrals, and every reason in plain words."""
    ratings = {dimension: findings.rating(dimension) for dimension in Dimension}
    for value in ratings.values():
        check_rating(value)
    if all(value is None for value in ratings.values()):
        return Suggestion(
            None, (), (), (gettext_noop("Rate the six areas to see a suggested level of care."),), is_complete=False
        )
    draft = _Draft()
    rate_dimensions(ratings, draft)
    apply_other_substances(findings, draft)
    apply_physical_health(findings, draft)
    apply_mental_health(findings, draft)
    apply_readiness(findings, draft)
    apply_person(findings, draft)
    return finish(findings, ratings, draft)


def rate_dimensions(ratings: Mapping[Dimension, int | None], draft: _Draft) -> None:
    # [ASAM-public] the highest-risk dimension drives the level
    for dimension, value in ratings.items():
        floor = None if value is None else LEVEL_FLOOR[dimension][value]
        if value is not None and floor is not None:
            words = f"{DIMENSION_WORDS[dimension]} rated {value} ({RATING_WORDS[value]})"
            draft.require(floor, f"{words} → {LEVEL_WORDS[floor]}")


def apply_other_substances(findings: Findings, draft: _Draft) -> None:
    used = findings.other_substances
    # [Orange Book] stopping alcohol, benzodiazepines or GHB suddenly can cause seizures; GHB withdrawal comes on fast
    if Substance.GHB in used:
        draft.require(Level.WITHDRAWAL, gettext_noop("Uses GHB or GBL as well → medically supervised withdrawal"))
    if used >= ALCOHOL_OR_BENZODIAZEPINES:
        draft.require(
            Level.WITHDRAWAL, gettext_noop("Uses alcohol and benzodiazepines as well → medically supervised withdrawal")
        )
    elif used & ALCOHOL_OR_BENZODIAZEPINES and (findings.withdrawal or 0) >= 2:
        reason = (
            gettext_noop("Uses alcohol as well, with withdrawal rated 2 or more → medically supervised withdrawal")
            if Substance.ALCOHOL in used
            else gettext_noop(
                "Uses benzodiazepines as well, with withdrawal rated 2 or more → medically supervised withdrawal"
            )
        )
        draft.require(Level.WITHDRAWAL, reason)
    # [NICE CG52] opioid substitution treatment and take-home naloxone
    if Substance.OPIOIDS in used:
        draft.add(
            HARM_REDUCTION,
            note=gettext_noop("Uses opioids as well → a service that offers opioid substitution and naloxone"),
        )


def apply_physical_health(findings: Findings, draft: _Draft) -> None:
    # [NICE NG12] visible blood in urine needs urgent assessment; [BNSSG] symptoms after stopping go to urology
    if findings.has_visible_blood_in_urine or BLOOD_IN_URINE_FLAG in findings.selfcheck_flags:
        draft.add(UROLOGY, ExtraReferral.UROLOGY, gettext_noop("Visible blood in urine → urology referral as well"))
    if URINARY_AFTER_STOPPING_FLAG in findings.selfcheck_flags:
        draft.add(
            UROLOGY,
            ExtraReferral.UROLOGY,
            gettext_noop("Urinary symptoms that go on after stopping → urology referral as well"),
        )
    if (findings.physical or 0) >= 3:
        draft.add(
            UROLOGY,
            ExtraReferral.UROLOGY,
            gettext_noop("Physical health rated 3 or more (bladder, kidneys) → urology referral as well"),
        )
    if findings.physical == 4 or findings.selfcheck_flags & SAME_DAY_MEDICAL_FLAGS:
        draft.add(
            referral=ExtraReferral.SAME_DAY_MEDICAL,
            note=gettext_noop("Cannot pass urine, kidney pain with fever, or physical health rated 4 → a doctor today"),
        )


def apply_mental_health(findings: Findings, draft: _Draft) -> None:
    # [NICE NG58] mental health and drug use treated together; PHQ-9 and GAD-7 bands as published
    if (findings.mental or 0) >= 2:
        draft.add(DUAL_DIAGNOSIS, note=gettext_noop("Mental health rated 2 or more → services that treat both"))
    if findings.depression_band in MODERATE_OR_WORSE_BANDS:
        draft.add(
            DUAL_DIAGNOSIS,
            note=gettext_noop("Moderate or worse symptoms of depression (PHQ-9) → services that treat both"),
        )
    if findings.anxiety_band in MODERATE_OR_WORSE_BANDS:
        draft.add(
            DUAL_DIAGNOSIS,
            note=gettext_noop("Moderate or worse symptoms of anxiety (GAD-7) → services that treat both"),
        )
    if findings.mental == 4 or findings.selfcheck_flags & CRISIS_FLAGS:
        draft.add(
            referral=ExtraReferral.MENTAL_HEALTH_CRISIS,
            note=gettext_noop(
                "Thoughts of suicide or self-harm, or mental health rated 4 → a mental health crisis assessment today"
            ),
        )


def apply_readiness(findings: Findings, draft: _Draft) -> None:
    # [NICE CG51] motivational work and harm reduction first for someone not yet ready
    if (findings.readiness or 0) >= 3:
        draft.add(HARM_REDUCTION, note=gettext_noop("Not ready to change yet → motivational work and harm reduction"))


def apply_person(findings: Findings, draft: _Draft) -> None:
    # [Orange Book] pregnant women and under-18s are seen first, by services set up for them
    if findings.pregnancy in (Pregnancy.YES, Pregnancy.NOT_SURE):
        draft.add(
            referral=ExtraReferral.MATERNITY,
            note=gettext_noop("Pregnant or may be → tell the maternity team; seen first"),
        )
    if findings.age_group in UNDER_18_AGE_GROUPS:
        draft.add(referral=ExtraReferral.YOUNG_PEOPLE, note=gettext_noop("Under 18 → a young people's drug service"))
    if findings.has_caring_responsibilities:
        draft.add(
            FAMILY_SUPPORT,
            note=gettext_noop("Cares for children or others → plan their care before any stay away from home"),
        )


def needs_inpatient_withdrawal(findings: Findings) -> str:
    """Why withdrawal at home is not safe, or "" when it may be."""
    if findings.pregnancy in (Pregnancy.YES, Pregnancy.NOT_SURE):
        return gettext_noop("Pregnant or may be → withdrawal in an inpatient unit, not at home")
    if findings.withdrawal == 4 or findings.physical == 4:
        return gettext_noop("Withdrawal or physical health rated 4 → withdrawal in an inpatient unit, not at home")
    if (findings.environment or 0) >= 3:
        return gettext_noop(
            "No safe or supportive home (environment rated 3 or more) → withdrawal in an inpatient unit"
        )
    if Substance.GHB in findings.other_substances:
        return gettext_noop("GHB withdrawal can come on within hours → withdrawal in an inpatient unit, not at home")
    return ""


def finish(findings: Findings, ratings: Mapping[Dimension, int | None], draft: _Draft) -> Suggestion:
    if draft.floors:
        level = min((floor for floor, _ in draft.floors), key=LEVELS_MOST_INTENSIVE_FIRST.index)
        reasons = [reason for floor, reason in draft.floors if floor is level]
    else:
        level = Level.PEER_SUPPORT
        reasons = [gettext_noop("No area rated above 0 → peer support and aftercare")]
    care_types = list(CARE_TYPES_BY_LEVEL[level])
    if level is Level.WITHDRAWAL:
        inpatient_reason = needs_inpatient_withdrawal(findings)
        if inpatient_reason:
            care_types.remove(WITHDRAWAL_OUTPATIENT)
            reasons.append(inpatient_reason)
    care_types += [care_type for care_type in draft.care_types if care_type not in care_types]
    reasons += draft.notes
    is_complete = all(value is not None for value in ratings.values())
    if not is_complete:
        reasons.append(gettext_noop("Not every area is rated yet: the suggestion may change."))
    return Suggestion(level, tuple(care_types), tuple(draft.extra_referrals), tuple(reasons), is_complete)
