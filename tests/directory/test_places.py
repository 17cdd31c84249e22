from __future__ import annotations

import pytest

from waypost.directory.geography import Point
from waypost.directory.geography.places import (
    NORTHERN_IRELAND,
    NOT_RECOGNISED,
    OUT_OF_RANGE,
    Place,
    PlaceProblem,
    find_place,
)

UK = {"SW1A 1": (51.5051, -0.1391), "SW1A": (51.5046, -0.1321), "M1": (53.4774, -2.2363)}
US = {"10001": (40.7484, -73.9967)}


def place(typed: str) -> Place | PlaceProblem:
    return find_place(typed, uk_places=lambda: UK, us_places=lambda: US)


@pytest.mark.parametrize(
    ("typed", "label", "point"),
    [
        ("SW1A 1AA", "SW1A 1AA", Point(51.5051, -0.1391)),
        ("  sw1a1aa ", "SW1A 1AA", Point(51.5051, -0.1391)),
        ("SW1A", "SW1A", Point(51.5046, -0.1321)),
        ("m1", "M1", Point(53.4774, -2.2363)),
        ("10001", "ZIP code 10001", Point(40.7484, -73.9967)),
        ("10001-1234", "ZIP code 10001", Point(40.7484, -73.9967)),
        ("51.5, -0.12", "51.5, -0.12", Point(51.5, -0.12)),
        ("-33.9 151.2", "-33.9, 151.2", Point(-33.9, 151.2)),
    ],
)
def test_finds_postcodes_zip_codes_and_coordinates(typed: str, label: str, point: Point) -> None:
    found = place(typed)

    assert isinstance(found, Place)
    assert (found.label, found.point) == (label, point)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("hello", NOT_RECOGNISED),
        ("1234", NOT_RECOGNISED),
        ("", NOT_RECOGNISED),
        ("95, 0", OUT_OF_RANGE),
        ("BT1 1AA", NORTHERN_IRELAND),
        ("BT7", NORTHERN_IRELAND),
        ("ZZ9 9ZZ", "We could not find the postcode ZZ9 9ZZ. Check it, or enter just the first part, like ZZ9"),
        ("ZZ9", "We could not find the postcode area ZZ9. Check it and try again"),
        ("00000", "We could not find the ZIP code 00000. Check it and try again"),
    ],
)
def test_says_clearly_what_it_cannot_find(typed: str, message: str) -> None:
    assert place(typed) == PlaceProblem(message)


def test_shipped_data_covers_great_britain_and_the_united_states() -> None:
    london, zip_code = find_place("SW1A 1AA"), find_place("60602")

    assert isinstance(london, Place)
    assert isinstance(zip_code, Place)
    assert london.point.latitude == pytest.approx(51.50, abs=0.02)
    assert zip_code.point.longitude == pytest.approx(-87.63, abs=0.05)
