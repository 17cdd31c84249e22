"""The shipped postcode and ZIP code centres (built by build_place_data.py), read once per process. No network."""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

DATA_FOLDER = Path(__file__).resolve().parent / "data"


def read_place_file(path: Path) -> dict[str, tuple[float, float]]:
    places = {}
    with gzip.open(path, "rt", encoding="ascii") as lines:
        for line in lines:
            code, latitude, longitude = line.rstrip("\n").split(",")
            places[code] = (float(latitude), float(longitude))
    return places


@cache
def uk_postcode_places() -> dict[str, tuple[float, float]]:
    """Centres of UK postcode sectors ("SW1A 1") and districts ("SW1A"), Great Britain only."""
    return read_place_file(DATA_FOLDER / "uk-postcode-sectors.csv.gz")


@cache
def us_zip_code_places() -> dict[str, tuple[float, float]]:
    return read_place_file(DATA_FOLDER / "us-zip-codes.csv.gz")
