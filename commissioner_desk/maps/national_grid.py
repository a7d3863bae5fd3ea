"""WGS84 longitude/latitude to British National Grid (EPSG:27700), by the Ordnance Survey's
published method ("A guide to coordinate systems in Great Britain", annexes B and C):

1. latitude/longitude on the GRS80 ellipsoid → Cartesian coordinates;
2. the 7-parameter Helmert transformation to OSGB36 (good to about 5 metres);
3. Cartesian → latitude/longitude on the Airy 1830 ellipsoid;
4. the Transverse Mercator projection of the National Grid.

Written out here rather than taken from pyproj because pyproj brings the whole PROJ library
and its database (about 30 MB) into the Windows build for one fixed transformation; five
metres is far below a pixel on any map this app draws. tests/core/maps/test_national_grid.py
checks it against pyproj wherever that is installed (it is a test dependency).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

# Ellipsoids: semi-major and semi-minor axes, metres.
GRS80 = (6_378_137.000, 6_356_752.3141)
AIRY_1830 = (6_377_563.396, 6_356_256.909)

# WGS84 → OSGB36 Helmert parameters (OS guide, table 4): metres, ppm, arc-seconds.
TX, TY, TZ = -446.448, 125.157, -542.060
SCALE_PPM = 20.4894
RX, RY, RZ = -0.1502, -0.2470, -0.8421

# National Grid projection constants.
F0 = 0.9996012717
LAT0, LON0 = np.radians(49.0), np.radians(-2.0)
E0, N0 = 400_000.0, -100_000.0

_ARCSEC = np.pi / (180 * 3600)


def project_lonlat(lon: ArrayLike, lat: ArrayLike) -> tuple[Any, Any]:
    """Easting and northing in metres. Floats give floats; arrays give arrays."""
    scalar = np.ndim(lon) == 0 and np.ndim(lat) == 0
    phi, lam = _to_osgb36(np.radians(np.asarray(lat, float)), np.radians(np.asarray(lon, float)))
    e, n = _transverse_mercator(phi, lam)
    return (float(e), float(n)) if scalar else (e, n)


def _to_osgb36(phi: np.ndarray, lam: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x, y, z = _cartesian(phi, lam, *GRS80)
    s = 1 + SCALE_PPM * 1e-6
    rx, ry, rz = RX * _ARCSEC, RY * _ARCSEC, RZ * _ARCSEC
    x2 = TX + s * x - rz * y + ry * z
    y2 = TY + rz * x + s * y - rx * z
    z2 = TZ - ry * x + rx * y + s * z
    return _geodetic(x2, y2, z2, *AIRY_1830)


def _cartesian(phi, lam, a, b):
    e2 = 1 - (b * b) / (a * a)
    nu = a / np.sqrt(1 - e2 * np.sin(phi) ** 2)
    return (
        nu * np.cos(phi) * np.cos(lam),
        nu * np.cos(phi) * np.sin(lam),
        (1 - e2) * nu * np.sin(phi),
    )


def _geodetic(x, y, z, a, b):
    e2 = 1 - (b * b) / (a * a)
    p = np.hypot(x, y)
    phi = np.arctan2(z, p * (1 - e2))
    for _ in range(6):  # converges to well under a millimetre in three or four rounds
        nu = a / np.sqrt(1 - e2 * np.sin(phi) ** 2)
        phi = np.arctan2(z + e2 * nu * np.sin(phi), p)
    return phi, np.arctan2(y, x)


def _transverse_mercator(phi: np.ndarray, lam: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    a, b = AIRY_1830
    e2 = 1 - (b * b) / (a * a)
    n = (a - b) / (a + b)
    sin, cos, tan = np.sin(phi), np.cos(phi), np.tan(phi)
    nu = a * F0 / np.sqrt(1 - e2 * sin**2)
    rho = a * F0 * (1 - e2) / (1 - e2 * sin**2) ** 1.5
    eta2 = nu / rho - 1
    d, s_ = phi - LAT0, phi + LAT0
    m = (
        b
        * F0
        * (
            (1 + n + 1.25 * n**2 + 1.25 * n**3) * d
            - (3 * n + 3 * n**2 + 21 / 8 * n**3) * np.sin(d) * np.cos(s_)
            + (15 / 8 * n**2 + 15 / 8 * n**3) * np.sin(2 * d) * np.cos(2 * s_)
            - 35 / 24 * n**3 * np.sin(3 * d) * np.cos(3 * s_)
        )
    )
    i = m + N0
    ii = nu / 2 * sin * cos
    iii = nu / 24 * sin * cos**3 * (5 - tan**2 + 9 * eta2)
    iiia = nu / 720 * sin * cos**5 * (61 - 58 * tan**2 + tan**4)
    iv = nu * cos
    v = nu / 6 * cos**3 * (nu / rho - tan**2)
    vi = nu / 120 * cos**5 * (5 - 18 * tan**2 + tan**4 + 14 * eta2 - 58 * tan**2 * eta2)
    dl = lam - LON0
    north = i + ii * dl**2 + iii * dl**4 + iiia * dl**6
    east = E0 + iv * dl + v * dl**3 + vi * dl**5
    return east, north
