"""How the US treatment locator's service codes and labels map to the directory's vocabulary. Pure.

The locator's JSON export lists each facility's services as {f1: category name, f2: code, f3: values}, where f3
holds labels separated by semicolons (reference/field-notes.md §1.1). We read both codes and labels, so a file
that carries either is understood. Anything not in these tables is ignored rather than guessed.

Its code KIT is ketamine infusion therapy, a treatment for depression. A facility that lists it is filed under
Category.KETAMINE_INFUSION and never listed as addiction help, even if it lists substance-use care too: someone
trying to stop using ketamine should not be sent to a clinic that gives it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from waypost.directory.taxonomy import Category, Gender, Ownership

SUBSTANCE_USE = "substance-use"
MENTAL_HEALTH = "mental-health"
KETAMINE_INFUSION = "ketamine-infusion"


@dataclass(frozen=True)
class Effect:
    facet: str  # "kind", "care_type", "payment", "age_group", "language", "gender" or "ownership"
    code: str


def kind(code: str) -> Effect:
    return Effect("kind", code)


def care(code: str) -> Effect:
    return Effect("care_type", code)


def payment(code: str) -> Effect:
    return Effect("payment", code)


def age(code: str) -> Effect:
    return Effect("age_group", code)


def language(code: str) -> Effect:
    return Effect("language", code)


def gender(code: str) -> Effect:
    return Effect("gender", code)


def ownership(code: str) -> Effect:
    return Effect("ownership", code)


BY_CODE: dict[str, tuple[Effect, ...]] = {
    # Type of care
    "SA": (kind(SUBSTANCE_USE),),
    "DT": (kind(SUBSTANCE_USE),),
    "HH": (kind(SUBSTANCE_USE), care("aftercare")),
    "SUMH": (kind(SUBSTANCE_USE), care("dual-diagnosis")),
    "MH": (kind(MENTAL_HEALTH),),
    "KIT": (kind(KETAMINE_INFUSION),),
    # Service setting
    "HID": (kind(SUBSTANCE_USE), care("withdrawal-inpatient")),
    "RD": (kind(SUBSTANCE_USE), care("withdrawal-inpatient")),
    "OD": (kind(SUBSTANCE_USE), care("withdrawal-outpatient")),
    "RS": (care("residential-short"),),
    "RL": (care("residential-long"),),
    "PHDT": (care("day-programme"),),
    "ODT": (care("day-programme"),),
    "OIT": (care("intensive-outpatient"),),
    "ORT": (care("outpatient-counselling"),),
    "OP": (care("outpatient-counselling"),),
    "TELE": (care("telehealth"),),
    # Payment accepted and payment assistance
    "MD": (payment("medicaid"),),
    "MC": (payment("medicare"),),
    "PI": (payment("private-insurance"),),
    "SF": (payment("self-pay"),),
    "SS": (payment("sliding-scale"),),
    # Ages and special programmes
    "CHLD": (age("children"),),
    "YAD": (age("young-adults"),),
    "TAY": (age("young-adults"),),
    "ADLT": (age("adults"),),
    "SNR": (age("older-adults"),),
    "CO": (care("dual-diagnosis"),),
    # Languages
    "SP": (language("es"),),
    "AH": (language("sgn"),),
    # Ancillary services
    "PEER": (care("peer-support"),),
    # Gender accepted
    "FEM": (gender(Gender.WOMEN),),
    "MALE": (gender(Gender.MEN),),
    # Facility operation (who runs it)
    "PVTP": (ownership(Ownership.PRIVATE),),
    "PVTN": (ownership(Ownership.CHARITY),),
    "STG": (ownership(Ownership.PUBLIC),),
    "LCCG": (ownership(Ownership.PUBLIC),),
    "FED": (ownership(Ownership.PUBLIC),),
    "VAMC": (ownership(Ownership.PUBLIC),),
    "TBG": (ownership(Ownership.PUBLIC),),
    "IH": (ownership(Ownership.PUBLIC),),
}

BY_LABEL: dict[str, tuple[Effect, ...]] = {
    "substance use treatment": BY_CODE["SA"],
    "detoxification": BY_CODE["DT"],
    "transitional housing, halfway house, or sober home": BY_CODE["HH"],
    "mental health treatment": BY_CODE["MH"],
    "mental health treatment services": BY_CODE["MH"],
    "ketamine infusion therapy": BY_CODE["KIT"],
    "hospital inpatient detoxification": BY_CODE["HID"],
    "residential detoxification": BY_CODE["RD"],
    "outpatient detoxification": BY_CODE["OD"],
    "short-term residential": BY_CODE["RS"],
    "long-term residential": BY_CODE["RL"],
    "partial hospitalization/day treatment": BY_CODE["PHDT"],
    "outpatient day treatment or partial hospitalization": BY_CODE["ODT"],
    "intensive outpatient treatment": BY_CODE["OIT"],
    "regular outpatient treatment": BY_CODE["ORT"],
    "outpatient": BY_CODE["OP"],
    "telemedicine/telehealth therapy": BY_CODE["TELE"],
    "telemedicine/telehealth": BY_CODE["TELE"],
    "medicaid": BY_CODE["MD"],
    "medicare": BY_CODE["MC"],
    "private health insurance": BY_CODE["PI"],
    "cash or self-payment": BY_CODE["SF"],
    "sliding fee scale": BY_CODE["SS"],
    "children/adolescents": (age("children"), age("young-people")),
    "adolescents": (age("young-people"),),
    "young adults": BY_CODE["YAD"],
    "adults": BY_CODE["ADLT"],
    "seniors": BY_CODE["SNR"],
    "co-occurring mental and substance use disorders": BY_CODE["CO"],
    "spanish": BY_CODE["SP"],
    "american sign language": BY_CODE["AH"],
    "peer support": BY_CODE["PEER"],
    "female": BY_CODE["FEM"],
    "male": BY_CODE["MALE"],
    "private for-profit organization": BY_CODE["PVTP"],
    "private non-profit organization": BY_CODE["PVTN"],
    "state government": BY_CODE["STG"],
    "local, county, or community government": BY_CODE["LCCG"],
    "federal government": BY_CODE["FED"],
    "department of veterans affairs": BY_CODE["VAMC"],
    "tribal government": BY_CODE["TBG"],
    "indian health service": BY_CODE["IH"],
}


def normalised_label(label: str) -> str:
    """Lower case, without a trailing explanation in brackets: 'Short-term (30 days)' → 'short-term'."""
    without_brackets = re.sub(r"\s*\(.*\)\s*$", "", label)
    return " ".join(without_brackets.lower().split())


def effects_of(code: str, values: str) -> tuple[Effect, ...]:
    """Everything one services entry tells us: its code, and each label in its semicolon-separated values."""
    effects = list(BY_CODE.get(code.strip().upper(), ()))
    for value in values.split(";"):
        effects.extend(BY_LABEL.get(normalised_label(value), ()))
        effects.extend(BY_CODE.get(value.strip().upper(), ()))
    return tuple(effects)


def category_for(kinds: Iterable[str]) -> Category:
    found = set(kinds)
    if KETAMINE_INFUSION in found:
        return Category.KETAMINE_INFUSION
    if SUBSTANCE_USE in found:
        return Category.ADDICTION
    return Category.MENTAL_HEALTH


def ownership_for(codes: Iterable[str]) -> Ownership:
    """One kind of operator, or unknown when the row names none or several."""
    found = set(codes)
    return Ownership(found.pop()) if len(found) == 1 else Ownership.UNKNOWN


def corrected_coordinates(latitude: float, longitude: float) -> tuple[float, float]:
    """Some locator rows carry the two swapped (reported in field-notes §1.1's sources); US latitudes are north."""
    if latitude < 0 < longitude:
        return longitude, latitude
    return latitude, longitude


def gender_for(codes: Iterable[str]) -> Gender:
    found = set(codes)
    if found == {Gender.WOMEN}:
        return Gender.WOMEN
    if found == {Gender.MEN}:
        return Gender.MEN
    return Gender.ANYONE
