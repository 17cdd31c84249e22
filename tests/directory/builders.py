"""Small service records for tests, with every field defaulted so a test names only what it is about."""

from __future__ import annotations

from typing import Any

from waypost.directory.hsds.records import LocationRecord, OrganizationRecord, PhoneRecord, ServiceRecord
from waypost.directory.taxonomy import Accepting, Category


def service_record(
    number: int = 1, *, latitude: float = 53.48, longitude: float = -2.24, **fields: Any
) -> ServiceRecord:
    values: dict[str, Any] = {
        "source": "test",
        "source_id": f"service-{number}",
        "name": f"Test service {number}",
        "organization": OrganizationRecord(source_id="organisation-1", name="Test Trust"),
        "locations": (
            LocationRecord(
                source_id=f"location-{number}", name=f"Site {number}", latitude=latitude, longitude=longitude
            ),
        ),
        "category": Category.ADDICTION,
        "accepting": Accepting.UNKNOWN,
        "languages": ("en",),
        "phones": (PhoneRecord(number="0161 496 0000"),),
    }
    values.update(fields)
    return ServiceRecord(**values)
