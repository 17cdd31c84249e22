"""The provisional level-of-care rules: every rating of every dimension, and each special rule (ADR 0024)."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from waypost.core import wording
from waypost.directory.taxonomy import CARE_TYPES
from waypost.treatment import choices, rules
from waypost.treatment.rules import ExtraReferral, Findings, Level, Substance, suggest

ALL_ZERO = Findings(withdrawal=0, physical=0, mental=0, readiness=0, relapse=0, environment=0)
PEER = ("peer-support", "aftercare")

# (dimension, rating, level, care types, extra referrals), every other dimension rated 0
DIMENSION_TABLE = [
    ("withdrawal", 0, Level.PEER_SUPPORT, PEER, ()),
    ("withdrawal", 1, Level.OUTPATIENT, ("outpatient-counselling",), ()),
    ("withdrawal", 2, Level.INTENSIVE_OUTPATIENT, ("intensive-outpatient",), ()),
    ("withdrawal", 3, Level.WITHDRAWAL, ("withdrawal-inpatient", "withdrawal-outpatient"), ()),
    ("withdrawal", 4, Level.WITHDRAWAL, ("withdrawal-inpatient",), ()),
    ("physical", 0, Level.PEER_SUPPORT, PEER, ()),
    ("physical", 1, Level.PEER_SUPPORT, PEER, ()),
    ("physical", 2, Level.OUTPATIENT, ("outpatient-counselling",), ()),
    ("physical", 3, Level.INTENSIVE_OUTPATIENT, ("intensive-outpatient", "urology"), (ExtraReferral.UROLOGY,)),
    (
        "physical",
        4,
        Level.DAY_PROGRAMME,
        ("day-programme", "urology"),
        (ExtraReferral.UROLOGY, ExtraReferral.SAME_DAY_MEDICAL),
    ),
    ("mental", 0, Level.PEER_SUPPORT, PEER, ()),
    ("mental", 1, Level.OUTPATIENT, ("outpatient-counselling",), ()),
    ("mental", 2, Level.INTENSIVE_OUTPATIENT, ("intensive-outpatient", "dual-diagnosis"), ()),
    ("mental", 3, Level.DAY_PROGRAMME, ("day-programme", "dual-diagnosis"), ()),
    (
        "mental",
        4,
        Level.RESIDENTIAL,
        ("residential-short", "residential-long", "dual-diagnosis"),
        (ExtraReferral.MENTAL_HEALTH_CRISIS,),
    ),
    ("readiness", 0, Level.PEER_SUPPORT, PEER, ()),
    ("readiness", 1, Level.PEER_SUPPORT, PEER, ()),
    ("readiness", 2, Level.OUTPATIENT, ("outpatient-counselling",), ()),
    ("readiness", 3, Level.OUTPATIENT, ("outpatient-counselling", "harm-reduction"), ()),
    ("readiness", 4, Level.OUTPATIENT, ("outpatient-counselling", "harm-reduction"), ()),
    ("relapse", 0, Level.PEER_SUPPORT, PEER, ()),
    ("relapse", 1, Level.OUTPATIENT, ("outpatient-counselling",), ()),
    ("relapse", 2, Level.INTENSIVE_OUTPATIENT, ("intensive-outpatient",), ()),
    ("relapse", 3, Level.DAY_PROGRAMME, ("day-programme",), ()),
    ("relapse", 4, Level.RESIDENTIAL, ("residential-short", "residential-long"), ()),
    ("environment", 0, Level.PEER_SUPPORT, PEER, ()),
    ("environment", 1, Level.OUTPATIENT, ("outpatient-counselling",), ()),
    ("environment", 2, Level.INTENSIVE_OUTPATIENT, ("intensive-outpatient",), ()),
    ("environment", 3, Level.RESIDENTIAL, ("residential-short", "residential-long"), ()),
    ("environment", 4, Level.RESIDENTIAL, ("residential-short", "residential-long"), ()),
]


@pytest.mark.parametrize(("dimension", "rating", "level", "care_types", "referrals"), DIMENSION_TABLE)
def test_each_rating_of_each_dimension_sets_its_level_care_types_and_referrals(
    dimension: str, rating: int, level: Level, care_types: tuple[str, ...], referrals: tuple[ExtraReferral, ...]
) -> None:
    changes: dict[str, Any] = {dimension: rating}
    suggestion = suggest(replace(ALL_ZERO, **changes))

    assert (suggestion.level, suggestion.care_types, suggestion.extra_referrals) == (level, care_types, referrals)
    assert suggestion.is_complete is True


def test_the_table_covers_every_rating_of_every_dimension() -> None:
    covered = {(dimension, rating) for dimension, rating, *_ in DIMENSION_TABLE}
    assert covered == {(dimension.value, rating) for dimension in rules.Dimension for rating in range(5)}


def test_the_dimension_that_sets_the_level_is_named_in_plain_words() -> None:
    suggestion = suggest(replace(ALL_ZERO, relapse=3))

    assert suggestion.reasons == ("Relapse and continued-use risk rated 3 (severe) → a day programme",)


def test_everything_rated_zero_suggests_peer_support_and_says_why() -> None:
    assert suggest(ALL_ZERO).reasons == ("No area rated above 0 → peer support and aftercare",)


def test_the_highest_risk_dimension_drives_the_level_and_only_its_reasons_are_listed() -> None:
    suggestion = suggest(replace(ALL_ZERO, withdrawal=1, relapse=2, environment=3))

    assert suggestion.level is Level.RESIDENTIAL
    assert suggestion.reasons == ("Recovery environment rated 3 (severe) → residential treatment",)


def test_two_dimensions_at_the_same_level_are_both_given_as_reasons() -> None:
    suggestion = suggest(replace(ALL_ZERO, mental=3, relapse=3))

    assert suggestion.level is Level.DAY_PROGRAMME
    assert suggestion.reasons == (
        "Mental health and thinking rated 3 (severe) → a day programme",
        "Relapse and continued-use risk rated 3 (severe) → a day programme",
        "Mental health rated 2 or more → services that treat both",
    )


def test_nothing_rated_gives_no_level_and_asks_for_ratings() -> None:
    suggestion = suggest(Findings())

    assert (suggestion.level, suggestion.care_types, suggestion.is_complete) == (None, (), False)
    assert suggestion.reasons == ("Rate the six areas to see a suggested level of care.",)


def test_a_partly_rated_assessment_suggests_from_what_is_rated_and_says_it_may_change() -> None:
    suggestion = suggest(Findings(relapse=2))

    assert suggestion.level is Level.INTENSIVE_OUTPATIENT
    assert suggestion.is_complete is False
    assert suggestion.reasons[-1] == "Not every area is rated yet: the suggestion may change."


@pytest.mark.parametrize("rating", [-1, 5])
def test_a_rating_outside_zero_to_four_is_refused(rating: int) -> None:
    with pytest.raises(ValueError, match="from 0 to 4"):
        suggest(replace(ALL_ZERO, mental=rating))


def test_alcohol_and_benzodiazepines_together_mean_medically_supervised_withdrawal() -> None:
    suggestion = suggest(replace(ALL_ZERO, other_substances=frozenset({Substance.ALCOHOL, Substance.BENZODIAZEPINES})))

    assert suggestion.level is Level.WITHDRAWAL
    assert suggestion.care_types == ("withdrawal-inpatient", "withdrawal-outpatient")
    assert suggestion.reasons == ("Uses alcohol and benzodiazepines as well → medically supervised withdrawal",)


def test_ghb_means_withdrawal_in_an_inpatient_unit() -> None:
    suggestion = suggest(replace(ALL_ZERO, other_substances=frozenset({Substance.GHB})))

    assert suggestion.level is Level.WITHDRAWAL
    assert suggestion.care_types == ("withdrawal-inpatient",)
    assert suggestion.reasons == (
        "Uses GHB or GBL as well → medically supervised withdrawal",
        "GHB withdrawal can come on within hours → withdrawal in an inpatient unit, not at home",
    )


@pytest.mark.parametrize(
    ("substance", "withdrawal", "level"),
    [
        (Substance.ALCOHOL, 1, Level.OUTPATIENT),
        (Substance.ALCOHOL, 2, Level.WITHDRAWAL),
        (Substance.BENZODIAZEPINES, 1, Level.OUTPATIENT),
        (Substance.BENZODIAZEPINES, 2, Level.WITHDRAWAL),
        (Substance.STIMULANTS, 2, Level.INTENSIVE_OUTPATIENT),
        (Substance.OPIOIDS, 2, Level.INTENSIVE_OUTPATIENT),
    ],
)
def test_alcohol_or_benzodiazepines_alone_need_supervised_withdrawal_from_withdrawal_rated_two(
    substance: Substance, withdrawal: int, level: Level
) -> None:
    findings = replace(ALL_ZERO, withdrawal=withdrawal, other_substances=frozenset({substance}))

    assert suggest(findings).level is level


def test_alcohol_with_withdrawal_rated_two_names_alcohol_in_the_reason() -> None:
    findings = replace(ALL_ZERO, withdrawal=2, other_substances=frozenset({Substance.ALCOHOL}))

    assert suggest(findings).reasons == (
        "Uses alcohol as well, with withdrawal rated 2 or more → medically supervised withdrawal",
    )


def test_ghb_with_withdrawal_rated_two_gives_only_the_ghb_reasons() -> None:
    findings = replace(ALL_ZERO, withdrawal=2, other_substances=frozenset({Substance.GHB}))

    assert suggest(findings).reasons == (
        "Uses GHB or GBL as well → medically supervised withdrawal",
        "GHB withdrawal can come on within hours → withdrawal in an inpatient unit, not at home",
    )


def test_opioids_add_harm_reduction_for_substitution_and_naloxone() -> None:
    suggestion = suggest(replace(ALL_ZERO, other_substances=frozenset({Substance.OPIOIDS})))

    assert suggestion.level is Level.PEER_SUPPORT
    assert suggestion.care_types == ("peer-support", "aftercare", "harm-reduction")
    assert suggestion.reasons[-1] == "Uses opioids as well → a service that offers opioid substitution and naloxone"


def test_visible_blood_in_urine_adds_a_urology_referral() -> None:
    suggestion = suggest(replace(ALL_ZERO, has_visible_blood_in_urine=True))

    assert suggestion.extra_referrals == (ExtraReferral.UROLOGY,)
    assert suggestion.care_types == ("peer-support", "aftercare", "urology")
    assert suggestion.reasons[-1] == "Visible blood in urine → urology referral as well"


@pytest.mark.parametrize(
    ("flag", "referrals"),
    [
        ("blood-in-urine", (ExtraReferral.UROLOGY,)),
        ("urinary-symptoms-after-stopping", (ExtraReferral.UROLOGY,)),
        ("unable-to-pass-urine", (ExtraReferral.SAME_DAY_MEDICAL,)),
        ("kidney-pain-with-fever", (ExtraReferral.SAME_DAY_MEDICAL,)),
        ("ending-life-thoughts", (ExtraReferral.MENTAL_HEALTH_CRISIS,)),
        ("ending-life-intent-or-plan", (ExtraReferral.MENTAL_HEALTH_CRISIS,)),
        ("ending-life-recent-behaviour", (ExtraReferral.MENTAL_HEALTH_CRISIS,)),
        ("self-harm-thoughts", (ExtraReferral.MENTAL_HEALTH_CRISIS,)),
        ("mixing-with-depressants", ()),
        ("bladder-symptoms-while-using", ()),
    ],
)
def test_red_flags_the_person_shared_add_the_referrals_they_need(
    flag: str, referrals: tuple[ExtraReferral, ...]
) -> None:
    assert suggest(replace(ALL_ZERO, selfcheck_flags=frozenset({flag}))).extra_referrals == referrals


@pytest.mark.parametrize(
    ("band", "adds_dual_diagnosis"),
    [("minimal", False), ("mild", False), ("moderate", True), ("moderately-severe", True), ("severe", True)],
)
def test_moderate_or_worse_depression_on_the_self_check_adds_services_that_treat_both(
    band: str, adds_dual_diagnosis: bool
) -> None:
    suggestion = suggest(replace(ALL_ZERO, depression_band=band))

    assert ("dual-diagnosis" in suggestion.care_types) is adds_dual_diagnosis
    expected = "Moderate or worse symptoms of depression (PHQ-9) → services that treat both"
    assert (expected in suggestion.reasons) is adds_dual_diagnosis


@pytest.mark.parametrize(
    ("band", "adds_dual_diagnosis"), [("minimal", False), ("mild", False), ("moderate", True), ("severe", True)]
)
def test_moderate_or_worse_anxiety_on_the_self_check_adds_services_that_treat_both(
    band: str, adds_dual_diagnosis: bool
) -> None:
    assert ("dual-diagnosis" in suggest(replace(ALL_ZERO, anxiety_band=band)).care_types) is adds_dual_diagnosis


@pytest.mark.parametrize(
    ("pregnancy", "referrals"),
    [
        ("", ()),
        ("no", ()),
        ("not-applicable", ()),
        ("yes", (ExtraReferral.MATERNITY,)),
        ("not-sure", (ExtraReferral.MATERNITY,)),
    ],
)
def test_pregnancy_or_not_being_sure_adds_the_maternity_team(
    pregnancy: str, referrals: tuple[ExtraReferral, ...]
) -> None:
    assert suggest(replace(ALL_ZERO, pregnancy=pregnancy)).extra_referrals == referrals


def test_pregnancy_rules_out_withdrawal_at_home() -> None:
    suggestion = suggest(replace(ALL_ZERO, withdrawal=3, pregnancy="yes"))

    assert suggestion.care_types == ("withdrawal-inpatient",)
    assert "Pregnant or may be → withdrawal in an inpatient unit, not at home" in suggestion.reasons


@pytest.mark.parametrize(
    ("environment", "care_types"),
    [(2, ("withdrawal-inpatient", "withdrawal-outpatient")), (3, ("withdrawal-inpatient",))],
)
def test_no_safe_home_rules_out_withdrawal_at_home(environment: int, care_types: tuple[str, ...]) -> None:
    suggestion = suggest(replace(ALL_ZERO, withdrawal=3, environment=environment))

    assert (suggestion.level, suggestion.care_types) == (Level.WITHDRAWAL, care_types)


@pytest.mark.parametrize(
    ("age_group", "referrals"),
    [
        ("children", (ExtraReferral.YOUNG_PEOPLE,)),
        ("young-people", (ExtraReferral.YOUNG_PEOPLE,)),
        ("young-adults", ()),
        ("adults", ()),
        ("older-adults", ()),
        ("", ()),
    ],
)
def test_under_eighteens_go_to_a_young_peoples_service(age_group: str, referrals: tuple[ExtraReferral, ...]) -> None:
    assert suggest(replace(ALL_ZERO, age_group=age_group)).extra_referrals == referrals


def test_caring_responsibilities_add_family_support_without_changing_the_level() -> None:
    suggestion = suggest(replace(ALL_ZERO, relapse=4, has_caring_responsibilities=True))

    assert suggestion.level is Level.RESIDENTIAL
    assert suggestion.care_types == ("residential-short", "residential-long", "family-support")
    assert suggestion.reasons[-1] == "Cares for children or others → plan their care before any stay away from home"


def test_the_same_findings_always_give_the_same_suggestion() -> None:
    findings = replace(
        ALL_ZERO,
        withdrawal=2,
        mental=3,
        other_substances=frozenset({Substance.OPIOIDS, Substance.ALCOHOL}),
        selfcheck_flags=frozenset({"blood-in-urine", "ending-life-thoughts"}),
    )

    assert {suggest(findings) for _ in range(20)} == {suggest(findings)}


def test_reasons_never_use_diagnosis_words() -> None:
    findings = replace(
        ALL_ZERO,
        mental=4,
        physical=4,
        depression_band="severe",
        anxiety_band="severe",
        other_substances=frozenset(Substance),
        pregnancy="yes",
        age_group="young-people",
        has_caring_responsibilities=True,
        has_visible_blood_in_urine=True,
        selfcheck_flags=frozenset({"urinary-symptoms-after-stopping", "unable-to-pass-urine", "self-harm-thoughts"}),
    )
    text = " ".join(suggest(findings).reasons).lower()

    for word in ("diagnos", "disorder", "dependence", "addict", "cystitis", "asam"):
        assert word not in text


def test_codes_match_the_choices_stored_in_the_database() -> None:
    assert [level.value for level in Level] == list(choices.LevelOfCare.values)
    assert {dimension.value for dimension in rules.Dimension} == set(choices.Dimension.values)
    assert {substance.value for substance in Substance} == set(choices.Substance.values)
    assert {pregnancy.value for pregnancy in rules.Pregnancy} == set(choices.Pregnancy.values)


def test_every_care_type_suggested_is_a_directory_care_type() -> None:
    codes = {term.code for term in CARE_TYPES.terms}
    suggested = {care_type for care_types in rules.CARE_TYPES_BY_LEVEL.values() for care_type in care_types}
    extras = {rules.HARM_REDUCTION, rules.DUAL_DIAGNOSIS, rules.FAMILY_SUPPORT, rules.UROLOGY}

    assert suggested | extras <= codes


def imported_modules(module: ModuleType) -> set[str]:
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    return imported | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}


def test_the_rules_import_nothing_from_django() -> None:
    # The one Waypost import is the pure marker for the translation catalogue, itself free of Django
    assert imported_modules(rules) == {
        "__future__",
        "collections.abc",
        "dataclasses",
        "enum",
        "waypost.core.wording",
    }
    assert imported_modules(wording) == {"__future__", "collections.abc"}
