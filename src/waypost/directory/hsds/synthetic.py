"""Made-up services for the demo and the benchmark: clearly fictional, generated from a seed, never scraped.

Names say "(fictional)", phone numbers come from the ranges kept for drama (Ofcom's 0161 496 0xxx, and US
555-01xx), and websites are on example.org, which is reserved for examples (RFC 2606).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

from waypost.directory.hsds.records import (
    LocationRecord,
    OrganizationRecord,
    PhoneRecord,
    ScheduleRecord,
    ServiceRecord,
    sorted_codes,
)
from waypost.directory.taxonomy import AGE_GROUPS, CARE_TYPES, Accepting, Category, Gender, Ownership

PLACE_WORDS = (
    "Riverside",
    "Northgate",
    "Harbour",
    "Oakfield",
    "Millbrook",
    "Eastbank",
    "Hillcrest",
    "Westmoor",
    "Fairway",
    "Kingsmead",
)
SERVICE_WORDS = (
    "Recovery Service",
    "Drug and Alcohol Team",
    "Wellbeing Hub",
    "Community Recovery",
    "Day Programme",
    "Family Support Group",
)
UK_PAYMENT = ("free", "self-pay")
US_PAYMENT = ("private-insurance", "medicaid", "medicare", "self-pay", "sliding-scale", "free")
OTHER_LANGUAGES = ("es", "pl", "ur", "pa", "bn", "ar", "zh", "pt", "ro", "so", "sgn")


@dataclass(frozen=True)
class Area:
    name: str
    country: str
    latitude: float
    longitude: float
    spread_km: float
    postal_code: str


def scattered_point(generator: random.Random, area: Area) -> tuple[float, float]:
    distance = area.spread_km * math.sqrt(generator.random())
    bearing = generator.uniform(0, 2 * math.pi)
    latitude = area.latitude + distance * math.cos(bearing) / 111.2
    longitude = area.longitude + distance * math.sin(bearing) / (111.2 * math.cos(math.radians(area.latitude)))
    return round(latitude, 6), round(longitude, 6)


def phone_number(generator: random.Random, country: str) -> str:
    if country == "GB":
        return f"0161 496 0{generator.randrange(1000):03d}"
    return f"(312) 555-01{generator.randrange(100):02d}"


def pick(generator: random.Random, options: tuple[str, ...], low: int, high: int) -> tuple[str, ...]:
    return sorted_codes(generator.sample(options, generator.randint(low, min(high, len(options)))))


def fictional_service(generator: random.Random, number: int, area: Area, *, source: str, today: date) -> ServiceRecord:
    latitude, longitude = scattered_point(generator, area)
    place = generator.choice(PLACE_WORDS)
    is_infusion = generator.random() < 0.02
    name = (
        f"{place} Ketamine Infusion Clinic (fictional)"
        if is_infusion
        else f"{place} {generator.choice(SERVICE_WORDS)} (fictional)"
    )
    identifier = f"{area.country.lower()}-{number}"
    organization_number = generator.randrange(40)
    return ServiceRecord(
        source=source,
        source_id=identifier,
        name=name,
        organization=OrganizationRecord(
            source_id=f"{area.country.lower()}-organisation-{organization_number}",
            name=f"{PLACE_WORDS[organization_number % len(PLACE_WORDS)]} Care Trust {organization_number} (fictional)",
            website=f"https://example.org/organisation-{organization_number}",
            ownership=tuple(Ownership)[organization_number % 3],
        ),
        locations=(
            LocationRecord(
                source_id=identifier,
                name=name,
                latitude=latitude,
                longitude=longitude,
                address_1=f"{generator.randint(1, 240)} {place} Road",
                city=area.name,
                postal_code=area.postal_code,
                country=area.country,
                accessibility="Step-free entrance" if generator.random() < 0.6 else "",
            ),
        ),
        description="A made-up service in Waypost's demonstration data. It does not exist.",
        url=f"https://example.org/{identifier}",
        category=Category.KETAMINE_INFUSION if is_infusion else Category.ADDICTION,
        care_types=pick(generator, CARE_TYPES.codes(), 1, 5),
        payment_options=pick(generator, UK_PAYMENT if area.country == "GB" else US_PAYMENT, 1, 3),
        age_groups=pick(generator, AGE_GROUPS.codes(), 1, 4),
        languages=sorted_codes(["en", *pick(generator, OTHER_LANGUAGES, 0, 2)]),
        gender=generator.choices(tuple(Gender), weights=(8, 1, 1))[0],
        accepting=generator.choices(tuple(Accepting), weights=(5, 2, 3))[0],
        typical_wait_weeks=generator.choice((None, 0, 1, 2, 4, 8)),
        last_verified_on=today - timedelta(days=generator.randint(0, 600)) if generator.random() < 0.95 else None,
        verification_source=generator.choice(("Telephone check by directory team", "Update from the service")),
        phones=(PhoneRecord(number=phone_number(generator, area.country), description="Main number"),),
        schedules=(ScheduleRecord(weekdays="MO,TU,WE,TH,FR", description="Monday to Friday"),),
    )


def fictional_services(
    seed: int, areas: tuple[tuple[Area, int], ...], *, source: str, today: date
) -> list[ServiceRecord]:
    generator = random.Random(seed)  # noqa: S311 - repeatable made-up data, not secrets
    return [
        fictional_service(generator, number, area, source=source, today=today)
        for area, count in areas
        for number in range(count)
    ]
