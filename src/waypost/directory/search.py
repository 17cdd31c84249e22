"""Find listed services within a radius, nearest first, with filters (docs/adr/0008).

One query narrows to a box through the covering index (is_listed, latitude band, longitude, ...), keeps rows
whose facets match, and tests the exact distance as a squared chord between unit vectors, which is plain
arithmetic that SQLite and PostgreSQL both evaluate inside the index scan. Only the page shown is loaded as
objects. A service at several locations is listed once, at its nearest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Prefetch

from waypost.directory.geography import Point, bounding_box, haversine_km, squared_chord_limit, unit_vector
from waypost.directory.models import Service, ServiceAtLocation
from waypost.directory.rules import Filters

DEFAULT_PAGE_SIZE = 10
FETCHED_AT_ONCE = 100
MAXIMUM_PAGE_SIZE = 100


@dataclass(frozen=True)
class SearchRequest:
    centre: Point
    radius_km: float
    filters: Filters = field(default_factory=Filters)
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


@dataclass(frozen=True)
class Hit:
    service: Service
    distance_km: float
    location_id: int


@dataclass(frozen=True)
class SearchPage:
    hits: tuple[Hit, ...]
    total: int
    page: int
    page_count: int


@dataclass(frozen=True)
class MatchQuery:
    """The SQL that finds matches, one row per service with its nearest squared chord, and its parameters."""

    sql: str
    parameters: list[Any]


TABLE = ServiceAtLocation._meta.db_table
SQUARED_CHORD = "((unit_x - %s) * (unit_x - %s) + (unit_y - %s) * (unit_y - %s) + (unit_z - %s) * (unit_z - %s))"


def match_query(request: SearchRequest, *, use_box: bool) -> MatchQuery:
    """Written as SQL rather than built by the ORM: it runs on every search, and building it took longer than
    running it. Plain arithmetic and `&`, so SQLite and PostgreSQL run it the same way (docs/adr/0008)."""
    x, y, z = unit_vector(request.centre)
    chord_parameters = [x, x, y, y, z, z]
    conditions: list[str] = ["is_listed = %s"]
    parameters: list[Any] = [True]
    if use_box:
        box = bounding_box(request.centre, request.radius_km)
        conditions.append(f"latitude_band IN ({', '.join(['%s'] * len(box.bands))}) AND longitude BETWEEN %s AND %s")
        parameters += [*box.bands, box.west, box.east]
    if request.filters.accepting_only:
        conditions.append("is_accepting = %s")
        parameters.append(True)
    for name, mask in request.filters.required_masks().items():
        conditions.append(f"({'care_types' if name == 'telehealth' else name} & %s) <> 0")
        parameters.append(mask)
    conditions.append(f"{SQUARED_CHORD} <= %s")
    parameters += [*chord_parameters, squared_chord_limit(request.radius_km)]
    sql = (
        f"SELECT service_id, MIN({SQUARED_CHORD}) AS nearest FROM {TABLE} "  # noqa: S608 - no value is formatted in
        f"WHERE {' AND '.join(conditions)} GROUP BY service_id"
    )
    return MatchQuery(sql, [*chord_parameters, *parameters])


def ranked_service_ids(
    request: SearchRequest, *, use_box: bool = True, limit: int | None = None, offset: int = 0
) -> list[int]:
    """Matching services nearest first (ties by id); use_box=False skips the index: the benchmark's full scan."""
    query = match_query(request, use_box=use_box)
    paging = " LIMIT %s OFFSET %s" if limit is not None else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"{query.sql} ORDER BY nearest, service_id{paging}",
            [*query.parameters, *([limit, offset] if limit is not None else [])],
        )
        return [row[0] for row in cursor.fetchall()]


def count_matches(request: SearchRequest, *, use_box: bool = True) -> int:
    query = match_query(request, use_box=use_box)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({query.sql}) AS matches", query.parameters)  # noqa: S608
        return int(cursor.fetchone()[0])


@dataclass(frozen=True)
class RankedPage:
    service_ids: list[int]
    total: int
    page: int
    page_count: int


def find_services(request: SearchRequest, *, use_box: bool = True) -> SearchPage:
    ranked = ranked_page(request, use_box=use_box)
    hits = hits_for(ranked.service_ids, request.centre)
    return SearchPage(hits=hits, total=ranked.total, page=ranked.page, page_count=ranked.page_count)


def ranked_page(request: SearchRequest, *, use_box: bool = True) -> RankedPage:
    """The ids on the page asked for, nearest first, and how many match: the part the index makes fast."""
    # Most searches match fewer than this: one query then gives both the count and the page
    nearest = ranked_service_ids(request, use_box=use_box, limit=FETCHED_AT_ONCE + 1)
    total = len(nearest) if len(nearest) <= FETCHED_AT_ONCE else count_matches(request, use_box=use_box)
    page_count = max(1, math.ceil(total / request.page_size))
    page = min(max(1, request.page), page_count)
    start, end = (page - 1) * request.page_size, page * request.page_size
    if end <= len(nearest) or total <= FETCHED_AT_ONCE:
        service_ids = nearest[start:end]
    else:
        service_ids = ranked_service_ids(request, use_box=use_box, limit=request.page_size, offset=start)
    return RankedPage(service_ids=service_ids, total=total, page=page, page_count=page_count)


def hits_for(service_ids: list[int], centre: Point) -> tuple[Hit, ...]:
    services = (
        Service.objects.filter(pk__in=service_ids)
        .select_related("organization")
        .prefetch_related(
            "phones", Prefetch("service_at_locations", queryset=ServiceAtLocation.objects.select_related("location"))
        )
        .in_bulk()
    )
    hits = []
    for service_id in service_ids:
        service = services[service_id]
        distance, location_id = min(
            (haversine_km(centre, Point(link.latitude, link.longitude)), link.location_id)
            for link in service.service_at_locations.all()
        )
        hits.append(Hit(service=service, distance_km=distance, location_id=location_id))
    return tuple(hits)
