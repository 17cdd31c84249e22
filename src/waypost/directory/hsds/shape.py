"""A service record as an HSDS 3.0 service object (the nested JSON form), and back.

The CSV data package is the same objects flattened into tables (importing/hsds_tables.py, exporting.py).
Fields HSDS lacks travel as extra properties named waypost_*: where a record came from, so a re-import of an
export updates the same services, and who verified it.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import date, time
from enum import StrEnum
from typing import Any, TypeVar

from waypost.directory.geography import is_valid_point
from waypost.directory.hsds.importing.problems import RowProblem
from waypost.directory.hsds.records import (
    LocationRecord,
    OrganizationRecord,
    PhoneRecord,
    ScheduleRecord,
    ServiceRecord,
    sorted_codes,
)
from waypost.directory.hsds.terms import TAXONOMY_NAME, TERMS_BY_CODE, TERMS_BY_ID, WAIT_WEEKS_CODE, split_code
from waypost.directory.rules import looks_like_ketamine_infusion
from waypost.directory.taxonomy import (
    LANGUAGES,
    Accepting,
    Category,
    Gender,
    Ownership,
    Status,
)

SOURCE_KEY = "waypost_source"
SOURCE_ID_KEY = "waypost_source_id"
VERIFICATION_KEY = "waypost_verification_source"
WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)
MAXIMUM_WAIT_WEEKS = 520

Json = dict[str, Any]
# Each of our terms, by code and by id, as (facet, value); the typical wait's value is in the attribute instead
FACET_BY_CODE: dict[object, tuple[str, str]] = {code: split_code(code) for code in TERMS_BY_CODE}
FACET_BY_ID: dict[object, tuple[str, str]] = {term_id: split_code(term.code) for term_id, term in TERMS_BY_ID.items()}
Member = TypeVar("Member", bound=StrEnum)


def child_id(parent: str, kind: str, position: int) -> str:
    return str(uuid.uuid5(uuid.UUID(parent), f"{kind}:{position}"))


def service_to_hsds(record: ServiceRecord, ids: Mapping[str, str]) -> Json:
    """ids holds the HSDS ids of the service, its organisation and each location ("location:<source id>")."""
    service_id = ids["service"]
    return {
        "id": service_id,
        "name": record.name,
        "description": record.description,
        "url": record.url,
        "email": record.email,
        "status": str(record.status),
        "fees_description": record.fees_description,
        "wait_time": f"About {record.typical_wait_weeks} weeks" if record.typical_wait_weeks is not None else "",
        "assured_date": record.last_verified_on.isoformat() if record.last_verified_on else None,
        SOURCE_KEY: record.source,
        SOURCE_ID_KEY: record.source_id,
        VERIFICATION_KEY: record.verification_source,
        "organization": organization_to_hsds(record.organization, ids["organization"]),
        "service_at_locations": [
            {
                "id": child_id(service_id, "service_at_location", position),
                "location": location_to_hsds(location, ids[f"location:{location.source_id}"]),
            }
            for position, location in enumerate(record.locations)
        ],
        "phones": [
            {
                "id": child_id(service_id, "phone", position),
                "number": phone.number,
                "extension": phone.extension,
                "type": phone.kind,
                "description": phone.description,
            }
            for position, phone in enumerate(record.phones)
        ],
        "schedules": [
            schedule_to_hsds(schedule, child_id(service_id, "schedule", position))
            for position, schedule in enumerate(record.schedules)
        ],
        "languages": [
            {"id": child_id(service_id, "language", position), "name": LANGUAGES.label_of(code), "code": code}
            for position, code in enumerate(record.languages)
        ],
        "attributes": [
            attribute(service_id, position, code, value) for position, (code, value) in enumerate(service_terms(record))
        ],
    }


def service_terms(record: ServiceRecord) -> list[tuple[str, str]]:
    terms = [(f"care_type:{code}", "") for code in record.care_types]
    terms += [(f"payment:{code}", "") for code in record.payment_options]
    terms += [(f"age_group:{code}", "") for code in record.age_groups]
    terms += [
        (f"category:{record.category}", ""),
        (f"gender:{record.gender}", ""),
        (f"accepting:{record.accepting}", ""),
    ]
    if record.typical_wait_weeks is not None:
        terms.append((WAIT_WEEKS_CODE, str(record.typical_wait_weeks)))
    return terms


def attribute(owner_id: str, position: int, code: str, value: str) -> Json:
    term = TERMS_BY_CODE[code]
    return {
        "id": child_id(owner_id, "attribute", position),
        "taxonomy_term_id": term.id,
        "taxonomy_term": {"id": term.id, "code": term.code, "name": term.name, "taxonomy": TAXONOMY_NAME},
        "value": value,
        "label": term.name,
    }


def organization_to_hsds(organization: OrganizationRecord, organization_id: str) -> Json:
    return {
        "id": organization_id,
        "name": organization.name,
        "description": organization.description,
        "website": organization.website,
        "email": organization.email,
        SOURCE_ID_KEY: organization.source_id,
        "attributes": [attribute(organization_id, 0, f"ownership:{organization.ownership}", "")],
    }


def location_to_hsds(location: LocationRecord, location_id: str) -> Json:
    return {
        "id": location_id,
        "location_type": "physical",
        "name": location.name,
        "latitude": location.latitude,
        "longitude": location.longitude,
        SOURCE_ID_KEY: location.source_id,
        "addresses": [
            {
                "id": child_id(location_id, "address", 0),
                "address_1": location.address_1,
                "address_2": location.address_2,
                "city": location.city,
                "state_province": location.region,
                "postal_code": location.postal_code,
                "country": location.country,
                "address_type": "physical",
            }
        ],
        "accessibility": (
            [{"id": child_id(location_id, "accessibility", 0), "description": location.accessibility}]
            if location.accessibility
            else []
        ),
    }


def schedule_to_hsds(schedule: ScheduleRecord, schedule_id: str) -> Json:
    return {
        "id": schedule_id,
        "freq": "WEEKLY" if schedule.weekdays else "",
        "byday": schedule.weekdays,
        "opens_at": schedule.opens_at.isoformat() if schedule.opens_at else "",
        "closes_at": schedule.closes_at.isoformat() if schedule.closes_at else "",
        "description": schedule.description,
    }


# Reading


def text(value: Any, limit: int = 10_000) -> str:
    if isinstance(value, str):
        return value.strip()[:limit]
    if value is None:
        return ""
    return str(value).strip()[:limit]


def required_text(item: Mapping[str, Any], key: str, what: str) -> str:
    value = text(item.get(key))
    if not value:
        raise RowProblem(f"{what} has no {key}")
    return value


def web_address(value: Any, what: str) -> str:
    address = text(value, 500)
    if address and not WEB_ADDRESS.match(address):
        raise RowProblem(f"{what} is not a web address starting with http:// or https://")
    return address


def iso_date(value: Any, what: str) -> date | None:
    raw = text(value)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        raise RowProblem(f"{what} is not a date like 2025-01-31") from None


def clock_time(value: Any, what: str) -> time | None:
    raw = text(value)
    if not raw:
        return None
    try:
        return time.fromisoformat(raw)
    except ValueError:
        raise RowProblem(f"{what} is not a time like 09:30") from None


def coordinate(value: Any, what: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise RowProblem(f"{what} is not a number") from None
    return number


def service_from_hsds(item: Mapping[str, Any], *, default_source: str) -> ServiceRecord:
    if not isinstance(item, dict):
        raise RowProblem("is not a JSON object")
    hsds_id = required_text(item, "id", "the service")
    name = required_text(item, "name", "the service")
    facets = read_attributes(item.get("attributes"))
    locations = tuple(
        read_location(link.get("location") if isinstance(link, dict) else None)
        for link in as_list(item.get("service_at_locations"))
    )
    if not locations:
        raise RowProblem("the service has no location with a latitude and longitude")
    description = text(item.get("description"))
    category = facets.get("category", [None])[0]
    return ServiceRecord(
        source=text(item.get(SOURCE_KEY)) or default_source,
        source_id=text(item.get(SOURCE_ID_KEY)) or hsds_id,
        name=name[:300],
        organization=read_organization(item.get("organization")),
        locations=locations,
        description=description,
        url=web_address(item.get("url"), "the service's url"),
        email=text(item.get("email"), 254),
        status=enum_value(Status, text(item.get("status")) or Status.ACTIVE, "status"),
        category=chosen_category(category, name, description),
        # read_attributes keeps only our taxonomy's codes, so these need no further checking
        care_types=sorted_codes(facets.get("care_type")),
        payment_options=sorted_codes(facets.get("payment")),
        age_groups=sorted_codes(facets.get("age_group")),
        languages=read_languages(item.get("languages")),
        gender=enum_value(Gender, facets.get("gender", [Gender.ANYONE])[0], "gender"),
        accepting=enum_value(Accepting, facets.get("accepting", [Accepting.UNKNOWN])[0], "accepting"),
        typical_wait_weeks=wait_weeks(facets.get(WAIT_WEEKS_CODE, [])),
        fees_description=text(item.get("fees_description")),
        last_verified_on=iso_date(item.get("assured_date"), "assured_date"),
        verification_source=text(item.get(VERIFICATION_KEY), 300),
        phones=tuple(read_phone(phone) for phone in as_list(item.get("phones"))),
        schedules=tuple(read_schedule(schedule) for schedule in as_list(item.get("schedules"))),
    )


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def chosen_category(given: str | None, name: str, description: str) -> Category:
    if given is not None:
        return enum_value(Category, given, "category")
    if looks_like_ketamine_infusion(f"{name} {description}"):
        return Category.KETAMINE_INFUSION
    return Category.ADDICTION


def enum_value(kind: type[Member], value: str, what: str) -> Member:
    member = kind._value2member_map_.get(value)
    if member is None:
        raise RowProblem(f"{what} {value!r} is not one of: {', '.join(str(member) for member in kind)}")
    return member  # type: ignore[return-value]


def wait_weeks(values: list[str]) -> int | None:
    if not values:
        return None
    try:
        weeks = int(values[0])
    except ValueError:
        raise RowProblem("the typical wait is not a whole number of weeks") from None
    if not 0 <= weeks <= MAXIMUM_WAIT_WEEKS:
        raise RowProblem(f"the typical wait must be between 0 and {MAXIMUM_WAIT_WEEKS} weeks")
    return weeks


def read_attributes(attributes: Any) -> dict[str, list[str]]:
    """Our taxonomy's terms among a service's attributes, as facet → values. Other taxonomies are ignored."""
    facets: dict[str, list[str]] = {}
    for entry in as_list(attributes):
        if not isinstance(entry, dict):
            continue
        term = entry.get("taxonomy_term")
        known = FACET_BY_CODE.get(term.get("code")) if isinstance(term, dict) else None
        if known is None:
            known = FACET_BY_ID.get(entry.get("taxonomy_term_id"))
        if known is None:
            continue
        facet, value = known
        facets.setdefault(facet, []).append(text(entry.get("value")) if facet == WAIT_WEEKS_CODE else value)
    return facets


def read_organization(organization: Any) -> OrganizationRecord:
    if not isinstance(organization, dict):
        raise RowProblem("the service has no organization")
    hsds_id = required_text(organization, "id", "the organization")
    ownership = read_attributes(organization.get("attributes")).get("ownership", [Ownership.UNKNOWN])[0]
    return OrganizationRecord(
        source_id=text(organization.get(SOURCE_ID_KEY)) or hsds_id,
        name=required_text(organization, "name", "the organization")[:300],
        description=text(organization.get("description")),
        website=web_address(organization.get("website"), "the organization's website"),
        email=text(organization.get("email"), 254),
        ownership=enum_value(Ownership, ownership, "ownership"),
    )


def read_location(location: Any) -> LocationRecord:
    if not isinstance(location, dict):
        raise RowProblem("a service_at_location has no location")
    hsds_id = required_text(location, "id", "a location")
    latitude = coordinate(location.get("latitude"), "a location's latitude")
    longitude = coordinate(location.get("longitude"), "a location's longitude")
    if not is_valid_point(latitude, longitude):
        raise RowProblem("a location's latitude or longitude is out of range")
    addresses = [address for address in as_list(location.get("addresses")) if isinstance(address, dict)]
    address = addresses[0] if addresses else {}
    accessibility = [entry for entry in as_list(location.get("accessibility")) if isinstance(entry, dict)]
    return LocationRecord(
        source_id=text(location.get(SOURCE_ID_KEY)) or hsds_id,
        name=text(location.get("name"), 300),
        latitude=latitude,
        longitude=longitude,
        address_1=text(address.get("address_1"), 300),
        address_2=text(address.get("address_2"), 300),
        city=text(address.get("city"), 120),
        region=text(address.get("state_province") or address.get("region"), 120),
        postal_code=text(address.get("postal_code"), 20),
        country=text(address.get("country"), 2).upper(),
        accessibility=text(accessibility[0].get("description")) if accessibility else "",
    )


def read_phone(phone: Any) -> PhoneRecord:
    if not isinstance(phone, dict):
        raise RowProblem("a phone is not an object")
    return PhoneRecord(
        number=required_text(phone, "number", "a phone")[:40],
        extension=text(phone.get("extension"), 20),
        kind=text(phone.get("type"), 20) or "voice",
        description=text(phone.get("description"), 300),
    )


def read_schedule(schedule: Any) -> ScheduleRecord:
    if not isinstance(schedule, dict):
        raise RowProblem("a schedule is not an object")
    return ScheduleRecord(
        weekdays=text(schedule.get("byday"), 30).upper(),
        opens_at=clock_time(schedule.get("opens_at"), "a schedule's opens_at"),
        closes_at=clock_time(schedule.get("closes_at"), "a schedule's closes_at"),
        description=text(schedule.get("description"), 300),
    )


def read_languages(languages: Any) -> tuple[str, ...]:
    codes = [text(entry.get("code"), 12).lower() for entry in as_list(languages) if isinstance(entry, dict)]
    return sorted_codes([code for code in codes if code])
