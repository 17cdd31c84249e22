"""What the urgent-help page shows: the emergency line, crisis lines and the signs of an emergency."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from waypost.core.helplines import REGION_NAMES, Helpline, Region, emergency_line, helplines_for


@dataclass(frozen=True)
class UrgentHelp:
    region: Region
    region_name: str
    emergency: Helpline
    crisis_lines: tuple[Helpline, ...]
    other_region: Region
    other_region_name: str


def configured_region() -> Region:
    return Region(settings.WAYPOST_REGION)


def region_from_choice(choice: str | None) -> Region:
    """A visitor may look at another country's numbers; anything unknown falls back to the configured one."""
    try:
        return Region(choice or "")
    except ValueError:
        return configured_region()


def urgent_help_for(region: Region) -> UrgentHelp:
    other = Region.US if region == Region.UK else Region.UK
    emergency = emergency_line(region)
    return UrgentHelp(
        region=region,
        region_name=REGION_NAMES[region],
        emergency=emergency,
        crisis_lines=tuple(line for line in helplines_for(region) if line != emergency),
        other_region=other,
        other_region_name=REGION_NAMES[other],
    )
