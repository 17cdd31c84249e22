"""Ordnance Survey National Grid eastings and northings (OSGB36) to WGS84 latitude and longitude. Pure.

Used only to build the shipped postcode file from Code-Point Open. The method is the Ordnance Survey's own: the
inverse Transverse Mercator projection on the Airy 1830 ellipsoid, then a seven-parameter Helmert transformation
to WGS84, good to a few metres (OS, "A guide to coordinate systems in Great Britain", annexes C and 6.6).
"""

from __future__ import annotations

import math

AIRY_1830 = (6_377_563.396, 6_356_256.909)
GRS80_WGS84 = (6_378_137.0, 6_356_752.314245)
SCALE_ON_CENTRAL_MERIDIAN = 0.9996012717
TRUE_ORIGIN = (math.radians(49.0), math.radians(-2.0))
FALSE_ORIGIN = (400_000.0, -100_000.0)  # easting, northing
# OSGB36 → WGS84: translations in metres, scale in parts per million, rotations in arc seconds
HELMERT_TRANSLATION = (446.448, -125.157, 542.060)
HELMERT_SCALE_PPM = -20.4894
HELMERT_ROTATION_SECONDS = (0.1502, 0.2470, 0.8421)


def national_grid_to_wgs84(easting: float, northing: float) -> tuple[float, float]:
    latitude, longitude = grid_to_airy_latitude_longitude(easting, northing)
    x, y, z = to_cartesian(latitude, longitude, AIRY_1830)
    return to_latitude_longitude(*helmert(x, y, z), GRS80_WGS84)


def meridional_arc(latitude: float, semi_major: float, semi_minor: float) -> float:
    n = (semi_major - semi_minor) / (semi_major + semi_minor)
    origin = TRUE_ORIGIN[0]
    difference, total = latitude - origin, latitude + origin
    return (
        semi_minor
        * SCALE_ON_CENTRAL_MERIDIAN
        * (
            (1 + n + 5 / 4 * n**2 + 5 / 4 * n**3) * difference
            - (3 * n + 3 * n**2 + 21 / 8 * n**3) * math.sin(difference) * math.cos(total)
            + (15 / 8 * n**2 + 15 / 8 * n**3) * math.sin(2 * difference) * math.cos(2 * total)
            - 35 / 24 * n**3 * math.sin(3 * difference) * math.cos(3 * total)
        )
    )


def grid_to_airy_latitude_longitude(easting: float, northing: float) -> tuple[float, float]:
    semi_major, semi_minor = AIRY_1830
    scaled_major = semi_major * SCALE_ON_CENTRAL_MERIDIAN
    eccentricity_squared = 1 - semi_minor**2 / semi_major**2
    false_easting, false_northing = FALSE_ORIGIN
    latitude = TRUE_ORIGIN[0]
    arc = 0.0
    while True:
        latitude += (northing - false_northing - arc) / scaled_major
        arc = meridional_arc(latitude, semi_major, semi_minor)
        if abs(northing - false_northing - arc) < 0.00001:
            break
    sine, tangent, secant = math.sin(latitude), math.tan(latitude), 1 / math.cos(latitude)
    nu = scaled_major / math.sqrt(1 - eccentricity_squared * sine**2)
    rho = scaled_major * (1 - eccentricity_squared) / (1 - eccentricity_squared * sine**2) ** 1.5
    eta_squared = nu / rho - 1
    seven = tangent / (2 * rho * nu)
    eight = tangent / (24 * rho * nu**3) * (5 + 3 * tangent**2 + eta_squared - 9 * tangent**2 * eta_squared)
    nine = tangent / (720 * rho * nu**5) * (61 + 90 * tangent**2 + 45 * tangent**4)
    ten = secant / nu
    eleven = secant / (6 * nu**3) * (nu / rho + 2 * tangent**2)
    twelve = secant / (120 * nu**5) * (5 + 28 * tangent**2 + 24 * tangent**4)
    twelve_a = secant / (5040 * nu**7) * (61 + 662 * tangent**2 + 1320 * tangent**4 + 720 * tangent**6)
    offset = easting - false_easting
    return (
        latitude - seven * offset**2 + eight * offset**4 - nine * offset**6,
        TRUE_ORIGIN[1] + ten * offset - eleven * offset**3 + twelve * offset**5 - twelve_a * offset**7,
    )


def to_cartesian(latitude: float, longitude: float, ellipsoid: tuple[float, float]) -> tuple[float, float, float]:
    semi_major, semi_minor = ellipsoid
    eccentricity_squared = 1 - semi_minor**2 / semi_major**2
    nu = semi_major / math.sqrt(1 - eccentricity_squared * math.sin(latitude) ** 2)
    return (
        nu * math.cos(latitude) * math.cos(longitude),
        nu * math.cos(latitude) * math.sin(longitude),
        (1 - eccentricity_squared) * nu * math.sin(latitude),
    )


def helmert(x: float, y: float, z: float) -> tuple[float, float, float]:
    tx, ty, tz = HELMERT_TRANSLATION
    scale = 1 + HELMERT_SCALE_PPM * 1e-6
    rx, ry, rz = (math.radians(seconds / 3600) for seconds in HELMERT_ROTATION_SECONDS)
    return (
        tx + scale * x - rz * y + ry * z,
        ty + rz * x + scale * y - rx * z,
        tz - ry * x + rx * y + scale * z,
    )


def to_latitude_longitude(x: float, y: float, z: float, ellipsoid: tuple[float, float]) -> tuple[float, float]:
    semi_major, semi_minor = ellipsoid
    eccentricity_squared = 1 - semi_minor**2 / semi_major**2
    distance_from_axis = math.hypot(x, y)
    latitude = math.atan2(z, distance_from_axis * (1 - eccentricity_squared))
    for _ in range(10):
        nu = semi_major / math.sqrt(1 - eccentricity_squared * math.sin(latitude) ** 2)
        latitude = math.atan2(z + eccentricity_squared * nu * math.sin(latitude), distance_from_axis)
    return math.degrees(latitude), math.degrees(math.atan2(y, x))
