"""Turn what someone typed in "Where" into a point: a UK postcode or its first part, a US ZIP code, or latitude
and longitude. Parsing is pure; lookups read the shipped files in data/ (place_data.py), never the network.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

# Messages are marked for the catalogue here and translated by the view (PlaceProblem, Place)
from waypost.core.wording import gettext_noop as _
from waypost.directory.geography import Point, is_valid_point
from waypost.directory.geography.place_data import uk_postcode_places, us_zip_code_places

MAXIMUM_INPUT_LENGTH = 60
UK_POSTCODE = re.compile(r"^(?P<outward>[A-Z]{1,2}[0-9][A-Z0-9]?) ?(?P<inward>[0-9][A-Z]{2})$")
UK_OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
US_ZIP_CODE = re.compile(r"^(?P<zip>[0-9]{5})(?:-?[0-9]{4})?$")
LATITUDE_LONGITUDE = re.compile(
    r"^(?P<latitude>[-+]?[0-9]{1,2}(?:\.[0-9]+)?)\s*[, ]\s*(?P<longitude>[-+]?[0-9]{1,3}(?:\.[0-9]+)?)$"
)
NORTHERN_IRELAND_AREA = "BT"


NOT_RECOGNISED = _(
    "Enter a UK postcode (like SW1A 1AA or SW1A), a 5-digit US ZIP code (like 10001), "
    "or latitude and longitude (like 51.5, -0.12)"
)
OUT_OF_RANGE = _("Enter a latitude between -90 and 90 and a longitude between -180 and 180")
NORTHERN_IRELAND = _(
    "We cannot look up Northern Ireland postcodes yet. Enter latitude and longitude instead, like 54.6, -5.93"
)
ZIP_CODE_NOT_FOUND = _("We could not find the ZIP code %(zip_code)s. Check it and try again")
POSTCODE_NOT_FOUND = _(
    "We could not find the postcode %(postcode)s. Check it, or enter just the first part, like %(outward)s"
)
POSTCODE_AREA_NOT_FOUND = _("We could not find the postcode area %(outward)s. Check it and try again")
ZIP_CODE_PLACE = _("ZIP code %(zip_code)s")


@dataclass(frozen=True)
class Place:
    label: str  # in English
    point: Point
    is_approximate: bool  # a postcode sector, district or ZIP code centre rather than the exact point typed
    # The label before its values went in, for the page to translate, as PlaceProblem's
    wording: str = field(default="", compare=False)
    values: tuple[tuple[str, str], ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class PlaceProblem:
    message: str  # in English
    # The message before its values went in, for the page to translate: gettext(wording) % dict(values)
    wording: str = field(default="", compare=False)
    values: tuple[tuple[str, str], ...] = field(default=(), compare=False)


def problem(wording: str, **values: str) -> PlaceProblem:
    return PlaceProblem(wording % values if values else wording, wording, tuple(values.items()))


def find_place(
    typed: str,
    *,
    uk_places: Callable[[], dict[str, tuple[float, float]]] = uk_postcode_places,
    us_places: Callable[[], dict[str, tuple[float, float]]] = us_zip_code_places,
) -> Place | PlaceProblem:
    text = " ".join(typed.strip().split())[:MAXIMUM_INPUT_LENGTH]
    compact = text.upper().replace(" ", "")
    if coordinates := LATITUDE_LONGITUDE.match(text):
        return place_at(coordinates["latitude"], coordinates["longitude"])
    if zip_code := US_ZIP_CODE.match(compact):
        return place_for_zip_code(zip_code["zip"], us_places())
    if postcode := UK_POSTCODE.match(compact):
        return place_for_postcode(postcode["outward"], postcode["inward"], uk_places())
    if UK_OUTWARD_CODE.match(compact):
        return place_for_outward_code(compact, uk_places())
    return problem(NOT_RECOGNISED)


def place_at(latitude_text: str, longitude_text: str) -> Place | PlaceProblem:
    latitude, longitude = float(latitude_text), float(longitude_text)
    if not is_valid_point(latitude, longitude):
        return problem(OUT_OF_RANGE)
    return Place(f"{latitude_text}, {longitude_text}", Point(latitude, longitude), is_approximate=False)


def place_for_zip_code(zip_code: str, places: dict[str, tuple[float, float]]) -> Place | PlaceProblem:
    if zip_code not in places:
        return problem(ZIP_CODE_NOT_FOUND, zip_code=zip_code)
    values = (("zip_code", zip_code),)
    return Place(ZIP_CODE_PLACE % dict(values), Point(*places[zip_code]), True, ZIP_CODE_PLACE, values)


def place_for_postcode(outward: str, inward: str, places: dict[str, tuple[float, float]]) -> Place | PlaceProblem:
    if is_northern_irish(outward):
        return problem(NORTHERN_IRELAND)
    sector = f"{outward} {inward[0]}"
    if sector not in places:
        return problem(POSTCODE_NOT_FOUND, postcode=f"{outward} {inward}", outward=outward)
    return Place(f"{outward} {inward}", Point(*places[sector]), is_approximate=True)


def place_for_outward_code(outward: str, places: dict[str, tuple[float, float]]) -> Place | PlaceProblem:
    if is_northern_irish(outward):
        return problem(NORTHERN_IRELAND)
    if outward not in places:
        return problem(POSTCODE_AREA_NOT_FOUND, outward=outward)
    return Place(outward, Point(*places[outward]), is_approximate=True)


def is_northern_irish(outward: str) -> bool:
    return outward.startswith(NORTHERN_IRELAND_AREA) and outward[2:3].isdigit()
