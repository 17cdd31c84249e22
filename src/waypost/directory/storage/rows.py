"""A service record as the database rows that store it, and the fingerprint of those rows. Pure.

Imports of a million services build these tuples once per record, in the process that reads the file: they are
both what is inserted and what the fingerprint covers, so "unchanged" means exactly "would be stored the same".
PreparedService holds only strings, numbers and tuples, so batches pass cheaply between processes.
"""

from __future__ import annotations

import hashlib
import marshal
import uuid
from datetime import time
from typing import Any, NamedTuple

from waypost.directory.geography import Point, latitude_band, unit_vector
from waypost.directory.hsds.records import LocationRecord, OrganizationRecord, ServiceRecord
from waypost.directory.rules import is_accepting, is_listed
from waypost.directory.taxonomy import AGE_GROUPS, CARE_TYPES, LANGUAGES, PAYMENT_OPTIONS

# Stable HSDS ids: the same source row gets the same id in every Waypost that imports it
IDENTIFIER_NAMESPACE = uuid.UUID("8a0c7f0e-2f4b-4d5e-9a51-3c1e6f6b2d10")

# Column order of the tuples below, as model field names
ORGANIZATION_COLUMNS = ("name", "description", "website", "email", "ownership")
LOCATION_COLUMNS = (
    "name",
    "address_1",
    "address_2",
    "city",
    "region",
    "postal_code",
    "country",
    "latitude",
    "longitude",
    "accessibility",
)
PLACE_COLUMNS = ("latitude", "longitude", "latitude_band", "unit_x", "unit_y", "unit_z")
SERVICE_CONTENT_COLUMNS = (
    "name",
    "description",
    "url",
    "email",
    "status",
    "category",
    "care_types",
    "payment_options",
    "age_groups",
    "languages",
    "language_codes",
    "gender",
    "accepting",
    "typical_wait_weeks",
    "fees_description",
    "last_verified_on",
    "verification_source",
)
LISTING_COLUMNS = ("is_listed", "care_types", "payment_options", "age_groups", "languages", "is_accepting")
PHONE_COLUMNS = ("number", "extension", "kind", "description")
SCHEDULE_COLUMNS = ("weekdays", "opens_at", "closes_at", "description")


class PreparedLocation(NamedTuple):
    source_id: str
    values: tuple[Any, ...]  # LOCATION_COLUMNS
    place: tuple[Any, ...]  # PLACE_COLUMNS


class PreparedService(NamedTuple):
    source: str
    source_id: str
    organization_source_id: str
    organization: tuple[Any, ...]  # ORGANIZATION_COLUMNS
    locations: tuple[PreparedLocation, ...]
    content: tuple[Any, ...]  # SERVICE_CONTENT_COLUMNS
    listing: tuple[Any, ...]  # LISTING_COLUMNS, copied onto each service-at-location row
    phones: tuple[tuple[Any, ...], ...]  # PHONE_COLUMNS
    schedules: tuple[tuple[Any, ...], ...]  # SCHEDULE_COLUMNS
    fingerprint: str


def stable_uuid(table: str, source: str, source_id: str) -> str:
    """The HSDS id of a row of this table with this source and source id: the same in every export and Waypost."""
    return str(uuid.uuid5(IDENTIFIER_NAMESPACE, f"{table}\x1f{source}\x1f{source_id}"))


def organization_values(organization: OrganizationRecord) -> tuple[Any, ...]:
    return (
        organization.name,
        organization.description,
        organization.website,
        organization.email,
        str(organization.ownership),
    )


def location_values(location: LocationRecord) -> tuple[Any, ...]:
    return (
        location.name,
        location.address_1,
        location.address_2,
        location.city,
        location.region,
        location.postal_code,
        location.country,
        location.latitude,
        location.longitude,
        location.accessibility,
    )


def place_values(location: LocationRecord) -> tuple[Any, ...]:
    return (
        location.latitude,
        location.longitude,
        latitude_band(location.latitude),
        *unit_vector(Point(location.latitude, location.longitude)),
    )


def prepare(record: ServiceRecord) -> PreparedService:
    masks = (
        CARE_TYPES.mask_of(record.care_types),
        PAYMENT_OPTIONS.mask_of(record.payment_options),
        AGE_GROUPS.mask_of(record.age_groups),
        LANGUAGES.mask_of(record.languages),
    )
    content = (
        record.name,
        record.description,
        record.url,
        record.email,
        str(record.status),
        str(record.category),
        *masks,
        " ".join(record.languages),
        str(record.gender),
        str(record.accepting),
        record.typical_wait_weeks,
        record.fees_description,
        record.last_verified_on.isoformat() if record.last_verified_on else None,
        record.verification_source,
    )
    organization = organization_values(record.organization)
    locations = tuple(
        PreparedLocation(location.source_id, location_values(location), place_values(location))
        for location in record.locations
    )
    phones = tuple((phone.number, phone.extension, phone.kind, phone.description) for phone in record.phones)
    schedules = tuple(
        (item.weekdays, iso_time(item.opens_at), iso_time(item.closes_at), item.description)
        for item in record.schedules
    )
    stored = (
        record.source,
        record.source_id,
        content,
        record.organization.source_id,
        organization,
        tuple((location.source_id, location.values) for location in locations),
        phones,
        schedules,
    )
    return PreparedService(
        source=record.source,
        source_id=record.source_id,
        organization_source_id=record.organization.source_id,
        organization=organization,
        locations=locations,
        content=content,
        listing=(is_listed(record.category, record.status), *masks, is_accepting(record.accepting)),
        phones=phones,
        schedules=schedules,
        fingerprint=fingerprint_of(stored),
    )


def iso_time(moment: time | None) -> str | None:
    return moment.isoformat() if moment else None


def as_plain_tuple(item: PreparedService) -> tuple[Any, ...]:
    """Only tuples, strings and numbers, so marshal can pass a batch between processes quickly."""
    return (*item[:4], tuple(tuple(location) for location in item.locations), *item[5:])


def from_plain_tuple(values: tuple[Any, ...]) -> PreparedService:
    locations = tuple(PreparedLocation._make(location) for location in values[4])
    return PreparedService._make((*values[:4], locations, *values[5:]))


def fingerprint_of(stored: tuple[Any, ...]) -> str:
    """A digest of everything stored for a service, kept with it so a re-import can tell 'unchanged' cheaply.

    marshal format 2 writes equal values as equal bytes (later formats share repeated objects by identity).
    """
    return hashlib.blake2b(marshal.dumps(stored, 2), digest_size=16).hexdigest()
