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

from waypost.directory.geography import Point, bounding_box, haversine_km, squared_chord_limit, unit_vector
from waypost.directory.models import Location, Phone, Service, ServiceAtLocation
from waypost.directory.rules import Filters
from waypost.directory.storage.page_loading import Site, phones_of, sites_of

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
    """A service on the page, at its location nearest the search centre."""

    service: Service
    location: Location
    phones: tuple[Phone, ...]
    distance_km: float


@dataclass(frozen=True)
class SearchPage:
    hits: tuple[Hit, ...]
    total: int
    page: int
    page_count: int


@dataclass(frozen=True)
class MatchQuery:
    """The SQL that finds matches, one row per service with its nearest squared chord and the number of matching
    services, and its parameters."""

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
    for name, mask in request.filters.required_masks():
        conditions.append(f"({name} & %s) <> 0")
        parameters.append(mask)
    conditions.append(f"{SQUARED_CHORD} <= %s")
    parameters += [*chord_parameters, squared_chord_limit(request.radius_km)]
    sql = (
        # COUNT(*) OVER () counts the groups before LIMIT applies: the page and the total in one query
        f"SELECT service_id, MIN({SQUARED_CHORD}) AS nearest, COUNT(*) OVER () AS total FROM {TABLE} "  # noqa: S608 - no value is formatted in
        f"WHERE {' AND '.join(conditions)} GROUP BY service_id"
    )
    return MatchQuery(sql, [*chord_parameters, *parameters])


@dataclass(frozen=True)
class Ranking:
    service_ids: list[int]
    total: int  # every match, beyond the limit too; 0 when an offset passes the last match


def ranking(request: SearchRequest, *, use_box: bool = True, limit: int | None = None, offset: int = 0) -> Ranking:
    """Matching services nearest first (ties by id) and how many match; use_box=False skips the index: the
    benchmark's full scan."""
    query = match_query(request, use_box=use_box)
    paging = " LIMIT %s OFFSET %s" if limit is not None else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"{query.sql} ORDER BY nearest, service_id{paging}",
            [*query.parameters, *([limit, offset] if limit is not None else [])],
        )
        rows = cursor.fetchall()
    return Ranking(service_ids=[row[0] for row in rows], total=int(rows[0][2]) if rows else 0)


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
    # The first pages come from one query; only a page beyond them needs a second
    first = ranking(request, use_box=use_box, limit=FETCHED_AT_ONCE)
    total = first.total
    page_count = max(1, math.ceil(total / request.page_size))
    page = min(max(1, request.page), page_count)
    start, end = (page - 1) * request.page_size, page * request.page_size
    if end <= len(first.service_ids) or total <= FETCHED_AT_ONCE:
        service_ids = first.service_ids[start:end]
    else:
        service_ids = ranking(request, use_box=use_box, limit=request.page_size, offset=start).service_ids
    return RankedPage(service_ids=service_ids, total=total, page=page, page_count=page_count)


def hits_for(service_ids: list[int], centre: Point) -> tuple[Hit, ...]:
    nearest: dict[int, tuple[float, int, Site]] = {}
    for site in sites_of(service_ids):
        # The nearest location shows; equally near ones are told apart by id, as the ranking does
        candidate = (
            haversine_km(centre, Point(site.location.latitude, site.location.longitude)),
            site.location.pk,
            site,
        )
        service_id = site.service.pk
        if service_id not in nearest or candidate[:2] < nearest[service_id][:2]:
            nearest[service_id] = candidate
    phones = phones_of(service_ids)
    return tuple(
        Hit(
            service=nearest[service_id][2].service,
            location=nearest[service_id][2].location,
            phones=tuple(phones[service_id]),
            distance_km=nearest[service_id][0],
        )
        for service_id in service_ids
    )
