from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from waypost.directory.geography.build_place_data import code_point_rows, uk_centroids, us_zip_codes, write_place_file
from waypost.directory.geography.place_data import read_place_file


def test_averages_postcodes_into_sectors_and_districts(tmp_path: Path) -> None:
    with gzip.open(tmp_path / "sw.csv.gz", "wt") as lines:
        lines.write(
            "SW1A 1AA,10,529090,179645\nSW1A 1AB,10,529290,179645\nSW1A 2AA,10,530000,180000\nSW1A 9ZZ,90,0,0\n"
        )

    centres = uk_centroids(code_point_rows(tmp_path))

    assert set(centres) == {"SW1A", "SW1A 1", "SW1A 2"}
    assert centres["SW1A 1"][1] == pytest.approx(-0.14015, abs=1e-4)


def test_keeps_only_active_zip_codes_with_a_place() -> None:
    entries = [
        {"zip_code": "10001", "active": True, "zip_code_type": "STANDARD", "lat": "40.75", "long": "-73.99"},
        {"zip_code": "09001", "active": True, "zip_code_type": "MILITARY", "lat": "1", "long": "1"},
        {"zip_code": "10002", "active": False, "zip_code_type": "STANDARD", "lat": "40.7", "long": "-73.9"},
    ]

    assert us_zip_codes(entries) == {"10001": (40.75, -73.99)}


def test_writes_files_the_lookup_reads_back(tmp_path: Path) -> None:
    places = {"M1": (53.47744, -2.23631), "10001": (40.7484, -73.9967)}

    write_place_file(tmp_path / "places.csv.gz", places)

    assert read_place_file(tmp_path / "places.csv.gz") == {"10001": (40.7484, -73.9967), "M1": (53.4774, -2.2363)}
