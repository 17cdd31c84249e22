"""Demo data for `waypost demo`: a few hundred fictional services around Manchester (UK) and Chicago (US)."""

from __future__ import annotations

from django.utils import timezone

from waypost.directory.hsds.synthetic import Area, fictional_services
from waypost.directory.services import save_service_records

SEED = 2026
SOURCE = "demo"
AREAS = (
    (Area("Manchester", "GB", 53.4808, -2.2426, 15.0, "M1"), 160),
    (Area("Chicago", "US", 41.8781, -87.6298, 20.0, "60602"), 160),
)


def load() -> str:
    records = fictional_services(SEED, AREAS, source=SOURCE, today=timezone.localdate())
    outcome = save_service_records(records=records)
    return (
        f"{len(records)} fictional services around Manchester and Chicago "
        f"({outcome.added} added, {outcome.updated} updated, {outcome.unchanged} unchanged)"
    )
