"""Load the page of services a search found: two plain queries, written once, for every page.

The ranking query takes a fraction of a millisecond; building the page through the ORM (a join and two
prefetches) took four to ten times as long, most of it spent composing SQL that never changes. Here the SQL is
composed once per process from the models' fields. Organisations and locations come back in the same row as their
service, so their fields must be ones the database returns as Python values unconverted (text and numbers); a test
keeps it so (tests/directory/test_page_loading.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from django.db import connection, models

from waypost.directory.models import Location, Organization, Phone, Service, ServiceAtLocation

M = TypeVar("M", bound=models.Model)
PREFIXES: dict[type[models.Model], str] = {Organization: "organization__", Location: "location__"}


@dataclass(frozen=True)
class Site:
    """A service at one of its locations."""

    service: Service
    location: Location


def sites_of(service_ids: Sequence[int]) -> list[Site]:
    """Every (service, location) pair of these services, with each service's organisation loaded."""
    if not service_ids:
        return []
    rows = Service.objects.raw(sites_sql(len(service_ids)), list(service_ids))
    return [site_from(row) for row in rows]


def phones_of(service_ids: Sequence[int]) -> dict[int, list[Phone]]:
    """These services' phones in their listed order, by service id."""
    phones: dict[int, list[Phone]] = {service_id: [] for service_id in service_ids}
    if service_ids:
        for phone in Phone.objects.raw(phones_sql(len(service_ids)), list(service_ids)):
            phones[phone.service_id].append(phone)
    return phones


def site_from(row: Service) -> Site:
    row.organization = model_from(Organization, row)
    return Site(service=row, location=model_from(Location, row))


def model_from(model: type[M], row: Service) -> M:
    names = field_names(model)
    prefix = PREFIXES[model]
    return model.from_db(connection.alias, names, [getattr(row, prefix + name) for name in names])


@cache
def field_names(model: type[models.Model]) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


@cache
def sites_sql(count: int) -> str:
    quote = connection.ops.quote_name
    joined_columns = [
        f"{alias}.{quote(field.column)} AS {quote(PREFIXES[model] + field.attname)}"
        for model, alias in ((Organization, "o"), (Location, "l"))
        for field in model._meta.concrete_fields
    ]
    return (
        # Only the (service, location) pair is read from the search copy, so its unique index answers alone
        f"SELECT s.*, {', '.join(joined_columns)} "  # noqa: S608 - names from our models
        f"FROM {quote(ServiceAtLocation._meta.db_table)} sal "
        f"JOIN {quote(Service._meta.db_table)} s ON s.id = sal.service_id "
        f"JOIN {quote(Organization._meta.db_table)} o ON o.id = s.organization_id "
        f"JOIN {quote(Location._meta.db_table)} l ON l.id = sal.location_id "
        f"WHERE sal.service_id IN ({placeholders(count)})"
    )


@cache
def phones_sql(count: int) -> str:
    table = connection.ops.quote_name(Phone._meta.db_table)
    return f"SELECT * FROM {table} WHERE service_id IN ({placeholders(count)}) ORDER BY service_id, position, id"  # noqa: S608


def placeholders(count: int) -> str:
    return ", ".join(["%s"] * count)
