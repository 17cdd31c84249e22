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

from django.db.models import Expression, F, FloatField, Min, QuerySet, Value
from django.db.models.expressions import CombinedExpression

from waypost.directory.geography import Point, bounding_box, haversine_km, squared_chord_limit, unit_vector
from waypost.directory.models import Service, ServiceAtLocation
from waypost.directory.rules import Filters

DEFAULT_PAGE_SIZE = 10
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


def squared_chord_to(centre: Point) -> Expression:
    x, y, z = unit_vector(centre)
    terms = [
        (F(name) - Value(value)) * (F(name) - Value(value))
        for name, value in (("unit_x", x), ("unit_y", y), ("unit_z", z))
    ]
    return CombinedExpression(CombinedExpression(terms[0], "+", terms[1]), "+", terms[2], output_field=FloatField())


def with_facet_matches(listings: QuerySet[ServiceAtLocation], filters: Filters) -> QuerySet[ServiceAtLocation]:
    if filters.accepting_only:
        listings = listings.filter(is_accepting=True)
    for name, mask in filters.required_masks().items():
        column = "care_types" if name == "telehealth" else name
        listings = listings.alias(**{f"{name}_match": F(column).bitand(mask)}).filter(**{f"{name}_match__gt": 0})
    return listings


def matching_listings(request: SearchRequest, *, use_box: bool = True) -> QuerySet[ServiceAtLocation, dict[str, Any]]:
    """Listed services within the radius that match the filters, one row per service with its nearest distance.

    use_box=False skips the index's box: the benchmark's full-scan baseline.
    """
    listings = ServiceAtLocation.objects.filter(is_listed=True)
    if use_box:
        box = bounding_box(request.centre, request.radius_km)
        listings = listings.filter(latitude_band__in=box.bands, longitude__range=(box.west, box.east))
    distance = squared_chord_to(request.centre)
    listings = with_facet_matches(listings, request.filters).alias(squared_chord=distance)
    listings = listings.filter(squared_chord__lte=squared_chord_limit(request.radius_km))
    return listings.values("service_id").annotate(nearest=Min(distance)).order_by("nearest", "service_id")


def find_services(request: SearchRequest, *, use_box: bool = True) -> SearchPage:
    listings = matching_listings(request, use_box=use_box)
    total = listings.count()
    page_count = max(1, math.ceil(total / request.page_size))
    page = min(max(1, request.page), page_count)
    start = (page - 1) * request.page_size
    service_ids = [row["service_id"] for row in listings[start : start + request.page_size]]
    return SearchPage(hits=hits_for(service_ids, request.centre), total=total, page=page, page_count=page_count)


def hits_for(service_ids: list[int], centre: Point) -> tuple[Hit, ...]:
    services = (
        Service.objects.filter(pk__in=service_ids)
        .select_related("organization")
        .prefetch_related("phones", "service_at_locations__location")
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
