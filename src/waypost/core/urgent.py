"""What the urgent-help page shows: the emergency button, then crisis lines, each UK nation's routes, drugs
advice, young people's and family support lines, all chosen from the registry by category."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from waypost.core.advice import Advice, advice_for
from waypost.core.helplines import (
    NATION_NOTES,
    Helpline,
    Nation,
    Region,
    crisis_lines,
    drug_advice_lines,
    emergency_line,
    family_support_lines,
    lines_for_nation,
    nation_name,
    region_name,
    young_people_lines,
)
from waypost.core.regions import current_region


@dataclass(frozen=True)
class NationRoutes:
    nation: str
    lines: tuple[Helpline, ...]
    note: str = ""


# The bladder and kidney red flags, named as a person would notice them; what to do comes from core.advice
BODY_SIGNS = (
    ("unable-to-pass-urine", gettext_noop("You cannot pass any urine at all, even though you need to")),
    ("blood-in-urine", gettext_noop("You can see blood in your urine")),
    ("kidney-pain-with-fever", gettext_noop("Pain in your side or back, with a high temperature or shivers")),
)
CRISIS_ADVICE_KEY = "ending-life-thoughts"


@dataclass(frozen=True)
class BodySign:
    sign: str
    advice: Advice


@dataclass(frozen=True)
class UrgentHelp:
    region: Region
    region_name: str
    emergency: Helpline
    crisis_advice: Advice
    body_signs: tuple[BodySign, ...]
    crisis_lines: tuple[Helpline, ...]
    nation_routes: tuple[NationRoutes, ...]
    drug_advice_lines: tuple[Helpline, ...]
    young_people_lines: tuple[Helpline, ...]
    family_support_lines: tuple[Helpline, ...]
    other_region: Region
    other_region_name: str


def configured_region() -> Region:
    return current_region()


def region_from_choice(choice: str | None) -> Region:
    """A visitor may look at another country's numbers; anything unknown falls back to the configured one."""
    try:
        return Region(choice or "")
    except ValueError:
        return configured_region()


def nation_routes_for(region: Region) -> tuple[NationRoutes, ...]:
    if region != Region.UK:
        return ()
    return tuple(
        NationRoutes(
            nation_name(nation), lines_for_nation(nation), _(NATION_NOTES[nation]) if nation in NATION_NOTES else ""
        )
        for nation in Nation
    )


def urgent_help_for(region: Region) -> UrgentHelp:
    other = Region.US if region == Region.UK else Region.UK
    return UrgentHelp(
        region=region,
        region_name=region_name(region),
        emergency=emergency_line(region),
        crisis_advice=advice_for(CRISIS_ADVICE_KEY, region),
        body_signs=tuple(BodySign(_(sign), advice_for(key, region)) for key, sign in BODY_SIGNS),
        crisis_lines=crisis_lines(region),
        nation_routes=nation_routes_for(region),
        drug_advice_lines=drug_advice_lines(region),
        young_people_lines=young_people_lines(region),
        family_support_lines=family_support_lines(region),
        other_region=other,
        other_region_name=region_name(other),
    )
