"""The National Grid projection written out from the Ordnance Survey's guide, checked against
the OS worked example and against PROJ (pyproj, a test dependency) on every boundary vertex."""

from __future__ import annotations

import json

import numpy as np
import pytest

from commissioner_desk.maps.national_grid import _transverse_mercator, project_lonlat


def _dms(d: float, m: float, s: float) -> float:
    return np.radians(d + m / 60 + s / 3600)


def test_os_worked_example_of_the_projection():
    # "A guide to coordinate systems in Great Britain", annex C: a point on the Airy ellipsoid.
    east, north = _transverse_mercator(_dms(52, 39, 27.2531), _dms(1, 43, 4.5177))
    assert east == pytest.approx(651_409.903, abs=0.001)
    assert north == pytest.approx(313_177.270, abs=0.001)


def test_scalars_and_arrays():
    x, y = project_lonlat(-0.1276, 51.5073)  # Charing Cross
    assert isinstance(x, float) and abs(x - 530_043) < 1 and abs(y - 180_369) < 1
    xs, ys = project_lonlat(np.array([-0.1276, -3.1883]), np.array([51.5073, 55.9533]))
    assert xs.shape == (2,) and abs(ys[1] - 673_900) < 500  # Edinburgh


def test_agrees_with_proj_on_every_boundary_vertex(geo_dir):
    pyproj = pytest.importorskip("pyproj")
    if geo_dir is None:
        pytest.skip("needs ../shared/geo")
    doc = json.loads((geo_dir / "police_force_areas.geojson").read_text(encoding="utf-8"))
    points: list[list[float]] = []

    def walk(c):
        if isinstance(c[0], (int, float)):
            points.append(c[:2])
        else:
            for part in c:
                walk(part)

    for feature in doc["features"]:
        walk(feature["geometry"]["coordinates"])
    lonlat = np.array(points)
    ours = project_lonlat(lonlat[:, 0], lonlat[:, 1])
    theirs = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True).transform(
        lonlat[:, 0], lonlat[:, 1]
    )
    assert np.hypot(ours[0] - theirs[0], ours[1] - theirs[1]).max() < 0.05  # metres
