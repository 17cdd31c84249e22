"""Rows of the US treatment locator's JSON export (findtreatment.gov, reference/field-notes.md §1.1).

Each row is one facility: name1, name2, street1, street2, city, state, zip, phone, intake1, website, latitude,
longitude and services [{f1, f2, f3}]. The export carries no stable facility id, so unless a row has `frid`, a
facility is identified by its name and address: a facility that moves is a new listing, and the old one stays
until an operator removes it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from waypost.directory.geography import is_valid_point
from waypost.directory.hsds.importing.locator_codes import (
    KETAMINE_INFUSION,
    Effect,
    category_for,
    corrected_coordinates,
    effects_of,
    gender_for,
    ownership_for,
)
from waypost.directory.hsds.importing.problems import RowProblem
from waypost.directory.hsds.importing.streams import json_items
from waypost.directory.hsds.records import (
    LocationRecord,
    OrganizationRecord,
    PhoneRecord,
    Rejection,
    ServiceRecord,
    sorted_codes,
)
from waypost.directory.hsds.shape import coordinate, text, web_address
from waypost.directory.rules import looks_like_ketamine_infusion

DEFAULT_SOURCE = "samhsa-locator"
DEFAULT_VERIFICATION_SOURCE = "US treatment locator (SAMHSA) export"
HAS_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:(?!\d)", re.IGNORECASE)
PLACEHOLDER_PHONES = frozenset({"(999) 999-9999", "999-999-9999"})
EXPECTED = "the locator's export, an object with a 'rows' array (or an array of rows)"


def locator_records(
    path: Path, *, source: str = DEFAULT_SOURCE, verified_on: date | None = None
) -> Iterator[tuple[int, ServiceRecord | Rejection]]:
    for number, row in json_items(path, array_key="rows", expected=EXPECTED):
        try:
            yield number, record_from_row(row, source=source, verified_on=verified_on)
        except RowProblem as problem:
            yield number, Rejection(number, str(problem))


def facility_id(row: Mapping[str, Any]) -> str:
    if text(row.get("frid")):
        return text(row.get("frid"))
    identity = "|".join(
        " ".join(text(row.get(key)).lower().split()) for key in ("name1", "street1", "city", "state", "zip")
    )
    return "facility-" + hashlib.blake2b(identity.encode(), digest_size=12).hexdigest()


def record_from_row(row: Any, *, source: str, verified_on: date | None) -> ServiceRecord:
    if not isinstance(row, Mapping):
        raise RowProblem("is not a JSON object")
    name = text(row.get("name1"), 300)
    if not name:
        raise RowProblem("has no name1")
    identifier = facility_id(row)
    effects = [
        effect for entry in services_of(row) for effect in effects_of(text(entry.get("f2")), text(entry.get("f3")))
    ]
    chosen = facets(effects)
    return ServiceRecord(
        source=source,
        source_id=identifier,
        name=f"{name} ({text(row.get('name2'))})"[:300] if text(row.get("name2")) else name,
        organization=OrganizationRecord(source_id=identifier, name=name, ownership=ownership_for(chosen["ownership"])),
        locations=(location_of(row, identifier, name),),
        url=web_address(with_scheme(text(row.get("website"), 490)), "website"),
        category=category_for([*chosen["kind"], *([KETAMINE_INFUSION] if looks_like_ketamine_infusion(name) else [])]),
        care_types=sorted_codes(chosen["care_type"]),
        payment_options=sorted_codes(chosen["payment"]),
        age_groups=sorted_codes(chosen["age_group"]),
        languages=sorted_codes(["en", *chosen["language"]]),
        gender=gender_for(chosen["gender"]),
        last_verified_on=verified_on,
        verification_source=DEFAULT_VERIFICATION_SOURCE,
        phones=phones_of(row),
    )


def services_of(row: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    services = row.get("services")
    return [entry for entry in services if isinstance(entry, Mapping)] if isinstance(services, list) else []


def facets(effects: list[Effect]) -> dict[str, list[str]]:
    chosen: dict[str, list[str]] = {
        name: [] for name in ("kind", "care_type", "payment", "age_group", "language", "gender", "ownership")
    }
    for effect in effects:
        chosen[effect.facet].append(effect.code)
    return chosen


def location_of(row: Mapping[str, Any], identifier: str, name: str) -> LocationRecord:
    latitude, longitude = corrected_coordinates(
        coordinate(row.get("latitude"), "latitude"), coordinate(row.get("longitude"), "longitude")
    )
    if not is_valid_point(latitude, longitude):
        raise RowProblem("latitude or longitude is out of range")
    return LocationRecord(
        source_id=identifier,
        name=name,
        latitude=latitude,
        longitude=longitude,
        address_1=text(row.get("street1"), 300),
        address_2=text(row.get("street2"), 300),
        city=text(row.get("city"), 120),
        region=text(row.get("state"), 120),
        postal_code=text(row.get("zip"), 20),
        country="US",
    )


def with_scheme(website: str) -> str:
    """The export often gives "www.example.org"; a link needs a scheme. Other schemes are left to be refused."""
    if website and not HAS_SCHEME.match(website):
        return f"http://{website}"
    return website


def phones_of(row: Mapping[str, Any]) -> tuple[PhoneRecord, ...]:
    phones = []
    for key, description in (("phone", "Main number"), ("intake1", "Intake")):
        number = text(row.get(key), 40)
        if number and number not in PLACEHOLDER_PHONES:
            phones.append(PhoneRecord(number=number, description=description))
    return tuple(phones)
