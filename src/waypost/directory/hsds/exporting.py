"""Write the directory as HSDS 3.0: a tabular data package (a folder of CSV files) or the JSON form.

Services are read back into ServiceRecords first, the same shape the importers produce, so an export imported
again matches every stored service and changes nothing.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from django.db.models import Prefetch

from waypost.directory.hsds.records import (
    LocationRecord,
    OrganizationRecord,
    PhoneRecord,
    ScheduleRecord,
    ServiceRecord,
    sorted_codes,
)
from waypost.directory.hsds.shape import Json, service_to_hsds
from waypost.directory.hsds.terms import TAXONOMY_ID, TAXONOMY_NAME, facet_terms
from waypost.directory.models import Service, ServiceAtLocation
from waypost.directory.storage.rows import stable_uuid
from waypost.directory.taxonomy import (
    AGE_GROUPS,
    CARE_TYPES,
    PAYMENT_OPTIONS,
    Accepting,
    Category,
    Gender,
    Ownership,
    Status,
)

CHUNK = 500
TABLE_COLUMNS = {
    "organization": ("organizations.csv", ("id", "name", "description", "email", "website", "waypost_source_id")),
    "service": (
        "services.csv",
        (
            "id",
            "organization_id",
            "name",
            "description",
            "url",
            "email",
            "status",
            "fees_description",
            "wait_time",
            "assured_date",
            "waypost_source",
            "waypost_source_id",
            "waypost_verification_source",
        ),
    ),
    "location": ("locations.csv", ("id", "location_type", "name", "latitude", "longitude", "waypost_source_id")),
    "address": (
        "addresses.csv",
        (
            "id",
            "location_id",
            "address_1",
            "address_2",
            "city",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ),
    ),
    "accessibility": ("accessibility.csv", ("id", "location_id", "description")),
    "service_at_location": ("service_at_locations.csv", ("id", "service_id", "location_id")),
    "phone": ("phones.csv", ("id", "service_id", "number", "extension", "type", "description")),
    "schedule": ("schedules.csv", ("id", "service_id", "freq", "byday", "opens_at", "closes_at", "description")),
    "language": ("languages.csv", ("id", "service_id", "name", "code")),
    "attribute": ("attributes.csv", ("id", "link_id", "link_entity", "taxonomy_term_id", "value", "label")),
    "taxonomy": ("taxonomies.csv", ("id", "name", "description")),
    "taxonomy_term": ("taxonomy_terms.csv", ("id", "code", "name", "taxonomy", "taxonomy_id")),
}
NUMBER_COLUMNS = frozenset({"latitude", "longitude"})


def stored_services() -> Iterator[tuple[ServiceRecord, dict[str, str]]]:
    """Every service as a record, with the HSDS ids of it, its organisation and its locations."""
    services = (
        Service.objects.select_related("organization")
        .prefetch_related(
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location").order_by("position"),
            ),
            "phones",
            "schedules",
        )
        .order_by("pk")
    )
    for service in services.iterator(chunk_size=CHUNK):
        yield record_of(service), identifiers_of(service)


def record_of(service: Service) -> ServiceRecord:
    organization = service.organization
    return ServiceRecord(
        source=service.source,
        source_id=service.source_id,
        name=service.name,
        organization=OrganizationRecord(
            source_id=organization.source_id,
            name=organization.name,
            description=organization.description,
            website=organization.website,
            email=organization.email,
            ownership=Ownership(organization.ownership),
        ),
        locations=tuple(location_record(link.location) for link in service.service_at_locations.all()),
        description=service.description,
        url=service.url,
        email=service.email,
        status=Status(service.status),
        category=Category(service.category),
        care_types=sorted_codes(CARE_TYPES.codes_in(service.care_types)),
        payment_options=sorted_codes(PAYMENT_OPTIONS.codes_in(service.payment_options)),
        age_groups=sorted_codes(AGE_GROUPS.codes_in(service.age_groups)),
        languages=tuple(service.language_codes.split()),
        gender=Gender(service.gender),
        accepting=Accepting(service.accepting),
        typical_wait_weeks=service.typical_wait_weeks,
        fees_description=service.fees_description,
        last_verified_on=service.last_verified_on,
        verification_source=service.verification_source,
        phones=tuple(
            PhoneRecord(number=phone.number, extension=phone.extension, kind=phone.kind, description=phone.description)
            for phone in service.phones.all()
        ),
        schedules=tuple(
            ScheduleRecord(
                weekdays=schedule.weekdays,
                opens_at=schedule.opens_at,
                closes_at=schedule.closes_at,
                description=schedule.description,
            )
            for schedule in service.schedules.all()
        ),
    )


def location_record(location: Any) -> LocationRecord:
    return LocationRecord(
        source_id=location.source_id,
        name=location.name,
        latitude=location.latitude,
        longitude=location.longitude,
        address_1=location.address_1,
        address_2=location.address_2,
        city=location.city,
        region=location.region,
        postal_code=location.postal_code,
        country=location.country,
        accessibility=location.accessibility,
    )


def identifiers_of(service: Service) -> dict[str, str]:
    organization = service.organization
    identifiers = {
        "service": stable_uuid("service", service.source, service.source_id),
        "organization": stable_uuid("organization", organization.source, organization.source_id),
    }
    for link in service.service_at_locations.all():
        location = link.location
        identifiers[f"location:{location.source_id}"] = stable_uuid("location", location.source, location.source_id)
    return identifiers


def export_json(path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as output:
        output.write("[")
        for record, identifiers in stored_services():
            output.write(",\n" if count else "\n")
            output.write(json.dumps(service_to_hsds(record, identifiers), ensure_ascii=False))
            count += 1
        output.write("\n]\n")
    return count


def export_tables(folder: Path, *, package_name: str) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        table: (folder / file_name).open("w", encoding="utf-8", newline="")
        for table, (file_name, _) in TABLE_COLUMNS.items()
    }
    try:
        writers = {table: table_writer(files[table], columns) for table, (_, columns) in TABLE_COLUMNS.items()}
        write_taxonomy(writers)
        count = 0
        seen: set[str] = set()
        for record, identifiers in stored_services():
            write_service_rows(writers, service_to_hsds(record, identifiers), seen)
            count += 1
    finally:
        for handle in files.values():
            handle.close()
    write_descriptor(folder, package_name)
    return count


def table_writer(handle: TextIO, columns: tuple[str, ...]) -> csv.DictWriter[str]:
    writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    return writer


def write_taxonomy(writers: dict[str, csv.DictWriter[str]]) -> None:
    writers["taxonomy"].writerow(
        {"id": str(TAXONOMY_ID), "name": TAXONOMY_NAME, "description": "Waypost's directory facets"}
    )
    for term in facet_terms():
        writers["taxonomy_term"].writerow(
            {
                "id": term.id,
                "code": term.code,
                "name": term.name,
                "taxonomy": TAXONOMY_NAME,
                "taxonomy_id": str(TAXONOMY_ID),
            }
        )


def write_service_rows(writers: dict[str, csv.DictWriter[str]], service: Json, seen: set[str]) -> None:
    organization = service["organization"]
    if organization["id"] not in seen:
        seen.add(organization["id"])
        writers["organization"].writerow(organization)
        write_attributes(writers, organization, "organization")
    writers["service"].writerow({**service, "organization_id": organization["id"]})
    write_attributes(writers, service, "service")
    for link in service["service_at_locations"]:
        location = link["location"]
        writers["service_at_location"].writerow(
            {"id": link["id"], "service_id": service["id"], "location_id": location["id"]}
        )
        if location["id"] in seen:
            continue
        seen.add(location["id"])
        writers["location"].writerow(
            {**location, "latitude": repr(location["latitude"]), "longitude": repr(location["longitude"])}
        )
        for address in location["addresses"]:
            writers["address"].writerow({**address, "location_id": location["id"]})
        for entry in location["accessibility"]:
            writers["accessibility"].writerow({**entry, "location_id": location["id"]})
    for table, key in (("phone", "phones"), ("schedule", "schedules"), ("language", "languages")):
        for entry in service[key]:
            writers[table].writerow({**entry, "service_id": service["id"]})


def write_attributes(writers: dict[str, csv.DictWriter[str]], owner: Json, entity: str) -> None:
    for entry in owner["attributes"]:
        writers["attribute"].writerow({**entry, "link_id": owner["id"], "link_entity": entity})


def write_descriptor(folder: Path, package_name: str) -> None:
    resources = [
        {
            "name": table,
            "path": file_name,
            "format": "csv",
            "mediatype": "text/csv",
            "profile": "tabular-data-resource",
            "schema": {
                "fields": [
                    {"name": column, "type": "number" if column in NUMBER_COLUMNS else "string"} for column in columns
                ]
            },
        }
        for table, (file_name, columns) in TABLE_COLUMNS.items()
    ]
    descriptor = {"name": package_name, "profile": "tabular-data-package", "resources": resources}
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")
