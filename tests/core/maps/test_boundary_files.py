"""A newer boundary file loaded by the user: checked first, copied whole, vintage kept."""

from __future__ import annotations

import json
import shutil

import pytest

from commissioner_desk.maps.boundaries import BoundaryError
from commissioner_desk.maps.boundary_files import (
    boundaries_for,
    install_boundaries,
    user_boundaries,
)

SHARED = "police_force_areas.geojson"


def test_installed_file_is_used_with_its_vintage(tmp_path, geo_dir):
    if geo_dir is None:
        pytest.skip("needs ../shared/geo")
    newer = tmp_path / "PFA_DEC_2024.geojson"
    shutil.copyfile(geo_dir / SHARED, newer)
    assert boundaries_for(tmp_path / "data", geo_dir).vintage == "December 2023"
    loaded = install_boundaries(newer, tmp_path / "data", "December 2024")
    assert loaded.vintage == "December 2024" and len(loaded.areas) == 45
    path, vintage = user_boundaries(tmp_path / "data")
    assert path.parent == tmp_path / "data" / "boundaries" and vintage == "December 2024"
    newer.unlink()  # the original can go: the copy in the data folder is what is used
    assert boundaries_for(tmp_path / "data", geo_dir).vintage == "December 2024"


def test_a_broken_file_is_refused_and_nothing_is_copied(tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature"}]}))
    with pytest.raises(BoundaryError, match=r"bad\.geojson"):
        install_boundaries(bad, tmp_path / "data")
    assert user_boundaries(tmp_path / "data") is None
