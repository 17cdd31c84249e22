"""Distances on the Earth and the boxes that bound a search circle. Pure: no Django, no I/O.

The package beside it turns what people type into places: `places.py` (postcodes, ZIP codes, coordinates),
`place_data.py` (the shipped files in `data/`), `national_grid.py` and `build_place_data.py` (for maintainers).

Services are found by an indexed box (latitude band + longitude range) and then by exact great-circle distance.
The exact test compares squared chord lengths between unit vectors, which orders points exactly as the haversine
distance does and needs only arithmetic, so both databases can evaluate it (docs/adr/0008).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius
KILOMETRES_PER_MILE = 1.609344
BAND_HEIGHT_DEGREES = 0.1
MAXIMUM_RADIUS_KM = 500.0
# Widen boxes by a hair so rounding can never drop a point that lies exactly on the circle
BOX_MARGIN_DEGREES = 1e-9


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class BoundingBox:
    bands: tuple[int, ...]
    south: float
    north: float
    west: float
    east: float


def is_valid_point(latitude: float, longitude: float) -> bool:
    return math.isfinite(latitude) and math.isfinite(longitude) and -90 <= latitude <= 90 and -180 <= longitude <= 180


def haversine_km(start: Point, end: Point) -> float:
    start_latitude, end_latitude = math.radians(start.latitude), math.radians(end.latitude)
    half_chord = (
        math.sin((end_latitude - start_latitude) / 2) ** 2
        + math.cos(start_latitude)
        * math.cos(end_latitude)
        * math.sin(math.radians(end.longitude - start.longitude) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(half_chord)))


def unit_vector(point: Point) -> tuple[float, float, float]:
    latitude, longitude = math.radians(point.latitude), math.radians(point.longitude)
    return (math.cos(latitude) * math.cos(longitude), math.cos(latitude) * math.sin(longitude), math.sin(latitude))


def squared_chord_limit(radius_km: float) -> float:
    """The squared straight-line distance between unit vectors that corresponds to radius_km along the surface."""
    return (2 * math.sin(min(math.pi, radius_km / EARTH_RADIUS_KM) / 2)) ** 2


def latitude_band(latitude: float) -> int:
    return math.floor(latitude / BAND_HEIGHT_DEGREES)


def bounding_box(centre: Point, radius_km: float) -> BoundingBox:
    angular_radius = radius_km / EARTH_RADIUS_KM
    latitude_reach = math.degrees(angular_radius) + BOX_MARGIN_DEGREES
    south = max(-90.0, centre.latitude - latitude_reach)
    north = min(90.0, centre.latitude + latitude_reach)
    west, east = longitude_range(centre, angular_radius)
    bands = tuple(range(latitude_band(south), latitude_band(north) + 1))
    return BoundingBox(bands=bands, south=south, north=north, west=west, east=east)


def longitude_range(centre: Point, angular_radius: float) -> tuple[float, float]:
    latitude = math.radians(centre.latitude)
    if abs(latitude) + angular_radius >= math.pi / 2:
        return -180.0, 180.0  # the circle reaches a pole: every longitude
    reach = math.degrees(math.asin(math.sin(angular_radius) / math.cos(latitude))) + BOX_MARGIN_DEGREES
    west, east = centre.longitude - reach, centre.longitude + reach
    if west < -180 or east > 180:
        return -180.0, 180.0  # the circle crosses the antimeridian: rare here, so scan every longitude
    return west, east


def miles_to_km(miles: float) -> float:
    return miles * KILOMETRES_PER_MILE


def km_to_miles(kilometres: float) -> float:
    return kilometres / KILOMETRES_PER_MILE
