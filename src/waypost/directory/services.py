"""Every write to the directory: saving imported services, and corrections from the public.

Keyword-only arguments, one transaction each. save_prepared_services is built for imports of a million rows: it
sorts a batch into new, changed and unchanged by fingerprint (storage/rows.py), writes new rows as plain tuples in bulk
with primary keys it reserves itself (storage/bulk_writes.py), and rewrites changed services one by one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from waypost.directory.hsds.records import ServiceRecord
from waypost.directory.models import (
    Correction,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)
from waypost.directory.storage.bulk_writes import (
    cache_for_bulk_writes,
    foreign_keys_checked_afterwards,
    index_built_afterwards,
    insert_rows,
    refresh_statistics,
    reserve_ids,
    stored_form,
    stored_rows,
)
from waypost.directory.storage.rows import (
    LISTING_COLUMNS,
    LOCATION_COLUMNS,
    ORGANIZATION_COLUMNS,
    PHONE_COLUMNS,
    PLACE_COLUMNS,
    SCHEDULE_COLUMNS,
    SERVICE_CONTENT_COLUMNS,
    PreparedService,
    prepare,
)
from waypost.intake.ratelimit import count_attempt

MAXIMUM_CORRECTIONS_PER_SERVICE_PER_DAY = 20
CORRECTIONS_COUNTER = "rate-limit-corrections"

Key = tuple[str, str]


@dataclass(frozen=True)
class BatchOutcome:
    added: int
    updated: int
    unchanged: int


class TooManyCorrections(Exception):
    """This listing has had as many reports today as we accept; it protects the review queue from floods."""


SEARCH_INDEX = "directory_sal_search"


@contextmanager
def bulk_load(*, is_large: bool) -> Iterator[None]:
    """Around an import: more SQLite cache, and, for a large import into an empty directory (the first load),
    the search index and PostgreSQL's foreign keys built once at the end. Nobody searches an empty directory."""
    is_first_load = is_large and not ServiceAtLocation.objects.exists()
    # On PostgreSQL a first load is one transaction, so its deferred checks and index come back if it fails
    whole_load = transaction.atomic() if is_first_load and connection.vendor == "postgresql" else nullcontext()
    with (
        cache_for_bulk_writes(),
        whole_load,
        foreign_keys_checked_afterwards([Service, ServiceAtLocation, Phone, Schedule], is_deferred=is_first_load),
        index_built_afterwards(ServiceAtLocation, SEARCH_INDEX, is_deferred=is_first_load),
    ):
        yield


def refresh_statistics_while_loading() -> None:
    refresh_statistics([Service, Location, Organization])


def save_service_records(*, records: Sequence[ServiceRecord], now: datetime | None = None) -> BatchOutcome:
    """Add or update these records, matched to stored services by (source, source id)."""
    return save_prepared_services(items=[prepare(record) for record in records], now=now)


def save_prepared_services(*, items: Sequence[PreparedService], now: datetime | None = None) -> BatchOutcome:
    """Add or update prepared services (rows.prepare); if a key repeats, the last one wins."""
    moment = now or timezone.now()
    prepared = {(item.source, item.source_id): item for item in items}
    # No savepoint inside a first load's single transaction: hundreds of them slow PostgreSQL down sharply
    with transaction.atomic(savepoint=False):
        stored = stored_rows(Service, prepared, ("fingerprint",))
        new = [item for key, item in prepared.items() if key not in stored]
        changed = [item for key, item in prepared.items() if key in stored and stored[key][1] != item.fingerprint]
        touched = [*new, *changed]
        organization_ids = save_keyed(
            Organization,
            {(item.source, item.organization_source_id): item.organization for item in touched},
            ORGANIZATION_COLUMNS,
        )
        location_ids = save_keyed(
            Location,
            {(item.source, location.source_id): location.values for item in touched for location in item.locations},
            LOCATION_COLUMNS,
        )
        add_services(new, organization_ids, location_ids, moment)
        for item in changed:
            rewrite_service(item, stored[(item.source, item.source_id)][0], organization_ids, location_ids, moment)
    return BatchOutcome(added=len(new), updated=len(changed), unchanged=len(prepared) - len(new) - len(changed))


def save_keyed(model: Any, wanted: Mapping[Key, tuple[Any, ...]], columns: Sequence[str]) -> dict[Key, int]:
    """Insert missing rows, update rows whose values differ, and return every wanted row's primary key."""
    stored = stored_rows(model, wanted, columns)
    for key, stored_values in stored.items():
        if stored_values[1:] != wanted[key]:
            model.objects.filter(pk=stored_values[0]).update(**dict(zip(columns, wanted[key], strict=True)))
    ids = {key: stored_values[0] for key, stored_values in stored.items()}
    missing = [key for key in wanted if key not in stored]
    ids.update(zip(missing, reserve_ids(model, len(missing)), strict=True))
    insert_rows(
        model,
        ("id", "source", "source_id", *columns),
        [(ids[key], *key, *wanted[key]) for key in missing],
    )
    return ids


SERVICE_COLUMNS = (
    "id",
    "source",
    "source_id",
    "organization",
    *SERVICE_CONTENT_COLUMNS,
    "fingerprint",
    "updated_at",
)


def service_row(item: PreparedService, service_id: int, organization_id: int, moment: Any) -> tuple[Any, ...]:
    return (
        service_id,
        item.source,
        item.source_id,
        organization_id,
        *item.content,
        item.fingerprint,
        moment,
    )


def add_services(
    items: Sequence[PreparedService], organization_ids: dict[Key, int], location_ids: dict[Key, int], moment: datetime
) -> None:
    if not items:
        return
    saved = list(zip(items, reserve_ids(Service, len(items)), strict=True))
    stored_moment = stored_form("updated_at", Service, moment)
    insert_rows(
        Service,
        SERVICE_COLUMNS,
        [
            service_row(item, service_id, organization_ids[(item.source, item.organization_source_id)], stored_moment)
            for item, service_id in saved
        ],
    )
    add_service_parts(saved, location_ids)


def rewrite_service(
    item: PreparedService,
    service_id: int,
    organization_ids: dict[Key, int],
    location_ids: dict[Key, int],
    moment: datetime,
) -> None:
    organization_id = organization_ids[(item.source, item.organization_source_id)]
    fields = dict(zip(SERVICE_COLUMNS, service_row(item, service_id, organization_id, moment), strict=True))
    del fields["id"]
    fields["organization_id"] = fields.pop("organization")
    Service.objects.filter(pk=service_id).update(**fields)
    ServiceAtLocation.objects.filter(service_id=service_id).delete()
    Phone.objects.filter(service_id=service_id).delete()
    Schedule.objects.filter(service_id=service_id).delete()
    add_service_parts([(item, service_id)], location_ids)


def add_service_parts(saved: Sequence[tuple[PreparedService, int]], location_ids: dict[Key, int]) -> None:
    insert_rows(
        ServiceAtLocation,
        ("service", "location", "position", *PLACE_COLUMNS, *LISTING_COLUMNS),
        [
            (service_id, location_ids[(item.source, location.source_id)], position, *location.place, *item.listing)
            for item, service_id in saved
            for position, location in enumerate(item.locations)
        ],
    )
    insert_rows(
        Phone,
        ("service", "position", *PHONE_COLUMNS),
        [(service_id, position, *phone) for item, service_id in saved for position, phone in enumerate(item.phones)],
    )
    insert_rows(
        Schedule,
        ("service", "position", *SCHEDULE_COLUMNS),
        [
            (service_id, position, *schedule)
            for item, service_id in saved
            for position, schedule in enumerate(item.schedules)
        ],
    )


def submit_correction(
    *,
    service: Service,
    problem: str,
    details: str,
    reporter_contact: str = "",
    client_address: str = "",
    now: datetime | None = None,
) -> Correction:
    """Queue a report that a listing is wrong.

    Raises RateLimited past the per-client hourly limit (the contact requests' limit, counted separately) and
    TooManyCorrections past the daily limit for the listing; either way nothing is stored or counted.
    """
    moment = now or timezone.now()
    with transaction.atomic():
        if client_address:
            count_attempt(client_address, counter=CORRECTIONS_COUNTER)
        Service.objects.select_for_update().filter(pk=service.pk).first()
        recent = Correction.objects.filter(service=service, created_at__gte=moment - timedelta(days=1)).count()
        if recent >= MAXIMUM_CORRECTIONS_PER_SERVICE_PER_DAY:
            raise TooManyCorrections(service.pk)
        return Correction.objects.create(
            service=service,
            problem=problem,
            details=details.strip(),
            reporter_contact=reporter_contact.strip() or None,
            created_at=moment,
        )


def purge_corrections(*, older_than: timedelta, now: datetime | None = None) -> int:
    """Delete corrections, with any contact left, reported longer ago than the retention period."""
    cutoff = (now or timezone.now()) - older_than
    with transaction.atomic():
        deleted, _ = Correction.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def mark_correction_reviewed(*, correction_id: int, now: datetime | None = None) -> bool:
    with transaction.atomic():
        updated = Correction.objects.filter(pk=correction_id, status=Correction.Status.NEW).update(
            status=Correction.Status.REVIEWED, reviewed_at=now or timezone.now()
        )
    return updated == 1
