"""HSDS 3.0 as a tabular data package: datapackage.json beside one CSV file per table.

The tables refer to each other by id in any order, so each CSV file is first streamed into a temporary SQLite
file with an index on its links. Services are then read back in file order, 500 at a time, and assembled into
the nested service objects that hsds/shape.py reads. Memory stays flat however large the package is.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from waypost.directory.hsds.importing.problems import MalformedFile, RowProblem
from waypost.directory.hsds.records import Rejection, ServiceRecord
from waypost.directory.hsds.shape import service_from_hsds
from waypost.directory.hsds.terms import TERMS_BY_ID

# HSDS table name → the column its rows are looked up by
TABLES = {
    "service": "id",
    "organization": "id",
    "location": "id",
    "service_at_location": "service_id",
    "address": "location_id",
    "accessibility": "location_id",
    "phone": "service_id",
    "schedule": "service_id",
    "language": "service_id",
    "attribute": "link_id",
    "taxonomy_term": "id",
}
REQUIRED_COLUMNS = {"service": ("id", "name", "organization_id"), "organization": ("id", "name")}
DESCRIPTOR = "datapackage.json"
READ_CHUNK = 500
INSERT_CHUNK = 5_000
FIELD_SIZE_LIMIT = 1_000_000


def hsds_table_records(folder: Path, *, source: str | None) -> Iterator[tuple[int, ServiceRecord | Rejection]]:
    package = read_descriptor(folder)
    resources = package_resources(folder, package)
    csv.field_size_limit(FIELD_SIZE_LIMIT)
    with tempfile.TemporaryDirectory(prefix="waypost-hsds-") as scratch:
        staging = sqlite3.connect(Path(scratch) / "staging.sqlite3")
        try:
            for table, path in resources.items():
                stage_table(staging, table, path)
            default_source = source or f"hsds:{package.get('name') or folder.name}"
            yield from assembled_services(staging, default_source)
        finally:
            staging.close()


def read_descriptor(folder: Path) -> dict[str, Any]:
    """datapackage.json, checked to be an object with a list of resources."""
    descriptor = folder / DESCRIPTOR
    try:
        package = json.loads(descriptor.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MalformedFile(f"{folder} has no {DESCRIPTOR}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MalformedFile(f"{descriptor} cannot be read as JSON: {error}") from None
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        raise MalformedFile(f"{descriptor} has no list of resources")
    return package


def package_resources(folder: Path, package: dict[str, Any]) -> dict[str, Path]:
    descriptor = folder / DESCRIPTOR
    resources = {}
    for resource in package["resources"]:
        if isinstance(resource, dict) and resource.get("name") in TABLES and isinstance(resource.get("path"), str):
            path = (folder / resource["path"]).resolve()
            if folder.resolve() not in path.parents:
                raise MalformedFile(f"resource {resource['name']} points outside the package: {resource['path']}")
            resources[resource["name"]] = path
    for table in REQUIRED_COLUMNS:
        if table not in resources:
            raise MalformedFile(f"{descriptor} lists no '{table}' resource")
    return resources


def stage_table(staging: sqlite3.Connection, table: str, path: Path) -> None:
    try:
        with path.open(encoding="utf-8-sig", newline="") as lines:
            reader = csv.reader(lines)
            header = [column.strip() for column in next(reader, [])]
            check_header(table, header, path)
            columns = ", ".join(f'"{column}"' for column in ["_row", *header])
            staging.execute(f'CREATE TABLE "{table}" ({columns})')
            insert = f'INSERT INTO "{table}" VALUES ({", ".join("?" * (len(header) + 1))})'  # noqa: S608
            chunk: list[list[str | int]] = []
            for number, row in enumerate(reader, start=1):
                chunk.append([number, *(row + [""] * len(header))[: len(header)]])
                if len(chunk) >= INSERT_CHUNK:
                    staging.executemany(insert, chunk)
                    chunk.clear()
            staging.executemany(insert, chunk)
            staging.execute(f'CREATE INDEX "{table}_lookup" ON "{table}" ("{TABLES[table]}")')
    except FileNotFoundError:
        raise MalformedFile(f"{path.name} is listed in datapackage.json but missing") from None
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise MalformedFile(f"{path.name} cannot be read as CSV: {error}") from None


def check_header(table: str, header: list[str], path: Path) -> None:
    missing = [column for column in (*REQUIRED_COLUMNS.get(table, ()), TABLES[table]) if column not in header]
    if missing:
        raise MalformedFile(f"{path.name} has no column named {', '.join(sorted(set(missing)))}")
    if len(set(header)) != len(header) or "_row" in header:
        raise MalformedFile(f"{path.name} repeats a column name")


def assembled_services(
    staging: sqlite3.Connection, default_source: str
) -> Iterator[tuple[int, ServiceRecord | Rejection]]:
    staging.row_factory = sqlite3.Row
    tables = {name for (name,) in staging.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    last_row = 0
    while True:
        services = staging.execute(
            'SELECT * FROM "service" WHERE _row > ? ORDER BY _row LIMIT ?', (last_row, READ_CHUNK)
        ).fetchall()
        if not services:
            return
        last_row = services[-1]["_row"]
        related = RelatedRows(staging, tables, services)
        for service in services:
            try:
                yield service["_row"], service_from_hsds(related.service_object(service), default_source=default_source)
            except RowProblem as problem:
                yield service["_row"], Rejection(service["_row"], str(problem))


class RelatedRows:
    """Everything that hangs off one chunk of services, fetched with one query per table."""

    def __init__(self, staging: sqlite3.Connection, tables: set[str], services: list[sqlite3.Row]) -> None:
        self.staging = staging
        self.tables = tables
        service_ids = [row["id"] for row in services]
        organization_ids = [row["organization_id"] for row in services]
        self.organizations = self.rows_by("organization", "id", organization_ids)
        self.attributes = self.rows_by("attribute", "link_id", service_ids + organization_ids)
        term_ids = [
            entry["taxonomy_term_id"]
            for rows in self.attributes.values()
            for entry in rows
            if "taxonomy_term_id" in entry
        ]
        self.terms = self.rows_by(
            "taxonomy_term", "id", [term_id for term_id in term_ids if term_id not in TERMS_BY_ID]
        )
        self.links = self.rows_by("service_at_location", "service_id", service_ids)
        self.phones = self.rows_by("phone", "service_id", service_ids)
        self.schedules = self.rows_by("schedule", "service_id", service_ids)
        self.languages = self.rows_by("language", "service_id", service_ids)
        location_ids = [link["location_id"] for links in self.links.values() for link in links]
        self.locations = self.rows_by("location", "id", location_ids)
        self.addresses = self.rows_by("address", "location_id", location_ids)
        self.accessibility = self.rows_by("accessibility", "location_id", location_ids)

    def rows_by(self, table: str, column: str, values: list[str]) -> dict[str, list[dict[str, Any]]]:
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        if table not in self.tables or not values:
            return grouped
        unique = sorted(set(values))
        for start in range(0, len(unique), READ_CHUNK):
            part = unique[start : start + READ_CHUNK]
            query = f'SELECT * FROM "{table}" WHERE "{column}" IN ({", ".join("?" * len(part))}) ORDER BY _row'  # noqa: S608
            for row in self.staging.execute(query, part):
                grouped[row[column]].append(dict(row))
        return grouped

    def attributes_of(self, owner_id: str) -> list[dict[str, Any]]:
        """An owner's attributes, each with its term when the package defines one outside our taxonomy."""
        attributes = []
        for entry in self.attributes.get(owner_id, []):
            found = self.terms.get(entry.get("taxonomy_term_id", ""), [])
            attributes.append({**entry, "taxonomy_term": found[0] if found else None})
        return attributes

    def service_object(self, service: sqlite3.Row) -> dict[str, Any]:
        item = dict(service)
        organization = self.organizations.get(item["organization_id"], [])
        item["organization"] = (
            {**organization[0], "attributes": self.attributes_of(item["organization_id"])} if organization else None
        )
        item["service_at_locations"] = [
            {**link, "location": self.location_object(link["location_id"])} for link in self.links.get(item["id"], [])
        ]
        item["phones"] = self.phones.get(item["id"], [])
        item["schedules"] = self.schedules.get(item["id"], [])
        item["languages"] = self.languages.get(item["id"], [])
        item["attributes"] = self.attributes_of(item["id"])
        return item

    def location_object(self, location_id: str) -> dict[str, Any] | None:
        found = self.locations.get(location_id, [])
        if not found:
            return None
        return {
            **found[0],
            "addresses": self.addresses.get(location_id, []),
            "accessibility": self.accessibility.get(location_id, []),
        }
