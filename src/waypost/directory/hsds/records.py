"""A service as importers read it and exporters write it: plain immutable data, independent of any file format.

Named tuples rather than dataclasses: a million-row import builds millions of them, and they are built faster.

Importers turn rows into ServiceRecords (or reject them); `services.save_service_records` writes them. Because
the database keeps every field here, exporting a service and reading it back gives an equal record, which is what
makes re-imports and round trips change nothing (storage/rows.py fingerprints what is stored).
"""

from __future__ import annotations

from datetime import date, time
from typing import NamedTuple

from waypost.directory.taxonomy import Accepting, Category, Gender, Ownership, Status


class OrganizationRecord(NamedTuple):
    source_id: str
    name: str
    description: str = ""
    website: str = ""
    email: str = ""
    ownership: Ownership = Ownership.UNKNOWN


class LocationRecord(NamedTuple):
    source_id: str
    name: str
    latitude: float
    longitude: float
    address_1: str = ""
    address_2: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    accessibility: str = ""


class PhoneRecord(NamedTuple):
    number: str
    extension: str = ""
    kind: str = "voice"
    description: str = ""


class ScheduleRecord(NamedTuple):
    weekdays: str = ""  # iCalendar BYDAY codes, e.g. "MO,TU,WE"
    opens_at: time | None = None
    closes_at: time | None = None
    description: str = ""


class ServiceRecord(NamedTuple):
    source: str
    source_id: str
    name: str
    organization: OrganizationRecord
    locations: tuple[LocationRecord, ...]
    description: str = ""
    url: str = ""
    email: str = ""
    status: Status = Status.ACTIVE
    category: Category = Category.ADDICTION
    care_types: tuple[str, ...] = ()
    payment_options: tuple[str, ...] = ()
    age_groups: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    gender: Gender = Gender.ANYONE
    accepting: Accepting = Accepting.UNKNOWN
    typical_wait_weeks: int | None = None
    fees_description: str = ""
    last_verified_on: date | None = None
    verification_source: str = ""
    phones: tuple[PhoneRecord, ...] = ()
    schedules: tuple[ScheduleRecord, ...] = ()


class Rejection(NamedTuple):
    row: int
    reason: str


def sorted_codes(codes: object) -> tuple[str, ...]:
    """Codes as a sorted tuple without repeats, so equal sets always give equal records."""
    if not isinstance(codes, list | tuple | set | frozenset):
        return ()
    return tuple(sorted({str(code) for code in codes}))
