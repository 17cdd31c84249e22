from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from waypost.directory.geography import (
    BAND_HEIGHT_DEGREES,
    EARTH_RADIUS_KM,
    Point,
    bounding_box,
    haversine_km,
    is_valid_point,
    km_to_miles,
    latitude_band,
    miles_to_km,
    squared_chord_limit,
    unit_vector,
)

ONE_DEGREE_KM = EARTH_RADIUS_KM * math.pi / 180

latitudes = st.floats(min_value=-80, max_value=80, allow_nan=False)
longitudes = st.floats(min_value=-179, max_value=179, allow_nan=False)
radii = st.floats(min_value=0.5, max_value=500)
bearings = st.floats(min_value=0, max_value=2 * math.pi)


def squared_chord(a: Point, b: Point) -> float:
    return sum((first - second) ** 2 for first, second in zip(unit_vector(a), unit_vector(b), strict=True))


@pytest.mark.parametrize(
    ("start", "end", "expected_km"),
    [
        (Point(0, 0), Point(1, 0), ONE_DEGREE_KM),
        (Point(0, 0), Point(0, 1), ONE_DEGREE_KM),
        (Point(0, 0), Point(0, 180), math.pi * EARTH_RADIUS_KM),
        (Point(51.5, -0.12), Point(51.5, -0.12), 0.0),
        (Point(60, 0), Point(60, 1), ONE_DEGREE_KM * math.cos(math.radians(60))),
    ],
)
def test_measures_great_circle_distances(start: Point, end: Point, expected_km: float) -> None:
    assert haversine_km(start, end) == pytest.approx(expected_km, rel=1e-3, abs=1e-9)


@pytest.mark.parametrize(
    ("latitude", "longitude", "is_valid"),
    [(0, 0, True), (90, 180, True), (-90, -180, True), (90.1, 0, False), (0, 180.5, False), (math.nan, 0, False)],
)
def test_accepts_only_points_on_the_globe(latitude: float, longitude: float, is_valid: bool) -> None:
    assert is_valid_point(latitude, longitude) is is_valid


def test_puts_each_latitude_in_a_tenth_of_a_degree_band() -> None:
    assert BAND_HEIGHT_DEGREES == 0.1
    assert [latitude_band(value) for value in (0.0, 0.05, 0.1, -0.05, 53.48)] == [0, 0, 1, -1, 534]


def test_converts_miles_and_kilometres() -> None:
    assert miles_to_km(10) == pytest.approx(16.09344)
    assert km_to_miles(16.09344) == pytest.approx(10)


@given(latitudes, longitudes, radii, bearings, st.floats(min_value=0, max_value=1))
def test_box_holds_every_point_inside_the_circle(
    latitude: float, longitude: float, radius: float, bearing: float, fraction: float
) -> None:
    centre = Point(latitude, longitude)
    angular = radius * fraction / EARTH_RADIUS_KM
    phi, lam = math.radians(latitude), math.radians(longitude)
    end_phi = math.asin(math.sin(phi) * math.cos(angular) + math.cos(phi) * math.sin(angular) * math.cos(bearing))
    end_lam = lam + math.atan2(
        math.sin(bearing) * math.sin(angular) * math.cos(phi), math.cos(angular) - math.sin(phi) * math.sin(end_phi)
    )
    inside = Point(math.degrees(end_phi), (math.degrees(end_lam) + 540) % 360 - 180)

    box = bounding_box(centre, radius)

    assert haversine_km(centre, inside) <= radius + 1e-6
    assert latitude_band(inside.latitude) in box.bands
    assert box.west <= inside.longitude <= box.east


points = st.builds(Point, latitudes, longitudes)


@given(points, points, points)
def test_squared_chords_order_points_as_distances_do(centre: Point, first: Point, second: Point) -> None:
    distance_gap = haversine_km(centre, first) - haversine_km(centre, second)
    if abs(distance_gap) > 1e-6:
        assert (squared_chord(centre, first) < squared_chord(centre, second)) == (distance_gap < 0)


@pytest.mark.parametrize("radius", [0.1, 1.0, 25.0, 500.0])
def test_chord_limit_matches_the_radius(radius: float) -> None:
    centre = Point(10, 10)
    due_north = Point(10 + math.degrees(radius / EARTH_RADIUS_KM), 10)

    assert squared_chord(centre, due_north) == pytest.approx(squared_chord_limit(radius), rel=1e-9)


def test_box_near_a_pole_or_the_antimeridian_covers_every_longitude() -> None:
    assert (bounding_box(Point(89.9, 0), 50).west, bounding_box(Point(89.9, 0), 50).east) == (-180.0, 180.0)
    assert (bounding_box(Point(52, 179.9), 50).west, bounding_box(Point(52, 179.9), 50).east) == (-180.0, 180.0)
